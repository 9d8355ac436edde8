package dev.routewatch.exporter.metrics;

import dev.routewatch.exporter.account.AccountStore;
import dev.routewatch.exporter.config.ExporterConfig;
import dev.routewatch.exporter.openrouter.ApiRequestListener;
import dev.routewatch.exporter.snapshot.SnapshotStore;
import dev.routewatch.exporter.snapshot.TimeSource;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Everything /metrics shows, in one registry: the OpenRouter series from the snapshot store, the
 * exporter's own Micrometer meters, client_java's JVM and process metrics (the one JVM source: some
 * of Micrometer's JVM binders fail {@code promtool check metrics}) and build info. {@link
 * #exposition} answers /metrics, every format and {@code name[]} filter, mostly from cached bytes.
 * Example of the build info (text format):
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
  private final Exposition exposition;
  private final HeapPressure heap;
  private final TimeSource time;

  /**
   * Renders with {@code staleAfter} and without the opt-in families until {@link #configLoaded}.
   *
   * @param time decides which answers are stale and which prices are in effect
   */
  public ExporterMetrics(
      SnapshotStore store, Duration staleAfter, BuildInfo buildInfo, TimeSource time) {
    this(store, staleAfter, buildInfo, time, HeapPressure.jvm());
  }

  /** For testing only: {@code heap} reports the heap's fill instead of the JVM. */
  ExporterMetrics(
      SnapshotStore store,
      Duration staleAfter,
      BuildInfo buildInfo,
      TimeSource time,
      HeapPressure heap) {
    meterRegistry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    PrometheusRegistry registry = meterRegistry.getPrometheusRegistry();
    collector =
        new SnapshotCollector(store, new SnapshotCollector.Settings(staleAfter, false), time);
    registry.register(collector);
    // Every family client_java's JVM instrumentation registers is jvm_* or process_*.
    Predicate<String> jvmFamilies = name -> name.startsWith("jvm_") || name.startsWith("process_");
    exposition =
        new CachedExposition(
            new RenderedExposition(registry),
            new ScrapeCache(store, collector, time),
            new SampledPart(registry, jvmFamilies, System::nanoTime));
    JvmMetrics.builder().register(registry);
    Info.builder()
        .name(BUILD_INFO)
        .help("Version and git revision of this exporter and the Java version it runs on, value 1.")
        .labelNames("version", "revision", "java_version")
        .register(registry)
        .setLabelValues(buildInfo.version(), buildInfo.revision(), buildInfo.javaVersion());
    apiRequestListener = new ApiRequestCounter(meterRegistry);
    reloads = new ConfigReloadMetrics(meterRegistry, time);
    this.heap = heap;
    this.time = time;
    heap.register(meterRegistry);
  }

  /** Everything /metrics shows, all rendered now: for a whole reading, not for /metrics. */
  public PrometheusRegistry prometheusRegistry() {
    return meterRegistry.getPrometheusRegistry();
  }

  /** What /metrics answers, mostly from bytes kept between scrapes ({@link CachedExposition}). */
  public Exposition exposition() {
    return exposition;
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
        config.poll().staleAfter(),
        config.metrics().supportedParameters(),
        SeriesSelection.of(config.metrics()));
  }

  /**
   * How many series /metrics shows from OpenRouter's answers now (the poll series included, the
   * exporter's own and the JVM's not), rendered for the counting: for the landing page, not for
   * every scrape.
   */
  public int openRouterSeries() {
    int series = 0;
    for (MetricSnapshot family : collector.collect()) {
      series += family.getDataPoints().size();
    }
    return series;
  }

  /**
   * Why the exporter should not be called ready for want of memory: the heap stays nearly full
   * after garbage collection ({@link HeapPressure}).
   */
  public Optional<String> heapPressure() {
    return heap.problem();
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

  /** Adds {@code openrouter_otlp_push_errors_total}, once, when metrics are pushed over OTLP. */
  public void otlp(LongSupplier failedPushes) {
    OtlpMetrics.register(prometheusRegistry(), failedPushes);
  }

  /**
   * Adds the account's families ({@code openrouter_key_*}, {@code openrouter_credits_*}, {@code
   * openrouter_activity_*}, {@code openrouter_account_*}), rendered at each scrape from {@code
   * account}, with the running {@code poll.stale_after}.
   */
  public void account(AccountStore account) {
    prometheusRegistry()
        .register(new AccountFamilies(account, () -> collector.settings().staleAfter(), time));
  }

  /** Give this to the OpenRouter client: it counts {@code openrouter_api_requests_total}. */
  public ApiRequestListener apiRequestListener() {
    return apiRequestListener;
  }
}
