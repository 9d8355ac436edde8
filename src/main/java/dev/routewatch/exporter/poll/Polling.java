package dev.routewatch.exporter.poll;

import dev.routewatch.exporter.account.AccountReader;
import dev.routewatch.exporter.account.AccountResults;
import dev.routewatch.exporter.config.ExporterConfig;
import dev.routewatch.exporter.config.ModelId;
import dev.routewatch.exporter.openrouter.ApiRequestListener;
import dev.routewatch.exporter.openrouter.Catalog;
import dev.routewatch.exporter.openrouter.FailureReason;
import dev.routewatch.exporter.openrouter.OpenRouterClient;
import dev.routewatch.exporter.openrouter.UpstreamException;
import dev.routewatch.exporter.snapshot.DiscoveryState;
import dev.routewatch.exporter.snapshot.Lifecycles;
import dev.routewatch.exporter.snapshot.Moment;
import dev.routewatch.exporter.snapshot.SnapshotStore;
import dev.routewatch.exporter.snapshot.TimeSource;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything that polls, built from one configuration: one client and one scheduler for every
 * model, for discovery and for the account's reads, spending from one budget, since OpenRouter
 * limits per API key. It decides which models are polled ({@link ModelSelection}) from the
 * configuration and the last catalog that discovery read. Discovery reads the catalog every {@code
 * discovery.interval} even without a pattern, for the model lifecycles it lists. A reload that
 * keeps the upstream settings and the interval {@link #update updates} it; any other replaces it,
 * with the same budget and {@link Replicas}.
 */
public final class Polling implements AutoCloseable {

  private static final Logger logger = LoggerFactory.getLogger(Polling.class);

  private final OpenRouterClient client;
  private final RequestBudget budget;
  private final ModelPoller poller;
  private final PollScheduler scheduler;
  private final SnapshotStore store;
  private final DiscoveryResults discoveries;
  private final AccountResults accountResults;
  private final TimeSource time;

  // Guarded by this: a reload and a discovery may change the selection at the same time.
  private ExporterConfig config;
  private List<String> catalog;

  private Polling(
      ExporterConfig config,
      List<String> catalog,
      OpenRouterClient client,
      RequestBudget budget,
      ModelPoller poller,
      PollScheduler scheduler,
      SnapshotStore store,
      DiscoveryResults discoveries,
      AccountResults accountResults,
      TimeSource time) {
    this.config = config;
    this.catalog = catalog;
    this.client = client;
    this.budget = budget;
    this.poller = poller;
    this.scheduler = scheduler;
    this.store = store;
    this.discoveries = discoveries;
    this.accountResults = accountResults;
    this.time = time;
  }

  /**
   * Starts polling the models of {@code config}, and discovery.
   *
   * @param budget what every request spends from; it outlives this instance, and takes the limits
   *     of {@code config}
   * @param store what this replica knows of every model; discovery's selection goes there too
   * @param replicas where the schedule is kept and outcomes go, and the catalog to start from
   */
  public static Polling start(
      ExporterConfig config,
      RequestBudget budget,
      SnapshotStore store,
      Replicas replicas,
      ApiRequestListener listener,
      String userAgent,
      TimeSource time)
      throws SchedulerException {
    ExporterConfig.Upstream upstream = config.openrouter();
    OpenRouterClient client = new OpenRouterClient(upstream, userAgent, listener);
    budget.limit(upstream.maxConcurrentRequests(), upstream.maxRequestsPerMinute());
    ModelPoller poller =
        new ModelPoller(
            replicas.fetcher(client),
            budget,
            store,
            replicas.results(),
            config.poll().interval(),
            upstream.baseUrl(),
            time);
    PollScheduler scheduler =
        new PollScheduler(
            poller, config.poll().interval(), threads(config), replicas.schedule(), time);
    Polling polling =
        new Polling(
            config,
            replicas.catalog(),
            client,
            budget,
            poller,
            scheduler,
            store,
            replicas.discoveries(),
            replicas.accountResults(),
            time);
    List<ModelId> models = polling.select();
    scheduler.start(models);
    replicas.onCatalog(polling::adoptCatalog);
    // Another replica may have scheduled discovery already: keep its rhythm.
    polling.scheduleDiscovery(false);
    polling.scheduleAccount(false);
    return polling;
  }

  /**
   * Two threads more than calls in flight: discovery and the account reads must not wait behind a
   * full round of polls.
   */
  public static int threads(ExporterConfig config) {
    return config.openrouter().maxConcurrentRequests() + 2;
  }

  /** Whether {@code next} can be applied by {@link #update} rather than a new instance. */
  public synchronized boolean canUpdateTo(ExporterConfig next) {
    return next.openrouter().equals(config.openrouter())
        && next.poll().interval().equals(config.poll().interval());
  }

  /** Applies a reloaded configuration that {@link #canUpdateTo} accepts. */
  public synchronized void update(ExporterConfig next) throws SchedulerException {
    boolean discoveryChanged = !next.discovery().equals(config.discovery());
    boolean accountChanged = !next.account().equals(config.account());
    config = next;
    apply(select());
    if (discoveryChanged) {
      scheduleDiscovery(true);
    }
    if (accountChanged) {
      scheduleAccount(true);
    }
  }

  /** Stops triggers, interrupts polls and cancels calls in flight, without waiting for them. */
  @Override
  public void close() {
    try {
      scheduler.close();
    } catch (SchedulerException e) {
      logger.warn("Stopping the scheduler failed: {}", e.toString());
    }
    client.close();
  }

  /** Reads the catalog once; on failure the models selected before stay. */
  private void discover() {
    Catalog read;
    try (RequestBudget.Permit ignored = budget.acquire()) {
      read = client.catalog();
    } catch (UpstreamException e) {
      if (e.reason() == FailureReason.RATE_LIMITED) {
        budget.rateLimited(e.retryAfter());
      }
      logger.warn(
          "Discovery failed ({}): {}; polling the models found before",
          e.reason().label(),
          e.getMessage());
      discoveries.failed(e.reason());
      return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    } catch (RuntimeException e) {
      // A bug in reading one catalog must not leave readiness waiting for discovery for good.
      logger.error("Discovery failed unexpectedly; polling the models found before", e);
      discoveries.failed(FailureReason.BAD_RESPONSE);
      return;
    }
    discoveries.succeeded(read, time.now().wall());
  }

  /**
   * Polls the matches of {@code read}, a catalog this replica or another read, and then applies
   * {@code discovery} to the discovery state and shows the catalog's model lifecycles.
   */
  private void adoptCatalog(CatalogRead read, UnaryOperator<DiscoveryState> discovery) {
    Duration interval;
    synchronized (this) {
      interval = config.discovery().interval();
      catalog = read.catalog().ids();
      try {
        apply(select());
      } catch (SchedulerException e) {
        logger.error("Discovery could not reschedule polling: {}", e.toString());
        return;
      }
    }
    store.updateDiscovery(discovery);
    if (read.at() != null) {
      Moment readAt = Moment.before(read.at(), time.now());
      store.updateLifecycles(new Lifecycles(read.catalog().lifecycles(), readAt.plus(interval)));
    }
  }

  /** The models to poll now, with the discovery counts recorded in the store in the same step. */
  private List<ModelId> select() {
    ModelSelection selection = ModelSelection.of(config, catalog);
    if (selection.capped() > 0) {
      logger.warn(
          "{} models match the patterns beyond discovery.max_models ({}); they are not polled",
          selection.capped(),
          config.discovery().maxModels());
    }
    boolean discovering = config.discovery().enabled();
    store.reconfigure(
        selection.models(),
        state ->
            !discovering
                ? null
                : (state == null ? DiscoveryState.pending(config.models().size()) : state)
                    .withCounts(
                        selection.models().size(), selection.excluded(), selection.capped()));
    return selection.models();
  }

  private void apply(List<ModelId> models) throws SchedulerException {
    scheduler.update(models);
    poller.retain(models);
  }

  /**
   * @param replace whether to start the account schedule afresh (a reload changed it), or to keep
   *     one another replica has running
   */
  private void scheduleAccount(boolean replace) throws SchedulerException {
    AccountReader reader = new AccountReader(config, client, budget, accountResults, time);
    scheduler.readAccountEvery(
        config.account().interval(), reader.anything() ? reader::readAll : null, replace);
  }

  /**
   * @param replace whether to start the discovery schedule afresh (a reload changed discovery), or
   *     to keep one another replica has running
   */
  private void scheduleDiscovery(boolean replace) throws SchedulerException {
    ExporterConfig.Discovery discovery = config.discovery();
    scheduler.discoverEvery(discovery.interval(), this::discover, replace);
  }
}
