package dev.routewatch.exporter.poll;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * How long a model that keeps failing waits before its next poll: one interval after the first
 * failure, then twice as long after each further one, up to {@value #MAX_INTERVALS} intervals, each
 * delay varied by up to {@value #JITTER_PERCENT}% so that models failing together drift apart. A
 * success resets it (the poller forgets the failures).
 */
public final class Backoff {

  static final int MAX_INTERVALS = 4;
  static final int JITTER_PERCENT = 20;

  private final Duration interval;
  private final RandomGenerator random;

  public Backoff(Duration interval, RandomGenerator random) {
    this.interval = interval;
    this.random = random;
  }

  /** The delay after {@code failures} consecutive failures (at least 1). */
  public Duration delay(int failures) {
    long intervals = Math.min(MAX_INTERVALS, 1L << Math.min(failures - 1, 30));
    double jitter = 1 + (random.nextDouble() * 2 - 1) * JITTER_PERCENT / 100.0;
    return Duration.ofNanos((long) (interval.toNanos() * intervals * jitter));
  }

  /**
   * Polls fire on the interval's slots, so a fire counts as due when it is within half an interval
   * of the delay's end: a delay of two intervals skips exactly one fire.
   */
  public Duration slack() {
    return interval.dividedBy(2);
  }
}
