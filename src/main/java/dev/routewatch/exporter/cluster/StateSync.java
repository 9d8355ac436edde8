package dev.routewatch.exporter.cluster;

import dev.routewatch.exporter.snapshot.TimeSource;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One refresh of this replica from the database, run every {@link Cluster#REFRESH_INTERVAL}: the
 * catalog, the account's rows and the rows other replicas wrote since the last one, the count of
 * live replicas, and readiness. A refresh reads the version of every row (a few bytes per model)
 * and then only the rows that changed; there is no ordering of writes to get wrong.
 */
final class StateSync implements Runnable {

  private static final Logger logger = LoggerFactory.getLogger(StateSync.class);

  private final StateTable table;
  private final AppliedRows applied;
  private final CatalogTable catalogs;
  private final AppliedCatalog catalog;
  private final ClusterAccountResults account;
  private final DatabaseHealth health;
  private final TimeSource time;

  private volatile Duration staleAfter;
  private volatile OptionalInt members = OptionalInt.empty();

  /** Why this replica's states may be behind the cluster's; null when they are not. */
  private volatile String outOfSync;

  StateSync(
      StateTable table,
      AppliedRows applied,
      CatalogTable catalogs,
      AppliedCatalog catalog,
      ClusterAccountResults account,
      DatabaseHealth health,
      Duration staleAfter,
      TimeSource time) {
    this.table = table;
    this.applied = applied;
    this.catalogs = catalogs;
    this.catalog = catalog;
    this.account = account;
    this.health = health;
    this.staleAfter = staleAfter;
    this.time = time;
  }

  @Override
  public void run() {
    try {
      refresh();
      health.succeeded();
    } catch (SQLException e) {
      health.failed(e);
      members = OptionalInt.empty();
    } catch (RuntimeException e) {
      // A bug in one refresh must not end the refreshes: the executor would stop repeating.
      logger.error("Refreshing from the cluster database failed unexpectedly", e);
    }
    Duration silent = health.silentFor(time.now());
    outOfSync =
        silent.compareTo(staleAfter) > 0
            ? "no answer from the cluster database for "
                + silent.toSeconds()
                + "s (poll.stale_after is "
                + staleAfter.toSeconds()
                + "s)"
            : null;
  }

  /**
   * Adopts the catalog if another replica's discovery changed it, then applies every state row that
   * changed (for the first refresh, every row).
   */
  void refresh() throws SQLException {
    if (catalogs.version().orElse(0L) > catalog.version()) {
      catalogs.read().ifPresent(catalog::apply);
    }
    Map<String, Long> versions = table.versions();
    List<String> behind = applied.behind(versions);
    if (!behind.isEmpty()) {
      table.rows(behind).forEach(applied::apply);
    }
    account.refresh();
    members = OptionalInt.of(table.members(time.now().wall()));
  }

  /**
   * Why this replica has lost the shared states for too long, while it has; it keeps serving what
   * it has.
   */
  Optional<String> outOfSync() {
    return Optional.ofNullable(outOfSync);
  }

  /** Replicas alive as of the last refresh; empty while the database is unreachable. */
  OptionalInt members() {
    return members;
  }

  void staleAfter(Duration staleAfter) {
    this.staleAfter = staleAfter;
  }
}
