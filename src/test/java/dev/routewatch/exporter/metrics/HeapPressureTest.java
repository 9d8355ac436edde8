package dev.routewatch.exporter.metrics;

import static dev.routewatch.exporter.metrics.Fixtures.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.routewatch.exporter.snapshot.SnapshotStore;
import dev.routewatch.exporter.snapshot.TimeSource;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HeapPressureTest {

  private final HeapPressure heap = new HeapPressure();
  private final ExporterMetrics metrics =
      new ExporterMetrics(
          new SnapshotStore(List.of()),
          Duration.ofMinutes(10),
          new BuildInfo("1", "r", "17"),
          TimeSource.SYSTEM,
          heap);

  @Test
  void theHeapAfterCollectionIsAGaugeWithItsExactNameAndHelp() {
    heap.collected(0.42);

    assertThat(text(metrics.prometheusRegistry().scrape()))
        .contains(
            """
            # HELP openrouter_exporter_heap_after_gc_ratio Share of the maximum heap still in use\
             after the latest garbage collection of each heap pool (live data); above 0.9 /-/ready\
             answers 503.
            # TYPE openrouter_exporter_heap_after_gc_ratio gauge
            openrouter_exporter_heap_after_gc_ratio 0.42
            """);
    assertThat(metrics.heapPressure()).isEmpty();
  }

  @Test
  void aHeapOver90PercentFullAfterCollectionIsAReasonNotToBeReady() {
    heap.collected(0.93);

    assertThat(metrics.heapPressure())
        .hasValue(
            "the heap is 93% full after garbage collection (over 90%): give the JVM a larger heap"
                + " or poll fewer models");
    assertThat(text(metrics.prometheusRegistry().scrape()))
        .contains("openrouter_exporter_heap_after_gc_ratio 0.93\n");
  }

  @Test
  void theReasonGoesOnceTheHeapIsBelowTheLimitAgain() {
    heap.collected(0.95);
    heap.collected(0.6);

    assertThat(metrics.heapPressure()).isEmpty();
  }

  @Test
  void theJvmsOwnFigureIsAShareOfTheHeapAfterACollection() {
    ExporterMetrics jvm =
        new ExporterMetrics(
            new SnapshotStore(List.of()),
            Duration.ofMinutes(10),
            new BuildInfo("1", "r", "17"),
            TimeSource.SYSTEM);

    // The JVM tells of a collection on a thread of its own, a moment after it.
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              System.gc();
              assertThat(text(jvm.prometheusRegistry().scrape()))
                  .containsPattern("\nopenrouter_exporter_heap_after_gc_ratio 0\\.\\d+");
            });
  }
}
