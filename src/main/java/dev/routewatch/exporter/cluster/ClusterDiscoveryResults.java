package dev.routewatch.exporter.cluster;

import dev.routewatch.exporter.openrouter.Catalog;
import dev.routewatch.exporter.openrouter.FailureReason;
import dev.routewatch.exporter.poll.DiscoveryResults;
import java.sql.SQLException;
import java.time.Instant;

/**
 * The outcome of a discovery this replica ran: written to the catalog table, and the row the
 * database returns adopted here at once (the other replicas adopt it at their next refresh).
 * Without the database it is lost, and the next discovery tries again: a replica that cannot reach
 * the database runs no discovery anyway, since the schedule lives there.
 */
final class ClusterDiscoveryResults implements DiscoveryResults {

  private final CatalogTable table;
  private final AppliedCatalog applied;
  private final DatabaseHealth health;

  ClusterDiscoveryResults(CatalogTable table, AppliedCatalog applied, DatabaseHealth health) {
    this.table = table;
    this.applied = applied;
    this.health = health;
  }

  @Override
  public void succeeded(Catalog catalog, Instant at) {
    try {
      applied.apply(table.succeeded(catalog, at));
      health.succeeded();
    } catch (SQLException e) {
      health.failed(e);
    }
  }

  @Override
  public void failed(FailureReason reason) {
    try {
      applied.apply(table.failed(reason));
      health.succeeded();
    } catch (SQLException e) {
      health.failed(e);
    }
  }
}
