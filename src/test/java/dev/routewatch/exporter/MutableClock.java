package dev.routewatch.exporter;

import dev.routewatch.exporter.snapshot.Moment;
import dev.routewatch.exporter.snapshot.TimeSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock a test moves by hand: as a {@link TimeSource}, a wall clock and a monotonic one that move
 * together until the test steps the wall clock alone.
 */
public final class MutableClock extends Clock implements TimeSource {

  private Instant now;
  private long nanos;

  public MutableClock(Instant start) {
    this.now = start;
    this.nanos = moment(start).nanos();
  }

  /**
   * The moment at {@code wall} as a clock that was never stepped reads it: the monotonic reading is
   * the wall clock's, in nanoseconds since the epoch.
   */
  public static Moment moment(Instant wall) {
    return new Moment(wall, wall.getEpochSecond() * 1_000_000_000L + wall.getNano());
  }

  /** Time passes: both clocks move. */
  public synchronized void advance(Duration duration) {
    now = now.plus(duration);
    nanos += duration.toNanos();
  }

  /** The wall clock steps, as chrony or ntpd steps it; the monotonic clock does not move. */
  public synchronized void stepWall(Duration step) {
    now = now.plus(step);
  }

  @Override
  public synchronized Moment now() {
    return new Moment(now, nanos);
  }

  @Override
  public synchronized Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException();
  }
}
