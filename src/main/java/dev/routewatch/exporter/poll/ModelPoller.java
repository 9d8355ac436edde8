package dev.routewatch.exporter.poll;

import dev.routewatch.exporter.config.ModelId;
import dev.routewatch.exporter.openrouter.FailureReason;
import dev.routewatch.exporter.openrouter.ModelEndpoints;
import dev.routewatch.exporter.openrouter.UpstreamException;
import dev.routewatch.exporter.snapshot.ModelState;
import dev.routewatch.exporter.snapshot.SnapshotStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls one model: spends from the shared budget, calls the API and records the outcome in the
 * store. Whatever goes wrong costs this model this poll and nothing else: every failure becomes a
 * state with {@code up} = 0 and a counted reason.
 */
public final class ModelPoller {

  private static final Logger logger = LoggerFactory.getLogger(ModelPoller.class);

  private final ModelFetcher fetcher;
  private final RequestBudget budget;
  private final SnapshotStore store;
  private final Clock clock;

  public ModelPoller(ModelFetcher fetcher, RequestBudget budget, SnapshotStore store, Clock clock) {
    this.fetcher = fetcher;
    this.budget = budget;
    this.store = store;
    this.clock = clock;
  }

  /**
   * @throws InterruptedException when the exporter shuts down; the model's state is left as it was,
   *     since the poll did not fail.
   */
  public void poll(ModelId model) throws InterruptedException {
    try (RequestBudget.Permit ignored = budget.acquire()) {
      long started = System.nanoTime();
      try {
        ModelEndpoints answer = fetcher.fetch(model);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        store.update(model, state -> state.succeeded(answer, clock.instant(), took));
        logger.debug(
            "Polled {}: {} endpoints in {} ms", model, answer.endpoints().size(), took.toMillis());
      } catch (UpstreamException e) {
        recordFailure(model, e.reason(), e.getMessage(), started);
      } catch (RuntimeException e) {
        // A bug in parsing or rendering one answer must not stop this model's job for good.
        logger.error("Unexpected error while polling {}", model, e);
        recordFailure(model, FailureReason.BAD_RESPONSE, "unexpected error", started);
      }
    }
  }

  private void recordFailure(ModelId model, FailureReason reason, String message, long started) {
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    Instant now = clock.instant();
    // This job is the only writer of this model's state, so what it read is what it replaces.
    ModelState before = store.current().models().get(model);
    store.update(model, state -> state.failed(reason, message, now, took));
    // One line when a model's trouble starts or changes, not one per poll while it lasts.
    boolean sameTrouble =
        before != null
            && before.polledOnce()
            && !before.up()
            && before.lastFailure() == reason
            && message.equals(before.lastError());
    if (sameTrouble) {
      logger.debug("Poll of {} failed again ({}): {}", model, reason.label(), message);
    } else {
      logger.warn("Poll of {} failed ({}): {}", model, reason.label(), message);
    }
  }
}
