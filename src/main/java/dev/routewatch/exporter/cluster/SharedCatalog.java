package dev.routewatch.exporter.cluster;

import dev.routewatch.exporter.openrouter.FailureReason;
import dev.routewatch.exporter.snapshot.DiscoveryState;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The catalog the cluster's last discovery read, with the outcome of all its discoveries, for every
 * replica to adopt.
 *
 * @param ids the last catalog read; empty before the first success
 * @param lastSuccess when it was read; null before
 */
record SharedCatalog(List<String> ids, Instant lastSuccess, Map<FailureReason, Long> errorCounts) {

  public SharedCatalog {
    ids = List.copyOf(ids);
    errorCounts = Map.copyOf(errorCounts);
  }

  /** This replica's discovery state with the cluster's outcome in it. */
  DiscoveryState applyTo(DiscoveryState state) {
    return state.shared(lastSuccess, errorCounts);
  }
}
