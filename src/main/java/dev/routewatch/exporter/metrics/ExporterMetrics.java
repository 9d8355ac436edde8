package dev.routewatch.exporter.metrics;

import dev.routewatch.exporter.BuildInfo;
import dev.routewatch.exporter.config.ExporterConfig;
import dev.routewatch.exporter.openrouter.ApiRequestListener;
import dev.routewatch.exporter.snapshot.SnapshotStore;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Everything /metrics shows, in one registry: the OpenRouter series rendered from the snapshot
 * store at scrape time, the exporter's own Micrometer meters, client_java's JVM and process metrics
 * (the one JVM source: some of Micrometer's JVM binders fail {@code promtool check metrics}) and
 * build info. Example of the build info (text format):
 *
 * <pre>
 * # HELP openrouter_exporter_build_info Version and git revision of this exporter and the Java version it runs on, value 1.
 * # TYPE openrouter_exporter_build_info gauge
 * openrouter_exporter_build_info{java_version="17.0.15",revision="143cd0b9a8e1",version="0.1.0"} 1
 * </pre>
 */
public final class ExporterMetrics {

  private static final String BUILD_INFO = "openrouter_exporter_build_info";

  private final PrometheusMeterRegistry meterRegistry;
  private final SnapshotCollector collector;
  private final ApiRequestListener apiRequestListener;
  private final ConfigReloadMetrics reloads;

  /**
   * Renders with {@code staleAfter} and without the opt-in families until {@link #configLoaded}.
   */
  public ExporterMetrics(SnapshotStore store, Duration staleAfter, BuildInfo buildInfo) {
    this(store, staleAfter, buildInfo, Clock.systemUTC());
  }

  /**
   * For testing only: a fixed clock decides which answers are stale and which prices are in effect.
   */
  ExporterMetrics(SnapshotStore store, Duration staleAfter, BuildInfo buildInfo, Clock clock) {
    meterRegistry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    PrometheusRegistry registry = meterRegistry.getPrometheusRegistry();
    collector =
        new SnapshotCollector(store, new SnapshotCollector.Settings(staleAfter, false), clock);
    registry.register(collector);
    JvmMetrics.builder().register(registry);
    Info.builder()
        .name(BUILD_INFO)
        .help("Version and git revision of this exporter and the Java version it runs on, value 1.")
        .labelNames("version", "revision", "java_version")
        .register(registry)
        .setLabelValues(buildInfo.version(), buildInfo.revision(), buildInfo.javaVersion());
    apiRequestListener = new ApiRequestCounter(meterRegistry);
    reloads = new ConfigReloadMetrics(meterRegistry, clock);
  }

  /** The registry the /metrics handler scrapes. */
  public PrometheusRegistry prometheusRegistry() {
    return meterRegistry.getPrometheusRegistry();
  }

  /**
   * Records a configuration (re)load: its {@code poll.stale_after} and {@code metrics} settings
   * apply from the next scrape.
   */
  public void configLoaded(ExporterConfig config) {
    collector.settings(settings(config));
    reloads.succeeded();
  }

  private static SnapshotCollector.Settings settings(ExporterConfig config) {
    return new SnapshotCollector.Settings(
        config.poll().staleAfter(), config.metrics().supportedParameters());
  }

  /** Records a reload that failed; the running configuration stays. */
  public void configReloadFailed() {
    reloads.failed();
  }

  /**
   * Adds {@code openrouter_cluster_members} and {@code openrouter_cluster_local_polls_total}, once,
   * when this replica is part of a cluster.
   *
   * @param members empty while the cluster database is unreachable: the series is absent then
   */
  public void cluster(Supplier<OptionalInt> members, LongSupplier localPolls) {
    ClusterMetrics.register(prometheusRegistry(), members, localPolls);
  }

  /** Give this to the OpenRouter client: it counts {@code openrouter_api_requests_total}. */
  public ApiRequestListener apiRequestListener() {
    return apiRequestListener;
  }
}
