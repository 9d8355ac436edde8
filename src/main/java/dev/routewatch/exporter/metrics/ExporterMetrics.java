package dev.routewatch.exporter.metrics;

import dev.routewatch.exporter.config.ExporterConfig;
import dev.routewatch.exporter.openrouter.ApiRequestListener;
import dev.routewatch.exporter.snapshot.SnapshotStore;
import dev.routewatch.exporter.snapshot.TimeSource;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricFamilyDescriptor;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
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
 * serves every format /metrics answers, {@code name[]} filters included, mostly from cached bytes.
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
  private final Set<String> cachedNames;
  private final HeapPressure heap;

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
    cache = new ScrapeCache(store, collector, time);
    cachedNames =
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
    reloads = new ConfigReloadMetrics(meterRegistry, time);
    this.heap = heap;
    heap.register(meterRegistry);
  }

  /** Everything /metrics shows, all rendered now: for a whole reading, not for /metrics. */
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
   * The families {@code names} selects, as client_java's handler selects them for {@code name[]}
   * (by family name, a counter's without {@code _total}), in the order and bytes its writer would
   * give them: the snapshot store's from {@link ScrapeCache}, the few others rendered now.
   */
  public ScrapeBody scrape(ScrapeFormat format, boolean gzip, Set<String> names) {
    List<ScrapeCache.Family> families =
        new ArrayList<>(cache.families(format, gzip, names::contains));
    Deflater deflater = gzip ? new Deflater(Deflater.DEFAULT_COMPRESSION, true) : null;
    try {
      ByteArrayOutputStream buffer = new ByteArrayOutputStream(4 * 1024);
      for (MetricSnapshot snapshot :
          prometheusRegistry()
              .scrape(name -> names.contains(name) && !cachedNames.contains(name))) {
        format.writeWithoutEnd(MetricSnapshots.of(snapshot), buffer);
        families.add(
            new ScrapeCache.Family(
                snapshot.getMetadata().getPrometheusName(),
                ScrapeCache.Encoded.of(buffer.toByteArray(), deflater)));
      }
      families.sort(Comparator.comparing(ScrapeCache.Family::name));
      List<ScrapeCache.Encoded> parts = new ArrayList<>();
      if (gzip) {
        parts.add(ScrapeCache.Encoded.GZIP_HEADER);
      }
      families.forEach(family -> parts.add(family.encoded()));
      if (format == ScrapeFormat.OPENMETRICS) {
        parts.add(ScrapeCache.Encoded.of("# EOF\n".getBytes(StandardCharsets.US_ASCII), deflater));
      }
      ScrapeCache.Encoded answer = ScrapeCache.Encoded.join(parts, gzip);
      return new ScrapeBody(
          answer.parts(),
          answer.length(),
          gzip ? List.of(GzipPieces.trailer(answer.checksum())) : List.of());
    } finally {
      if (deflater != null) {
        deflater.end();
      }
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
