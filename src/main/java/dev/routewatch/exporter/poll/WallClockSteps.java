package dev.routewatch.exporter.poll;

import dev.routewatch.exporter.snapshot.Moment;
import dev.routewatch.exporter.snapshot.TimeSource;
import java.time.Duration;
import java.util.Optional;

/**
 * Notices a step of the wall clock (chrony or ntpd setting it, a virtual machine resuming) by
 * reading it beside the monotonic clock: between two checks both should move by the same amount.
 */
final class WallClockSteps {

  /**
   * Smaller differences are not steps: NTP slews the clock by at most half a millisecond a second,
   * and a step this small moves a poll by less than that.
   */
  static final Duration TOLERANCE = Duration.ofMillis(500);

  private final TimeSource time;

  // Guarded by this.
  private Moment last;

  WallClockSteps(TimeSource time) {
    this.time = time;
    this.last = time.now();
  }

  /**
   * How far the wall clock stepped since the last check (forward is positive); empty when it kept
   * pace with the monotonic clock.
   */
  synchronized Optional<Duration> check() {
    Moment now = time.now();
    Duration step = Duration.between(last.wall(), now.wall()).minus(last.until(now));
    last = now;
    return step.abs().compareTo(TOLERANCE) > 0 ? Optional.of(step) : Optional.empty();
  }
}
