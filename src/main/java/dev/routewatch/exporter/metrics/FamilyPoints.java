package dev.routewatch.exporter.metrics;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot.InfoDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricFamilyDescriptor;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The data points one scrape gathers, by family. A null value adds no point: a missing value is a
 * missing series, never 0 or NaN. Families that got no point are left out of {@link #snapshots()}
 * rather than rendered as a bare HELP/TYPE header, and so are the families and percentiles a {@link
 * SeriesSelection} leaves out.
 */
final class FamilyPoints {

  private final SeriesSelection selection;

  private final Map<MetricFamilyDescriptor, List<GaugeDataPointSnapshot>> gauges =
      new LinkedHashMap<>();
  private final Map<MetricFamilyDescriptor, List<CounterDataPointSnapshot>> counters =
      new LinkedHashMap<>();
  private final Map<MetricFamilyDescriptor, List<InfoDataPointSnapshot>> infos =
      new LinkedHashMap<>();

  /** Points of every family. */
  FamilyPoints() {
    this(SeriesSelection.ALL);
  }

  FamilyPoints(SeriesSelection selection) {
    this.selection = selection;
  }

  /** Whether points with this {@code percentile} label are kept. */
  boolean showsPercentile(String percentile) {
    return selection.showsPercentile(percentile);
  }

  void gauge(MetricFamilyDescriptor family, Labels labels, Number value) {
    // A price of "1e400" is a valid decimal, but +Inf is no price: absent, like a missing one.
    if (value != null && Double.isFinite(value.doubleValue()) && selection.shows(family)) {
      gauges
          .computeIfAbsent(family, ignored -> new ArrayList<>())
          .add(GaugeDataPointSnapshot.builder().labels(labels).value(value.doubleValue()).build());
    }
  }

  void counter(MetricFamilyDescriptor family, Labels labels, long value) {
    if (!selection.shows(family)) {
      return;
    }
    counters
        .computeIfAbsent(family, ignored -> new ArrayList<>())
        .add(CounterDataPointSnapshot.builder().labels(labels).value(value).build());
  }

  /** A counter read from upstream, such as a total spend: a null value adds no point. */
  void counter(MetricFamilyDescriptor family, Labels labels, Double value) {
    if (value != null && Double.isFinite(value)) {
      counters
          .computeIfAbsent(family, ignored -> new ArrayList<>())
          .add(CounterDataPointSnapshot.builder().labels(labels).value(value).build());
    }
  }

  void info(MetricFamilyDescriptor family, Labels labels) {
    if (!selection.shows(family)) {
      return;
    }
    infos
        .computeIfAbsent(family, ignored -> new ArrayList<>())
        .add(new InfoDataPointSnapshot(labels));
  }

  MetricSnapshots snapshots() {
    List<MetricSnapshot> snapshots = new ArrayList<>();
    gauges.forEach(
        (family, points) -> snapshots.add(new GaugeSnapshot(family.getMetadata(), points)));
    counters.forEach(
        (family, points) -> snapshots.add(new CounterSnapshot(family.getMetadata(), points)));
    infos.forEach(
        (family, points) -> snapshots.add(new InfoSnapshot(family.getMetadata(), points)));
    return new MetricSnapshots(snapshots);
  }
}
