package dev.routewatch.exporter.metrics;

import dev.routewatch.exporter.openrouter.Endpoint;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricFamilyDescriptor;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Renders an endpoint's {@code perf_last_30m_by_workload} (sent only with an API key): requests,
 * latency and throughput per workload. Workload names are passed through as sent, new ones
 * included. Example output (text format, abridged):
 *
 * <pre>
 * # HELP openrouter_endpoint_workload_requests_last_30m Requests the endpoint admitted over the last 30 minutes, by workload: OpenRouter's perf_last_30m_by_workload.&lt;workload&gt;.request_count. Cached from the model's last successful poll.
 * # TYPE openrouter_endpoint_workload_requests_last_30m gauge
 * openrouter_endpoint_workload_requests_last_30m{endpoint="google-vertex",model="routewatch/synthetic-api-surface",provider="Google",workload="text_generation"} 81060.0
 * # HELP openrouter_endpoint_workload_latency_last_30m_seconds ...
 * # TYPE openrouter_endpoint_workload_latency_last_30m_seconds gauge
 * openrouter_endpoint_workload_latency_last_30m_seconds{endpoint="deepseek",model="routewatch/synthetic-api-surface",percentile="p50",provider="DeepSeek",workload="embeddings"} 0.12
 * </pre>
 */
final class WorkloadFamilies {

  private static final MetricFamilyDescriptor REQUESTS =
      PerEndpoint.gauge(
          "openrouter_endpoint_workload_requests_last_30m",
          null,
          "Requests the endpoint admitted over the last 30 minutes, by workload: OpenRouter's"
              + " perf_last_30m_by_workload.<workload>.request_count.",
          "workload");
  private static final MetricFamilyDescriptor LATENCY =
      PerEndpoint.gauge(
          "openrouter_endpoint_workload_latency_last_30m_seconds",
          Unit.SECONDS,
          "Latency over the last 30 minutes, by workload and percentile: OpenRouter's"
              + " perf_last_30m_by_workload.<workload>.latency.pNN (milliseconds) / 1000; time to"
              + " first token or result, end to end for image and video generation.",
          "workload",
          "percentile");
  private static final MetricFamilyDescriptor THROUGHPUT =
      PerEndpoint.gauge(
          "openrouter_endpoint_workload_throughput_last_30m_tokens_per_second",
          PerEndpoint.TOKENS_PER_SECOND,
          "Output tokens per second over the last 30 minutes, by workload and percentile:"
              + " OpenRouter's perf_last_30m_by_workload.<workload>.throughput.pNN.",
          "workload",
          "percentile");

  static final List<MetricFamilyDescriptor> FAMILIES = List.of(REQUESTS, LATENCY, THROUGHPUT);

  private WorkloadFamilies() {}

  /**
   * @param values cleans the workload names, which come from upstream; a name that cleans to one
   *     already rendered is left out, since two series with one label set would void the family
   */
  static void render(Endpoint endpoint, Labels labels, FamilyPoints points, LabelValues values) {
    Map<String, Endpoint.Workload> workloads = endpoint.perfLast30mByWorkload();
    if (workloads == null) {
      return;
    }
    Set<String> rendered = new HashSet<>();
    workloads.forEach(
        (name, workload) -> {
          String workloadName = values.clean(name);
          if (workload != null && rendered.add(workloadName)) {
            Labels workloadLabels = labels.add("workload", workloadName);
            points.gauge(REQUESTS, workloadLabels, workload.requestCount());
            PerEndpoint.percentiles(
                LATENCY,
                workloadLabels,
                workload.latency(),
                PerEndpoint::secondsFromMillis,
                points);
            PerEndpoint.percentiles(
                THROUGHPUT,
                workloadLabels,
                workload.throughput(),
                UnaryOperator.identity(),
                points);
          }
        });
  }
}
