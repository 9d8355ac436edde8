package dev.routewatch.exporter;

import dev.routewatch.exporter.account.AccountStore;
import dev.routewatch.exporter.cluster.Cluster;
import dev.routewatch.exporter.config.ConfigException;
import dev.routewatch.exporter.config.ExporterConfig;
import dev.routewatch.exporter.config.ListenAddress;
import dev.routewatch.exporter.config.WebConfig;
import dev.routewatch.exporter.config.WebFlags;
import dev.routewatch.exporter.metrics.BuildInfo;
import dev.routewatch.exporter.metrics.ExporterMetrics;
import dev.routewatch.exporter.otlp.OtlpPush;
import dev.routewatch.exporter.poll.Polling;
import dev.routewatch.exporter.poll.Replicas;
import dev.routewatch.exporter.poll.RequestBudget;
import dev.routewatch.exporter.poll.SingleReplica;
import dev.routewatch.exporter.poll.StartupException;
import dev.routewatch.exporter.snapshot.SnapshotStore;
import dev.routewatch.exporter.snapshot.TimeSource;
import dev.routewatch.exporter.web.ReloadOutcome;
import dev.routewatch.exporter.web.WebServer;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.Optional;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running exporter: builds every part from a validated configuration, in the direction the data
 * flows (store, metrics, the {@link Replicas} it polls with, polling, web), reloads it on request,
 * and stops the parts in reverse. The store, the metrics, the replicas, the request budget and the
 * web server live as long as the process; polling is updated or replaced by a reload.
 */
public final class Exporter implements AutoCloseable {

  private static final Logger logger = LoggerFactory.getLogger(Exporter.class);

  /** Where a reload reads the configuration again: the file, with the flags applied. */
  @FunctionalInterface
  public interface ConfigSource {
    ExporterConfig load() throws ConfigException;
  }

  private final ConfigSource source;
  private final BuildInfo build;
  private final TimeSource time;
  private final SnapshotStore store;
  private final AccountStore account = new AccountStore();
  private final RequestBudget budget;
  private final ExporterMetrics metrics;
  private final Replicas replicas;
  private final WebServer web;
  private final Optional<OtlpPush> push;
  private final Reloads reloads = new Reloads(this::reload);

  // Guarded by this: reloads apply one at a time, and none after close. Volatile for the landing
  // page, which reads it without the lock.
  private volatile ExporterConfig config;
  private boolean closed;
  private Polling polling;

  /**
   * Starts serving and polling.
   *
   * @param source where {@link #reload()} reads the configuration again
   * @param lifecycle whether {@code POST /-/reload} is served ({@code --web.enable-lifecycle})
   * @param webConfig TLS, basic authentication and headers for every path ({@code
   *     --web.config.file}); read at start only
   * @param webFlags more addresses to serve on and the metrics' path
   * @param time the clocks every part reads
   * @throws StartupException a part could not start: the address is taken, the database cannot be
   *     reached
   */
  public Exporter(
      ExporterConfig config,
      ConfigSource source,
      boolean lifecycle,
      WebConfig webConfig,
      WebFlags webFlags,
      BuildInfo build,
      TimeSource time)
      throws StartupException {
    this.source = source;
    this.build = build;
    this.time = time;
    this.config = config;
    this.store = new SnapshotStore(config.models());
    this.budget =
        new RequestBudget(
            config.openrouter().maxConcurrentRequests(),
            config.openrouter().maxRequestsPerMinute());
    this.metrics = new ExporterMetrics(store, config.poll().staleAfter(), build, time);
    metrics.configLoaded(config);
    account.configure(config);
    metrics.account(account);
    this.replicas =
        config.cluster().isPresent()
            ? Cluster.join(config, store, account, metrics, time)
            : new SingleReplica(store, account);
    boolean started = false;
    try {
      this.polling = startPolling(config);
      this.web =
          new WebServer(
              config.listenAddress(),
              webFlags,
              metrics,
              store,
              account,
              replicas::outOfSync,
              build,
              lifecycle ? Optional.of(this::reloadNow) : Optional.empty(),
              webConfig,
              time,
              () -> this.config);
      started = true;
    } catch (BindException e) {
      throw StartupException.invalidSetting(
          "web.listen_address",
          "cannot listen on "
              + ListenAddress.format(config.listenAddress())
              + " (in use, or not an address of this host)",
          e);
    } catch (SchedulerException | IOException e) {
      throw StartupException.failed(e);
    } finally {
      if (!started) {
        if (polling != null) {
          polling.close();
        }
        replicas.close();
      }
    }
    web.start();
    this.push = config.otlp().enabled() ? Optional.of(startPush(config)) : Optional.empty();
    logger.info(
        "TLS is {}; basic authentication is {}",
        webConfig
            .tls()
            .map(tls -> "enabled (" + String.join(", ", tls.protocols()) + ")")
            .orElse("disabled"),
        webConfig.basicAuthUsers().isEmpty() ? "off" : "on");
    logger.info(
        "Listening on {}; polling {} models every {}s",
        ListenAddress.format(web.address()),
        config.models().size(),
        config.poll().interval().toSeconds());
    web.moreAddresses()
        .forEach(more -> logger.info("Listening on {} too", ListenAddress.format(more)));
  }

