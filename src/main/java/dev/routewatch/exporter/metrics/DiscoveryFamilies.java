package dev.routewatch.exporter.metrics;

import dev.routewatch.exporter.openrouter.FailureReason;
import dev.routewatch.exporter.snapshot.DiscoveryState;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricFamilyDescriptor;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.List;

/**
 * Renders what the latest discovery found; present only when model patterns are configured.
 * Discovery errors have a family of their own rather than {@code openrouter_poll_errors_total} with
 * an empty model label. Example output (text format):
 *
 * <pre>
 * # HELP openrouter_discovery_errors_total Failed reads of OpenRouter's model catalog, by reason.
 * # TYPE openrouter_discovery_errors_total counter
 * openrouter_discovery_errors_total{reason="bad_response"} 0.0
 * ...
 * # HELP openrouter_discovery_last_success_timestamp_seconds Unix time of the last successful read of OpenRouter's model catalog.
 * # TYPE openrouter_discovery_last_success_timestamp_seconds gauge
 * openrouter_discovery_last_success_timestamp_seconds 1.7956512E9
 * # HELP openrouter_discovery_models Models after the last discovery: selected (polled), excluded by exclude_models, capped by discovery.max_models.
 * # TYPE openrouter_discovery_models gauge
 * openrouter_discovery_models{state="capped"} 0.0
 * openrouter_discovery_models{state="excluded"} 2.0
 * openrouter_discovery_models{state="selected"} 12.0
 * </pre>
 */
final class DiscoveryFamilies {

  private static final MetricFamilyDescriptor MODELS =
      MetricFamilyDescriptor.gauge("openrouter_discovery_models")
          .help(
              "Models after the last discovery: selected (polled), excluded by exclude_models,"
                  + " capped by discovery.max_models.")
          .labelNames("state")
          .build();
  private static final MetricFamilyDescriptor LAST_SUCCESS =
      MetricFamilyDescriptor.gauge("openrouter_discovery_last_success_timestamp_seconds")
          .help("Unix time of the last successful read of OpenRouter's model catalog.")
          .unit(Unit.SECONDS)
          .build();
  private static final MetricFamilyDescriptor ERRORS =
      MetricFamilyDescriptor.counter("openrouter_discovery_errors_total")
          .help("Failed reads of OpenRouter's model catalog, by reason.")
          .labelNames("reason")
          .build();

  static final List<MetricFamilyDescriptor> FAMILIES = List.of(MODELS, LAST_SUCCESS, ERRORS);

  private DiscoveryFamilies() {}

  static void render(DiscoveryState state, FamilyPoints points) {
    points.gauge(MODELS, Labels.of("state", "selected"), state.selected());
    points.gauge(MODELS, Labels.of("state", "excluded"), state.excluded());
    points.gauge(MODELS, Labels.of("state", "capped"), state.capped());
    if (state.lastSuccess() != null) {
      points.gauge(LAST_SUCCESS, Labels.EMPTY, state.lastSuccess().toEpochMilli() / 1e3);
    }
    for (FailureReason reason : FailureReason.values()) {
      points.counter(
          ERRORS,
          Labels.of("reason", reason.label()),
          state.errorCounts().getOrDefault(reason, 0L));
    }
  }
}
