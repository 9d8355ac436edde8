package dev.routewatch.exporter.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SampledPartTest {

  private final AtomicLong reads = new AtomicLong();
  private final AtomicLong nanoTime = new AtomicLong(5_000_000_000L);
  private final PrometheusRegistry registry = new PrometheusRegistry();

  SampledPartTest() {
    registry.register(
        () ->
            CounterSnapshot.builder()
                .name("jvm_reads")
                .help("How often the JVM part was read.")
                .dataPoint(
                    CounterDataPointSnapshot.builder().value(reads.incrementAndGet()).build())
                .build());
    registry.register(
        () ->
            CounterSnapshot.builder()
                .name("other")
                .dataPoint(CounterDataPointSnapshot.builder().value(1).build())
                .build());
  }

  private final SampledPart part =
      new SampledPart(registry, name -> name.startsWith("jvm_"), nanoTime::get);

  private String text(SampledPart.Sample sample) {
    return new String(sample.plain(), StandardCharsets.UTF_8);
  }

  @Test
  void scrapesWithinASecondShareOneReading() {
    String first = text(part.sample(ScrapeFormat.TEXT));
    nanoTime.addAndGet(SampledPart.MIN_INTERVAL_NANOS - 1);
    String second = text(part.sample(ScrapeFormat.TEXT));
    nanoTime.addAndGet(1);
    String third = text(part.sample(ScrapeFormat.TEXT));

    assertThat(first).contains("jvm_reads_total 1.0\n").doesNotContain("other");
    assertThat(second).isEqualTo(first);
    assertThat(third).contains("jvm_reads_total 2.0\n");
  }

  @Test
  void openMetricsLeavesTheEndToWhatFollows() {
    String openMetrics = text(part.sample(ScrapeFormat.OPENMETRICS));

    assertThat(openMetrics).contains("# TYPE jvm_reads counter\n").doesNotContain("# EOF");
  }
}
