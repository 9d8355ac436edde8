package dev.routewatch.exporter.snapshot;

import dev.routewatch.exporter.openrouter.FailureReason;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * What the latest discovery found, immutable.
 *
 * @param selected models polled: explicit ids plus the pattern matches kept
 * @param excluded pattern matches removed by {@code exclude_models}
 * @param capped pattern matches dropped by {@code discovery.max_models}
 * @param attempted whether a discovery has finished, with success or not
 * @param lastSuccess when the catalog was last read; null before
 * @param errorCounts failed discoveries by reason, every reason present
 */
public record DiscoveryState(
    int selected,
    int excluded,
    int capped,
    boolean attempted,
    Instant lastSuccess,
    Map<FailureReason, Long> errorCounts) {

  public DiscoveryState {
    errorCounts = Collections.unmodifiableMap(new EnumMap<>(errorCounts));
  }

  /** Before the first discovery: only the explicit ids are selected. */
  public static DiscoveryState pending(int explicit) {
    return new DiscoveryState(explicit, 0, 0, false, null, FailureReason.zeroCounts());
  }

  public DiscoveryState withCounts(int selected, int excluded, int capped) {
    return new DiscoveryState(selected, excluded, capped, attempted, lastSuccess, errorCounts);
  }

  public DiscoveryState succeeded(Instant at) {
    return new DiscoveryState(selected, excluded, capped, true, at, errorCounts);
  }

  /**
   * In a cluster: the outcome of the discoveries any replica ran, as stored, with this replica's
   * counts kept.
   */
  public DiscoveryState shared(Instant lastSuccess, Map<FailureReason, Long> errorCounts) {
    return new DiscoveryState(selected, excluded, capped, true, lastSuccess, errorCounts);
  }

  public DiscoveryState failed(FailureReason reason) {
    Map<FailureReason, Long> counts = new EnumMap<>(errorCounts);
    counts.merge(reason, 1L, Long::sum);
    return new DiscoveryState(selected, excluded, capped, true, lastSuccess, counts);
  }
}
