package dev.routewatch.exporter.poll;

import dev.routewatch.exporter.config.ModelId;
import dev.routewatch.exporter.openrouter.FailureReason;
import dev.routewatch.exporter.openrouter.ModelEndpoints;
import dev.routewatch.exporter.openrouter.UpstreamException;
import dev.routewatch.exporter.snapshot.ModelState;
import dev.routewatch.exporter.snapshot.Moment;
import dev.routewatch.exporter.snapshot.SnapshotStore;
import dev.routewatch.exporter.snapshot.TimeSource;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls one model: spends from the shared budget, calls the API and records the outcome ({@link
 * PollResults}). Whatever goes wrong costs this model this poll and nothing else: every failure
 * becomes a state with {@code up} = 0 and a counted reason. A model that keeps failing is polled
 * less often ({@link Backoff}); a 429 pauses the whole budget for its {@code Retry-After}. Delays
 * and durations are measured on the monotonic clock, so a step of the wall clock neither stretches
 * nor skips a backoff.
 */
public final class ModelPoller {

  private static final Logger logger = LoggerFactory.getLogger(ModelPoller.class);

  private final ModelFetcher fetcher;
  private final RequestBudget budget;
  private final SnapshotStore store;
  private final PollResults results;
  private final Backoff backoff;
  private final OutageLog outage;
  private final TimeSource time;

  /** Models whose latest polls failed; absent once a poll succeeds. */
  private final Map<ModelId, Failures> failing = new ConcurrentHashMap<>();

  private record Failures(int count, Moment notBefore) {}

  /**
   * @param store what this replica knows of each model (read to log a model's trouble once)
   * @param results where each outcome goes
   * @param upstream {@code openrouter.base_url}, named when every model fails
   */
  public ModelPoller(
      ModelFetcher fetcher,
      RequestBudget budget,
      SnapshotStore store,
      PollResults results,
      Duration interval,
      String upstream,
      TimeSource time) {
    this(
        fetcher,
        budget,
        store,
        results,
        new Backoff(interval, new Random()),
        new OutageLog(store, upstream),
        time);
  }

  /** For testing only: one replica, a chosen backoff and time. */
  ModelPoller(
      ModelFetcher fetcher,
      RequestBudget budget,
      SnapshotStore store,
      Backoff backoff,
      TimeSource time) {
    this(
        fetcher,
        budget,
        store,
        PollResults.into(store),
        backoff,
        new OutageLog(store, "https://openrouter.ai/api/v1"),
        time);
  }

  private ModelPoller(
      ModelFetcher fetcher,
      RequestBudget budget,
      SnapshotStore store,
      PollResults results,
      Backoff backoff,
      OutageLog outage,
      TimeSource time) {
    this.fetcher = fetcher;
    this.budget = budget;
    this.store = store;
    this.results = results;
    this.backoff = backoff;
    this.outage = outage;
    this.time = time;
  }

  /**
   * Polls {@code model}, unless it is backing off after failures.
   *
   * @throws InterruptedException when the exporter shuts down; the model's state is left as it was,
   *     since the poll did not fail.
   */
  public void poll(ModelId model) throws InterruptedException {
    Failures failures = failing.get(model);
    if (failures != null && time.now().isBefore(failures.notBefore())) {
      logger.debug("Skipping {}: backing off after {} failed polls", model, failures.count());
      return;
    }
    try (RequestBudget.Permit ignored = budget.acquire()) {
      Moment started = time.now();
      try {
        ModelEndpoints answer = fetcher.fetch(model);
        Moment now = time.now();
        Duration took = started.until(now);
        results.succeeded(model, answer, now, took);
        if (failing.remove(model) != null) {
          logger.info("Poll of {} succeeded again", model);
        }
        outage.afterSuccess(model).ifPresent(logger::info);
        logger.debug(
            "Polled {}: {} endpoints in {} ms", model, answer.endpoints().size(), took.toMillis());
        int ignoredOverrides = answer.ignoredPriceOverrides();
        if (ignoredOverrides > 0) {
          // Debug, not warn: the answer is fine, only some of its conditional prices are unusable.
          logger.debug(
              "Polled {}: ignored {} pricing.overrides entries that are neither a tier nor a time"
                  + " window (min_prompt_tokens with a window, half a window, an empty window)",
              model,
              ignoredOverrides);
        }
      } catch (UpstreamException e) {
        if (e.reason() == FailureReason.RATE_LIMITED) {
          budget.rateLimited(e.retryAfter());
        }
        recordFailure(model, e.reason(), e.getMessage(), started);
      } catch (RuntimeException e) {
        // A bug in parsing one answer must not stop this model's job for good.
        logger.error("Unexpected error while polling {}", model, e);
        recordFailure(model, FailureReason.BAD_RESPONSE, "unexpected error", started);
      }
    }
  }

  /** Forgets the backoff of models no longer polled. */
  public void retain(Collection<ModelId> models) {
    failing.keySet().retainAll(models);
  }

  private void recordFailure(ModelId model, FailureReason reason, String message, Moment started) {
    Moment now = time.now();
    Duration took = started.until(now);
    // This job is the only writer of this model's state, so what it read is what it replaces (in a
    // cluster, what the last poll on any replica left, as far as this replica has seen it).
    ModelState before = store.current().models().get(model);
    results.failed(model, reason, message, now, took);
    Failures previous = failing.get(model);
    int count = previous == null ? 1 : previous.count() + 1;
    failing.put(model, new Failures(count, now.plus(backoff.delay(count).minus(backoff.slack()))));
    // One line when a model's trouble starts or changes, not one per poll while it lasts.
    boolean sameTrouble =
        before != null
            && before.polledOnce()
            && !before.up()
            && before.lastFailure() == reason
            && message.equals(before.lastError());
    if (sameTrouble || outage.alreadyReported(reason, message)) {
      logger.debug("Poll of {} failed again ({}): {}", model, reason.label(), message);
    } else {
      logger.warn("Poll of {} failed ({}): {}", model, reason.label(), message);
    }
    outage.afterFailure(now).ifPresent(logger::warn);
  }
}
