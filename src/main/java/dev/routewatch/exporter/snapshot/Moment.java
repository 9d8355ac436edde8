package dev.routewatch.exporter.snapshot;

import java.time.Duration;
import java.time.Instant;

/**
 * One moment as both clocks read it: the wall clock's time, which is what the exporter shows, and
 * the monotonic clock's reading, by which it measures how long ago the moment was. The wall clock
 * can step (chrony or ntpd setting it, a virtual machine resuming); the monotonic one never does,
 * so ages and delays are measured on it alone.
 *
 * @param wall the time of day, as exported
 * @param nanos the monotonic clock's reading ({@link System#nanoTime()}): comparable only with
 *     another reading of this process
 */
public record Moment(Instant wall, long nanos) {

  /** Ages beyond this are taken as this: monotonic readings compare safely within 292 years. */
  private static final Duration LONGEST_AGO = Duration.ofDays(100 * 365);

  /**
   * The moment at {@code wall}, a time another process wrote down, placed on this process's
   * monotonic clock by how long before {@code now} it was by the wall clocks. A time ahead of
   * {@code now} (the writer's clock runs ahead) counts as {@code now}.
   */
  public static Moment before(Instant wall, Moment now) {
    Duration ago = Duration.between(wall, now.wall);
    if (ago.isNegative()) {
      ago = Duration.ZERO;
    } else if (ago.compareTo(LONGEST_AGO) > 0) {
      ago = LONGEST_AGO;
    }
    return new Moment(wall, now.nanos - ago.toNanos());
  }

  /** The moment {@code duration} after this one. */
  public Moment plus(Duration duration) {
    return new Moment(wall.plus(duration), nanos + duration.toNanos());
  }

  /** How long after this moment {@code later} is, by the monotonic clock. */
  public Duration until(Moment later) {
    return Duration.ofNanos(later.nanos - nanos);
  }

  /** Whether this moment comes before {@code other}, by the monotonic clock. */
  public boolean isBefore(Moment other) {
    return nanos - other.nanos < 0;
  }
}
