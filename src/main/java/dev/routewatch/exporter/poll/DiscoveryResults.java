package dev.routewatch.exporter.poll;

import dev.routewatch.exporter.openrouter.FailureReason;
import java.time.Instant;
import java.util.List;

/**
 * Where a discovery's outcome goes: this replica's selection and store, or in a cluster the table
 * every replica reads, from which each one adopts the catalog ({@link Polling#adoptCatalog}).
 */
public interface DiscoveryResults {

  void succeeded(List<String> catalog, Instant at);

  void failed(FailureReason reason);
}
