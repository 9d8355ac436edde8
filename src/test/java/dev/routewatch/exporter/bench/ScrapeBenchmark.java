package dev.routewatch.exporter.bench;

import dev.routewatch.exporter.config.ModelId;
import dev.routewatch.exporter.metrics.BuildInfo;
import dev.routewatch.exporter.metrics.ExporterMetrics;
import dev.routewatch.exporter.metrics.ScrapeFormat;
import dev.routewatch.exporter.openrouter.Answers;
import dev.routewatch.exporter.openrouter.ModelEndpoints;
import dev.routewatch.exporter.openrouter.UpstreamException;
import dev.routewatch.exporter.snapshot.Moment;
import dev.routewatch.exporter.snapshot.SnapshotStore;
import dev.routewatch.exporter.snapshot.TimeSource;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One whole /metrics scrape rendered in-process, per format, over a store of the bench's generated
 * answers parsed as the exporter parses them. Run with {@code -prof gc} (bench/jmh.sh): its
 * gc.alloc.rate.norm is the allocation per scrape.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ScrapeBenchmark {

  private static final ExpositionFormats FORMATS = ExpositionFormats.init();

  /** What Prometheus asks for when native histograms are on; not one of run.sh's formats. */
  private static final Format PROTOBUF =
      new Format(
          "protobuf",
          "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;"
              + "encoding=delimited",
          false);

  /** Models x endpoints per model. */
  @Param({"400x5", "1000x10"})
  public String size;

  /** {@code cached}: the exporter's path; {@code rendered}: the one before the cache. */
  @Param({"cached", "rendered"})
  public String path;

  private ExporterMetrics metrics;
  private SnapshotStore store;
  private List<ModelId> models;
  private int next;

  @Setup
  public void setUp() throws UpstreamException {
    String[] parts = size.split("x");
    store = store(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
    models = List.copyOf(store.current().models().keySet());
    // Stale only after an hour: every answer renders for the whole run.
    metrics = new ExporterMetrics(store, Duration.ofHours(1), BuildInfo.load(), TimeSource.SYSTEM);
  }

  /** Every model polled once, with the answer the bench's fake upstream serves for it. */
  static SnapshotStore store(int models, int endpoints) throws UpstreamException {
    List<String> ids = UpstreamAnswers.modelIds(models);
    SnapshotStore store = new SnapshotStore(ids.stream().map(ModelId::new).toList());
    UpstreamAnswers answers = new UpstreamAnswers(endpoints);
    Moment now = TimeSource.SYSTEM.now();
    for (String id : ids) {
      ModelEndpoints answer = Answers.modelEndpoints(answers.answer(id));
      store.update(new ModelId(id), state -> state.succeeded(answer, now, Duration.ofMillis(200)));
    }
    return store;
  }

  @Benchmark
  public void text() throws IOException {
    scrape(Format.TEXT, OutputStream.nullOutputStream());
  }

  @Benchmark
  public void openMetrics() throws IOException {
    scrape(Format.OPENMETRICS, OutputStream.nullOutputStream());
  }

  @Benchmark
  public void protobuf() throws IOException {
    scrape(PROTOBUF, OutputStream.nullOutputStream());
  }

  @Benchmark
  public void gzip() throws IOException {
    scrape(Format.GZIP, OutputStream.nullOutputStream());
  }

  /**
   * One poll landing (the next model in turn gets a new answer time), then a gzip scrape: what a
   * scrape costs in the steady state, where every scrape sees a few models changed.
   */
  @Benchmark
  public void gzipAfterAPoll() throws IOException {
    ModelId model = models.get(next++ % models.size());
    store.update(
        model,
        state ->
            state.succeeded(
                state.lastGoodAnswer(),
                state.lastSuccess().plus(Duration.ofSeconds(60)),
                Duration.ZERO));
    scrape(Format.GZIP, OutputStream.nullOutputStream());
  }

  /**
   * How the exporter answers one scrape in-process: {@code cached} is what its /metrics handler
   * sends; {@code rendered} renders every series at every scrape with client_java's writer, as the
   * handler did before the cache. The one method to change when the render path does.
   */
  private void scrape(Format format, OutputStream out) throws IOException {
    if (path.equals("cached")) {
      ScrapeFormat cached =
          format == PROTOBUF
              ? ScrapeFormat.PROTOBUF
              : format == Format.OPENMETRICS ? ScrapeFormat.OPENMETRICS : ScrapeFormat.TEXT;
      metrics.exposition().scrape(cached, format.gzip(), Set.of()).writeTo(out);
      return;
    }
    MetricSnapshots snapshots = metrics.prometheusRegistry().scrape();
    ExpositionFormatWriter writer = FORMATS.findWriter(format.accept());
    if (format.gzip()) {
      try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
        writer.write(gzip, snapshots);
      }
    } else {
      writer.write(out, snapshots);
    }
  }
}
