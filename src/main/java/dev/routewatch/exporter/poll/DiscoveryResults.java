package dev.routewatch.exporter.poll;

import dev.routewatch.exporter.openrouter.Catalog;
import dev.routewatch.exporter.openrouter.FailureReason;
import java.time.Instant;

/**
 * Where a discovery's outcome goes ({@link Replicas#discoveries()}); a catalog read comes back to
 * every polling that adopts it ({@link Replicas#onCatalog}).
 */
public interface DiscoveryResults {

  void succeeded(Catalog catalog, Instant at);

  void failed(FailureReason reason);
}
