package dev.routewatch.exporter.metrics;

import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.OptionalInt;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The cluster's families, present only with {@code cluster:} configured, read at scrape time:
 *
 * <pre>
 * # HELP openrouter_cluster_members Replicas alive in the cluster, as this replica sees them (checked in to the shared scheduler within the last 12.5 s); absent while the database is unreachable.
 * # TYPE openrouter_cluster_members gauge
 * openrouter_cluster_members 3.0
 * # HELP openrouter_cluster_local_polls_total Polls this replica ran (each model's poll runs on one replica of the cluster per interval).
 * # TYPE openrouter_cluster_local_polls_total counter
 * openrouter_cluster_local_polls_total 42.0
 * </pre>
 */
final class ClusterMetrics {

  static final String MEMBERS = "openrouter_cluster_members";
  static final String LOCAL_POLLS = "openrouter_cluster_local_polls";

  private ClusterMetrics() {}

  static void register(
      PrometheusRegistry registry, Supplier<OptionalInt> members, LongSupplier localPolls) {
    GaugeWithCallback.builder()
        .name(MEMBERS)
        .help(
            "Replicas alive in the cluster, as this replica sees them (checked in to the shared"
                + " scheduler within the last 12.5 s); absent while the database is unreachable.")
        .callback(callback -> members.get().ifPresent(callback::call))
        .register(registry);
    // A counter, not a gauge: the count only grows, and rate() shows each replica's share.
    CounterWithCallback.builder()
        .name(LOCAL_POLLS)
        .help(
            "Polls this replica ran (each model's poll runs on one replica of the cluster per"
                + " interval).")
        .callback(callback -> callback.call(localPolls.getAsLong()))
        .register(registry);
  }
}
