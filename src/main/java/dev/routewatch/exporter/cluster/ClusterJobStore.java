package dev.routewatch.exporter.cluster;

import dev.routewatch.exporter.poll.ScheduleStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import javax.sql.DataSource;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;

/**
 * Where the replicas of a cluster keep their one schedule: Quartz's clustered JDBC job store on
 * PostgreSQL. Each trigger fires on one replica; a replica that stops checking in for {@link
 * #CHECKIN_INTERVAL} plus Quartz's fixed 7.5 s grace is taken for dead, and the others release what
 * it held. Jobs do not ask for recovery: a poll lost with its replica is not run again, the model's
 * next regular fire polls it, on a live replica.
 *
 * @param dataSource the exporter's pool, which Quartz borrows (its tables must exist)
 * @param instanceId this replica's name in {@code qrtz_scheduler_state}
 */
record ClusterJobStore(DataSource dataSource, String instanceId) implements ScheduleStore {

  /**
   * How often each replica checks in and looks for dead ones. 5 s: a dead replica's models are
   * picked up within about 12.5 s (5 s plus Quartz's grace), well inside the shortest sensible poll
   * interval in a cluster, for one small update per replica every 5 s. Shorter would count a
   * replica stalled by a long garbage collection as dead sooner, and poll its models twice.
   */
  static final Duration CHECKIN_INTERVAL = Duration.ofSeconds(5);

  /** Quartz adds this to the check-in interval before it takes a replica for dead. */
  static final Duration CHECKIN_GRACE = Duration.ofMillis(7_500);

  /** The scheduler name, the same on every replica: it is what makes them one cluster. */
  static final String SCHEDULER_NAME = "openrouter-exporter";

  private static final String DATA_SOURCE = "openrouter-exporter";

  /** The Quartz settings of the clustered store; hands the pool to Quartz under its name. */
  @Override
  public void configure(Properties properties) {
    // Quartz closes a data source when its scheduler shuts down; the pool outlives a reload's
    // scheduler and belongs to the exporter, so Quartz gets a provider that does not close it.
    DBConnectionManager.getInstance()
        .addConnectionProvider(
            DATA_SOURCE,
            new ConnectionProvider() {
              @Override
              public Connection getConnection() throws SQLException {
                return dataSource.getConnection();
              }

              @Override
              public void shutdown() {
                // The exporter closes the pool when it stops.
              }

              @Override
              public void initialize() {
                // Built and started by the exporter.
              }
            });
    properties.setProperty("org.quartz.scheduler.instanceName", SCHEDULER_NAME);
    properties.setProperty("org.quartz.scheduler.instanceId", instanceId);
    properties.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
    properties.setProperty(
        "org.quartz.jobStore.driverDelegateClass",
        "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
    properties.setProperty("org.quartz.jobStore.dataSource", DATA_SOURCE);
    properties.setProperty("org.quartz.jobStore.tablePrefix", "qrtz_");
    properties.setProperty("org.quartz.jobStore.isClustered", "true");
    properties.setProperty(
        "org.quartz.jobStore.clusterCheckinInterval", Long.toString(CHECKIN_INTERVAL.toMillis()));
    // Job data as strings, not serialized Java objects: any replica's build can read them.
    properties.setProperty("org.quartz.jobStore.useProperties", "true");
    // Recommended for clusters: replicas take triggers under the row lock, one at a time.
    properties.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
    // After losing the database, try again every 5 s (default 15 s): a replica is back soon after
    // the database is.
    properties.setProperty("org.quartz.jobStore.dbRetryInterval", "5000");
  }

  @Override
  public boolean shared() {
    return true;
  }
}
