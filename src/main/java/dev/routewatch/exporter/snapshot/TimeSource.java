package dev.routewatch.exporter.snapshot;

import java.time.Instant;

/**
 * Where the exporter reads the time: the system's clocks, or in tests a clock the test moves (and
 * steps) by hand.
 */
@FunctionalInterface
public interface TimeSource {

  /** The wall clock and the monotonic clock of this machine, the one place both are read. */
  TimeSource SYSTEM = () -> new Moment(Instant.now(), System.nanoTime());

  Moment now();
}
