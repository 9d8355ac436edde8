package dev.routewatch.exporter.cluster;

import dev.routewatch.exporter.openrouter.Catalog;
import dev.routewatch.exporter.openrouter.FailureReason;
import dev.routewatch.exporter.poll.CatalogRead;
import dev.routewatch.exporter.snapshot.DiscoveryState;
import java.time.Instant;
import java.util.Map;

/**
 * The catalog the cluster's last discovery read, with the outcome of all its discoveries, for every
 * replica to adopt.
 *
 * @param catalog the last catalog read; empty before the first success
 * @param lastSuccess when it was read; null before
 */
record SharedCatalog(Catalog catalog, Instant lastSuccess, Map<FailureReason, Long> errorCounts) {

  public SharedCatalog {
    errorCounts = Map.copyOf(errorCounts);
  }

  /** The catalog as every replica's polling adopts it. */
  CatalogRead read() {
    return new CatalogRead(catalog, lastSuccess);
  }

  /** This replica's discovery state with the cluster's outcome in it. */
  DiscoveryState applyTo(DiscoveryState state) {
    return state.shared(lastSuccess, errorCounts);
  }
}
