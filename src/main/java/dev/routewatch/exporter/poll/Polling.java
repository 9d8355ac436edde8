package dev.routewatch.exporter.poll;

import dev.routewatch.exporter.config.ExporterConfig;
import dev.routewatch.exporter.config.ModelId;
import dev.routewatch.exporter.openrouter.ApiRequestListener;
import dev.routewatch.exporter.openrouter.OpenRouterClient;
import dev.routewatch.exporter.snapshot.SnapshotStore;
import java.util.List;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything that polls, built from one configuration: one client, one budget and one scheduler for
 * every model, since OpenRouter limits per API key. A reload that changes only the models {@link
 * #update updates} it; one that changes the upstream settings or the interval replaces it.
 */
public final class Polling implements AutoCloseable {

  private static final Logger logger = LoggerFactory.getLogger(Polling.class);

  private final ExporterConfig config;
  private final OpenRouterClient client;
  private final ModelPoller poller;
  private final PollScheduler scheduler;

  private Polling(
      ExporterConfig config, OpenRouterClient client, ModelPoller poller, PollScheduler scheduler) {
    this.config = config;
    this.client = client;
    this.poller = poller;
    this.scheduler = scheduler;
  }

  /** Starts polling every model of {@code config} into {@code store}. */
  public static Polling start(
      ExporterConfig config, SnapshotStore store, ApiRequestListener listener, String userAgent)
      throws SchedulerException {
    ExporterConfig.Upstream upstream = config.openrouter();
    OpenRouterClient client = new OpenRouterClient(upstream, userAgent, listener);
    RequestBudget budget =
        new RequestBudget(upstream.maxConcurrentRequests(), upstream.maxRequestsPerMinute());
    ModelPoller poller =
        new ModelPoller(client::modelEndpoints, budget, store, config.poll().interval());
    PollScheduler scheduler =
        new PollScheduler(poller, config.poll().interval(), upstream.maxConcurrentRequests());
    scheduler.start(config.models());
    return new Polling(config, client, poller, scheduler);
  }

  /** Whether {@code next} can be applied by {@link #update} rather than a new instance. */
  public boolean canUpdateTo(ExporterConfig next) {
    return next.openrouter().equals(config.openrouter())
        && next.poll().interval().equals(config.poll().interval());
  }

  /** Polls exactly {@code models} from now on. */
  public void update(List<ModelId> models) throws SchedulerException {
    scheduler.update(models);
    poller.retain(models);
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
}
