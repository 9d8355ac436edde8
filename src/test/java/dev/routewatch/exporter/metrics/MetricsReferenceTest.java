package dev.routewatch.exporter.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.routewatch.exporter.MarkdownFile;
import dev.routewatch.exporter.snapshot.SnapshotStore;
import dev.routewatch.exporter.snapshot.TimeSource;
import io.prometheus.metrics.model.registry.MetricType;
import io.prometheus.metrics.model.snapshots.MetricFamilyDescriptor;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * docs/metrics.md cannot drift from the code: its reference tables have exactly one row per family
 * the exporter emits and no row for a family it does not.
 */
class MetricsReferenceTest {

  private static final Path REFERENCE = Path.of("docs/metrics.md");

  @Test
  void theReferenceHasOneRowPerMetricFamily() {
    List<String> rows = new ArrayList<>();
    for (MarkdownFile.Table table : MarkdownFile.read(REFERENCE).tables()) {
      if (table.header().get(0).equals("family")) {
        rows.addAll(table.firstColumnNames());
      }
    }

    assertThat(exposedFamilies()).contains("openrouter_up", "openrouter_poll_errors_total");
    assertThat(rows).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(exposedFamilies());
  }

  /** Every family the exporter emits, as the text format names it, but the JVM's and process's. */
  private static Set<String> exposedFamilies() {
    Set<String> families = new TreeSet<>();
    SnapshotStore store = new SnapshotStore(List.of());
    for (MetricFamilyDescriptor family :
        new SnapshotCollector(
                store,
                new SnapshotCollector.Settings(Duration.ofMinutes(10), true),
                TimeSource.SYSTEM)
            .getMetricFamilyDescriptors()) {
      families.add(exposedName(family.getPrometheusName(), family.getType()));
    }
    for (MetricFamilyDescriptor family : AccountFamilies.FAMILIES) {
      families.add(exposedName(family.getPrometheusName(), family.getType()));
    }
    ExporterMetrics metrics =
        new ExporterMetrics(
            store, Duration.ofMinutes(10), new BuildInfo("1", "r", "17"), TimeSource.SYSTEM);
    metrics.apiRequestListener().requestCompleted("200");
    metrics.cluster(() -> OptionalInt.of(3), () -> 1);
    metrics.otlp(() -> 0);
    for (MetricSnapshot snapshot : metrics.prometheusRegistry().scrape()) {
      String name = snapshot.getMetadata().getPrometheusName();
      if (!name.startsWith("jvm_") && !name.startsWith("process_")) {
        families.add(exposedName(name, typeOf(snapshot)));
      }
    }
    return families;
  }

  private static MetricType typeOf(MetricSnapshot snapshot) {
    return switch (snapshot.getClass().getSimpleName()) {
      case "CounterSnapshot" -> MetricType.COUNTER;
      case "InfoSnapshot" -> MetricType.INFO;
      default -> MetricType.GAUGE;
    };
  }

  /** The name as it appears in the text format. */
  private static String exposedName(String name, MetricType type) {
    return switch (type) {
      case COUNTER -> name + "_total";
      case INFO -> name + "_info";
      default -> name;
    };
  }
}
