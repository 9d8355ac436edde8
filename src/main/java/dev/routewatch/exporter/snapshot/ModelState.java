package dev.routewatch.exporter.snapshot;

import dev.routewatch.exporter.config.ModelId;
import dev.routewatch.exporter.openrouter.FailureReason;
import dev.routewatch.exporter.openrouter.ModelEndpoints;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * Everything known about one model after its latest poll. Immutable: a poll produces a new state
 * with {@link #succeeded} or {@link #failed}, and the store swaps it in.
 *
 * @param lastGoodAnswer the last successful answer, kept while later polls fail; null before
 * @param lastSuccess when {@code lastGoodAnswer} arrived; null before the first success
 * @param lastAttempt when the latest poll finished; null until the model was polled once
 * @param lastPollDuration how long the latest poll took; null until polled
 * @param up whether the latest poll succeeded
 * @param lastFailure why the latest poll failed; null when it succeeded
 * @param lastError what went wrong in the latest poll (safe to show); null when it succeeded
 * @param errorCounts failed polls by reason since start, every reason present
 */
public record ModelState(
    ModelId model,
    ModelEndpoints lastGoodAnswer,
    Moment lastSuccess,
    Moment lastAttempt,
    Duration lastPollDuration,
    boolean up,
    FailureReason lastFailure,
    String lastError,
    Map<FailureReason, Long> errorCounts) {

  public ModelState {
    errorCounts = Collections.unmodifiableMap(new EnumMap<>(errorCounts));
  }

  /** A model that has not been polled yet. */
  public static ModelState unpolled(ModelId model) {
    return new ModelState(
        model, null, null, null, null, false, null, null, FailureReason.zeroCounts());
  }

  public ModelState succeeded(ModelEndpoints answer, Moment at, Duration took) {
    return new ModelState(model, answer, at, at, took, true, null, null, errorCounts);
  }

  public ModelState failed(FailureReason reason, String error, Moment at, Duration took) {
    Map<FailureReason, Long> counts = new EnumMap<>(errorCounts);
    counts.merge(reason, 1L, Long::sum);
    return new ModelState(
        model, lastGoodAnswer, lastSuccess, at, took, false, reason, error, counts);
  }

  /**
   * When OpenRouter produced the last good answer: what its headers say, else when it arrived; null
   * before the first success.
   */
  public Instant dataTime() {
    if (lastGoodAnswer == null || lastSuccess == null) {
      return null;
    }
    Instant producedAt = lastGoodAnswer.producedAt();
    return producedAt != null ? producedAt : lastSuccess.wall();
  }

  public boolean polledOnce() {
    return lastAttempt != null;
  }

  /**
   * Whether the last good answer should still be exported at {@code now}: until it is older than
   * {@code staleAfter} by the monotonic clock, whatever the wall clock says. That holds whether the
   * latest poll failed or has not finished yet (every request held back by a rate limit): a success
   * is only as good as its age.
   */
  public boolean answerFresh(Moment now, Duration staleAfter) {
    return lastGoodAnswer != null && !staleAt(staleAfter).isBefore(now);
  }

  /** When the last good answer turns stale; only for a state with one. */
  public Moment staleAt(Duration staleAfter) {
    return lastSuccess.plus(staleAfter);
  }
}
