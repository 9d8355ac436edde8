package dev.routewatch.exporter.account;

import dev.routewatch.exporter.openrouter.FailureReason;
import dev.routewatch.exporter.snapshot.Moment;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * What this replica knows of one configured account source, immutable.
 *
 * @param figures what the last successful read gave; null before the first
 * @param lastSuccess when that read was; null before
 * @param lastAttempt when the latest read finished, with success or not; null before the first
 * @param up whether the latest read succeeded
 * @param lastFailure why the latest failed read failed; null before the first failure
 * @param lastError the latest failure's message, safe to show (no key, no body)
 * @param errorCounts failed reads by reason, every reason present
 * @param <T> the source's figures
 */
public record SourceState<T>(
    T figures,
    Moment lastSuccess,
    Instant lastAttempt,
    boolean up,
    FailureReason lastFailure,
    String lastError,
    Map<FailureReason, Long> errorCounts) {

  public SourceState {
    errorCounts = Collections.unmodifiableMap(new EnumMap<>(errorCounts));
  }

  /** Configured, not read yet. */
  static <T> SourceState<T> unread() {
    return new SourceState<>(null, null, null, false, null, null, FailureReason.zeroCounts());
  }

  public boolean readOnce() {
    return lastAttempt != null;
  }

  /**
   * Whether the last good figures are still shown: their read is at most {@code staleAfter} ago, by
   * the monotonic clock.
   */
  public boolean fresh(Moment now, Duration staleAfter) {
    return figures != null && !lastSuccess.plus(staleAfter).isBefore(now);
  }

  public SourceState<T> succeeded(T read, Moment at) {
    return new SourceState<>(read, at, at.wall(), true, lastFailure, lastError, errorCounts);
  }

  public SourceState<T> failed(FailureReason reason, String error, Moment at) {
    Map<FailureReason, Long> counts = new EnumMap<>(errorCounts);
    counts.merge(reason, 1L, Long::sum);
    return new SourceState<>(figures, lastSuccess, at.wall(), false, reason, error, counts);
  }
}
