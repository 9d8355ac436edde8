package dev.routewatch.exporter.poll;

import dev.routewatch.exporter.openrouter.FailureReason;
import java.time.Instant;
import java.util.List;

/**
 * Where a discovery's outcome goes ({@link Replicas#discoveries()}); a catalog read comes back to
 * every polling that adopts it ({@link Replicas#onCatalog}).
 */
public interface DiscoveryResults {

  void succeeded(List<String> catalog, Instant at);

  void failed(FailureReason reason);
}
