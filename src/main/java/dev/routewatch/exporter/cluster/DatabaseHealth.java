package dev.routewatch.exporter.cluster;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether this replica reaches the cluster database, from every query it makes: one warning when an
 * outage starts and one line when it ends, however many queries fail in between.
 */
final class DatabaseHealth {

  private static final Logger logger = LoggerFactory.getLogger(DatabaseHealth.class);

  private final Clock clock;

  // Guarded by this.
  private Instant lastSuccess;
  private Instant outageSince;

  DatabaseHealth(Clock clock) {
    this.clock = clock;
    this.lastSuccess = clock.instant();
  }

  synchronized void succeeded() {
    lastSuccess = clock.instant();
    if (outageSince != null) {
      logger.info(
          "The cluster database answers again after {}s; back in sync",
          Duration.between(outageSince, lastSuccess).toSeconds());
      outageSince = null;
    }
  }

  synchronized void failed(Exception e) {
    if (outageSince == null) {
      outageSince = clock.instant();
      // pgjdbc and Hikari name the host and port, never the password.
      logger.warn(
          "Lost the cluster database ({}); serving the last snapshot, polling resumes when it"
              + " is back",
          e.getMessage());
    } else {
      logger.debug("The cluster database is still unreachable: {}", e.getMessage());
    }
  }

  /** How long since a query last succeeded, at {@code now}. */
  synchronized Duration silentFor(Instant now) {
    return Duration.between(lastSuccess, now);
  }
}
