package dev.routewatch.exporter;

import dev.routewatch.exporter.config.ExporterConfig;
import dev.routewatch.exporter.metrics.ExporterMetrics;
import dev.routewatch.exporter.openrouter.OpenRouterClient;
import dev.routewatch.exporter.poll.ModelPoller;
import dev.routewatch.exporter.poll.PollScheduler;
import dev.routewatch.exporter.poll.RequestBudget;
import dev.routewatch.exporter.snapshot.SnapshotStore;
import dev.routewatch.exporter.web.WebServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running exporter: builds every part from a validated configuration, in the direction the data
 * flows (store, metrics, client, polling, web), and stops them in reverse. One client, one budget
 * and one store serve every model: OpenRouter limits per API key, and a scrape must see one
 * consistent state.
 */
public final class Exporter implements AutoCloseable {

  private static final Logger logger = LoggerFactory.getLogger(Exporter.class);

  private final OpenRouterClient client;
  private final PollScheduler scheduler;
  private final WebServer web;

  private Exporter(OpenRouterClient client, PollScheduler scheduler, WebServer web) {
    this.client = client;
    this.scheduler = scheduler;
    this.web = web;
  }

  public static Exporter start(ExporterConfig config, BuildInfo build)
      throws IOException, SchedulerException {
    SnapshotStore store = new SnapshotStore(config.models());
    ExporterMetrics metrics = new ExporterMetrics(store, config.poll().staleAfter(), build);
    ExporterConfig.Upstream upstream = config.openrouter();
    OpenRouterClient client =
        new OpenRouterClient(upstream, build.userAgent(), metrics.apiRequestListener());
    RequestBudget budget =
        new RequestBudget(upstream.maxConcurrentRequests(), upstream.maxRequestsPerMinute());
    ModelPoller poller =
        new ModelPoller(client::modelEndpoints, budget, store, config.poll().interval());
    PollScheduler scheduler =
        new PollScheduler(poller, config.poll().interval(), upstream.maxConcurrentRequests());
    WebServer web =
        new WebServer(config.listenAddress(), metrics.prometheusRegistry(), store, build);
    web.start();
    scheduler.start(config.models());
    Exporter exporter = new Exporter(client, scheduler, web);
    logger.info(
        "Listening on {}:{}; polling {} models every {}s",
        exporter.address().getHostString(),
        exporter.address().getPort(),
        config.models().size(),
        config.poll().interval().toSeconds());
    return exporter;
  }

  /** The address /metrics is served on (with port 0 configured, the port that was picked). */
  public InetSocketAddress address() {
    return web.address();
  }

  /** Stops triggers, cancels calls in flight and closes the listener, without waiting on any. */
  @Override
  public void close() {
    try {
      scheduler.close();
    } catch (SchedulerException e) {
      logger.warn("Stopping the scheduler failed: {}", e.toString());
    }
    client.cancelAll();
    client.close();
    web.close();
    logger.info("Stopped");
  }
}
