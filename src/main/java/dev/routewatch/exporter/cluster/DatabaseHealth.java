package dev.routewatch.exporter.cluster;

import dev.routewatch.exporter.snapshot.Moment;
import dev.routewatch.exporter.snapshot.TimeSource;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether this replica reaches the cluster database, from every query it makes: one warning when an
 * outage starts and one line when it ends, however many queries fail in between. Silences are
 * measured on the monotonic clock: a step of the wall clock neither starts nor ends one.
 */
final class DatabaseHealth {

  private static final Logger logger = LoggerFactory.getLogger(DatabaseHealth.class);

  private final TimeSource time;

  // Guarded by this.
  private Moment lastSuccess;
  private Moment outageSince;

  DatabaseHealth(TimeSource time) {
    this.time = time;
    this.lastSuccess = time.now();
  }

  synchronized void succeeded() {
    lastSuccess = time.now();
    if (outageSince != null) {
      logger.info(
          "The cluster database answers again after {}s; back in sync",
          outageSince.until(lastSuccess).toSeconds());
      outageSince = null;
    }
  }

  synchronized void failed(Exception e) {
    if (outageSince == null) {
      outageSince = time.now();
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
  synchronized Duration silentFor(Moment now) {
    return lastSuccess.until(now);
  }
}
