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
import io.prometheus.metrics.model.snapshots.MetricFamilyDescriptor;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.zip.Deflater;

/**
 * Everything /metrics shows, in one registry: the OpenRouter series from the snapshot store, the
 * exporter's own Micrometer meters, client_java's JVM and process metrics (the one JVM source: some
 * of Micrometer's JVM binders fail {@code promtool check metrics}) and build info. {@link #scrape}
 * serves the text formats from cached bytes; the registry renders everything at once for the rest.
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
  private final ScrapeCache cache;
  private final SampledPart jvm;
  private final Predicate<String> live;
  private final HeapPressure heap;

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
    this(store, staleAfter, buildInfo, clock, HeapPressure.jvm());
  }

  /** For testing only: {@code heap} reports the heap's fill instead of the JVM. */
  ExporterMetrics(
      SnapshotStore store,
      Duration staleAfter,
      BuildInfo buildInfo,
      Clock clock,
      HeapPressure heap) {
    meterRegistry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    PrometheusRegistry registry = meterRegistry.getPrometheusRegistry();
    collector =
        new SnapshotCollector(store, new SnapshotCollector.Settings(staleAfter, false), clock);
    registry.register(collector);
    cache = new ScrapeCache(store, collector, clock);
    Set<String> cachedNames =
        SnapshotCollector.FAMILIES.stream()
            .map(MetricFamilyDescriptor::getPrometheusName)
            .collect(Collectors.toUnmodifiableSet());
    // Every family client_java's JVM instrumentation registers is jvm_* or process_*.
    Predicate<String> jvmFamilies = name -> name.startsWith("jvm_") || name.startsWith("process_");
    jvm = new SampledPart(registry, jvmFamilies, System::nanoTime);
    live = jvmFamilies.negate().and(name -> !cachedNames.contains(name));
    JvmMetrics.builder().register(registry);
    Info.builder()
        .name(BUILD_INFO)
        .help("Version and git revision of this exporter and the Java version it runs on, value 1.")
        .labelNames("version", "revision", "java_version")
        .register(registry)
        .setLabelValues(buildInfo.version(), buildInfo.revision(), buildInfo.javaVersion());
    apiRequestListener = new ApiRequestCounter(meterRegistry);
    reloads = new ConfigReloadMetrics(meterRegistry, clock);
    this.heap = heap;
    heap.register(meterRegistry);
  }

  /**
   * Everything /metrics shows, rendered now: for the formats and requests that {@link #scrape} does
   * not serve (protobuf, a {@code name[]} filter).
   */
  public PrometheusRegistry prometheusRegistry() {
    return meterRegistry.getPrometheusRegistry();
  }

  /**
   * A whole scrape in {@code format}: the snapshot store's series from {@link ScrapeCache}, the JVM
   * and process metrics at most a second old ({@link SampledPart}), then the exporter's own meters
   * and build info, rendered now and ending OpenMetrics' {@code # EOF}. For gzip the three are one
   * gzip member.
   */
  public ScrapeBody scrape(ScrapeFormat format, boolean gzip) {
    ScrapeCache.Encoded cached = cache.encoded(format, gzip);
    SampledPart.Sample sample = jvm.sample(format);
    ByteArrayOutputStream own = new ByteArrayOutputStream(4 * 1024);
    format.write(prometheusRegistry().scrape(live), own);
    if (!gzip) {
      return new ScrapeBody(
          cached.parts(), cached.length(), List.of(sample.plain(), own.toByteArray()));
    }
    Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    try {
      GzipPieces.Piece piece = GzipPieces.deflate(List.of(own.toByteArray()), deflater);
      GzipPieces.Checksum whole =
          cached.checksum().then(sample.deflated().checksum()).then(piece.checksum());
      return new ScrapeBody(
          cached.parts(),
          cached.length(),
          List.of(sample.deflated().deflated(), piece.deflated(), GzipPieces.trailer(whole)));
    } finally {
      deflater.end();
    }
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

  /** The running {@code poll.stale_after}: how long a failing model's last answer is shown. */
  public Duration staleAfter() {
    return collector.settings().staleAfter();
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

  /** Give this to the OpenRouter client: it counts {@code openrouter_api_requests_total}. */
  public ApiRequestListener apiRequestListener() {
    return apiRequestListener;
  }
}