  private Polling startPolling(ExporterConfig config) throws SchedulerException {
    return Polling.start(
        config, budget, store, replicas, metrics.apiRequestListener(), build.userAgent(), time);
  }

  /** The standard {@code OTEL_*} variables of the environment describe the pushes' source. */
  private OtlpPush startPush(ExporterConfig config) {
    OtlpPush started =
        OtlpPush.start(
            config.otlp(), metrics.prometheusRegistry(), System.getenv(), build.version(), time);
    metrics.otlp(started::failedPushes);
    return started;
  }

  /** The address /metrics is served on (with port 0 configured, the port that was picked). */
  public InetSocketAddress address() {
    return web.address();
  }

  /**
   * Reloads the configuration in the background, as Prometheus does on SIGHUP; while a reload runs,
   * one more is run after it.
   */
  public void requestReload() {
    reloads.request();
  }

  /** {@code POST /-/reload}: reloads and waits for the outcome, unless a reload runs already. */
  private ReloadOutcome reloadNow() {
    return reloads
        .startIfIdle()
        .map(
            done ->
                done.join()
                    .<ReloadOutcome>map(ReloadOutcome.Failed::new)
                    .orElseGet(ReloadOutcome.Applied::new))
        .orElseGet(ReloadOutcome.Busy::new);
  }

  /**
   * Reads the configuration again and applies it: added models are polled at once, removed ones
   * leave no series behind, changed settings apply. An invalid file changes nothing but {@code
   * openrouter_config_last_reload_successful}. The file is read outside the lock, so that a file
   * that takes long to read (up to the read limit) does not hold up {@link #close()}.
   *
   * @return the problem when the reload failed
   */
  private Optional<String> reload() {
    ExporterConfig next;
    try {
      next = source.load();
      synchronized (this) {
        if (closed) {
          return Optional.of(Reloads.STOPPING);
        }
        apply(next);
      }
    } catch (ConfigException e) {
      metrics.configReloadFailed();
      logger.error("Reload failed, the running configuration stays: {}", e.getMessage());
      return Optional.of(e.getMessage());
    } catch (SchedulerException e) {
      metrics.configReloadFailed();
      logger.error("Reload failed, polling could not be rescheduled: {}", e.toString());
      return Optional.of("polling could not be rescheduled");
    }
    metrics.configLoaded(next);
    logger.info(
        "Reloaded: polling {} models every {}s",
        next.models().size(),
        next.poll().interval().toSeconds());
    return Optional.empty();
  }

  private void apply(ExporterConfig next) throws SchedulerException {
    if (!next.listenAddress().equals(config.listenAddress())) {
      logger.warn("web.listen_address changes take effect at the next start");
    }
    if (!next.cluster().equals(config.cluster())) {
      logger.warn("cluster changes take effect at the next start");
    }
    if (!next.otlp().equals(config.otlp())) {
      logger.warn("otlp changes take effect at the next start");
    }
    if (polling.canUpdateTo(next)) {
      polling.update(next);
    } else {
      polling.close();
      polling = startPolling(next);
    }
    replicas.reconfigure(next);
    account.configure(next);
    config = next;
  }

  /**
   * Stops triggers, cancels calls in flight and closes the listener, without waiting on any; a
   * reload still reading its file is dropped.
   */
  @Override
  public synchronized void close() {
    closed = true;
    reloads.close();
    push.ifPresent(OtlpPush::close);
    polling.close();
    web.close();
    replicas.close();
    logger.info("Stopped");
  }
}
