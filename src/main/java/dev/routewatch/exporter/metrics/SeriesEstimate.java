package dev.routewatch.exporter.metrics;

import dev.routewatch.exporter.config.ExporterConfig;
import dev.routewatch.exporter.openrouter.FailureReason;
import io.prometheus.metrics.model.snapshots.MetricFamilyDescriptor;
import java.util.Map;

/**
 * How many series a configuration costs, without asking OpenRouter: the most series each family can
 * have per endpoint (or per model), for an endpoint with one workload and no price tiers, as
 * docs/metrics.md lists them ("Series per endpoint"). The real count depends on what the catalog
 * answers: prices OpenRouter leaves out, latencies it leaves out without an API key, more
 * workloads.
 */
public final class SeriesEstimate {

  /** A percentile family has one series per configured percentile. */
  private static final int PER_PERCENTILE = -1;

  /**
   * The most series per endpoint of each per-endpoint family but the opt-in and tiered ones, whose
   * count is the answer's (a series per supported parameter, per price tier).
   */
  private static final Map<String, Integer> PER_ENDPOINT =
      Map.ofEntries(
          Map.entry("openrouter_endpoint_uptime_last_5m_ratio", 1),
          Map.entry("openrouter_endpoint_uptime_last_30m_ratio", 1),
          Map.entry("openrouter_endpoint_uptime_last_1d_ratio", 1),
          Map.entry("openrouter_endpoint_latency_last_30m_seconds", PER_PERCENTILE),
          Map.entry("openrouter_endpoint_throughput_last_30m_tokens_per_second", PER_PERCENTILE),
          Map.entry("openrouter_endpoint_token_price_usd", PerEndpoint.TOKEN_PRICE_KINDS.size()),
          Map.entry("openrouter_endpoint_unit_price_usd", EndpointFamilies.UNIT_PRICE_KINDS.size()),
          Map.entry("openrouter_endpoint_discount_ratio", 1),
          Map.entry("openrouter_endpoint_context_length_tokens", 1),
          Map.entry("openrouter_endpoint_max_completion_tokens", 1),
          Map.entry("openrouter_endpoint_max_prompt_tokens", 1),
          Map.entry("openrouter_endpoint_status", 1),
          Map.entry("openrouter_endpoint_info", 1),
          Map.entry(
              "openrouter_endpoint_effective_token_price_usd",
              PerEndpoint.TOKEN_PRICE_KINDS.size()),
          Map.entry("openrouter_endpoint_workload_requests_last_30m", 1),
          Map.entry("openrouter_endpoint_workload_latency_last_30m_seconds", PER_PERCENTILE),
          Map.entry(
              "openrouter_endpoint_workload_throughput_last_30m_tokens_per_second",
              PER_PERCENTILE));

  /**
   * The poll families' series per model, which always show: four gauges and a counter by reason.
   */
  private static final int POLL_SERIES_PER_MODEL = 4 + FailureReason.values().length;

  private SeriesEstimate() {}

  /** The lines {@code --config.check} prints after the settings. */
  public static String summary(ExporterConfig.Metrics metrics) {
    SeriesSelection all = SeriesSelection.ALL;
    SeriesSelection configured = SeriesSelection.of(metrics);
    return String.format(
        "  %-36s %d of every family, %d as configured\n"
            + "  %-36s %d of every family, %d as configured\n",
        "series per endpoint (at most):",
        perEndpoint(all),
        perEndpoint(configured),
        "series per model, besides:",
        perModel(all),
        perModel(configured));
  }

  /** The most series one endpoint adds (one workload, no price tiers, no opt-in families). */
  static int perEndpoint(SeriesSelection selection) {
    int series = 0;
    for (MetricFamilyDescriptor family : EndpointFamilies.ALL_FAMILIES) {
      Integer count = PER_ENDPOINT.get(SeriesSelection.exposedName(family));
      if (count != null && selection.shows(family)) {
        series += count == PER_PERCENTILE ? selection.percentileCount() : count;
      }
    }
    return series;
  }

  /** The series one model adds whatever its endpoints: the model and poll families, one each. */
  static int perModel(SeriesSelection selection) {
    int series = POLL_SERIES_PER_MODEL;
    for (MetricFamilyDescriptor family : ModelFamilies.FAMILIES) {
      series += selection.shows(family) ? 1 : 0;
    }
    return series;
  }
}
