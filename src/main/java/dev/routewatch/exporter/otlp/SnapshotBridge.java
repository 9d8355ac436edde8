package dev.routewatch.exporter.otlp;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.Data;
import io.opentelemetry.sdk.metrics.data.DoublePointData;
import io.opentelemetry.sdk.metrics.data.GaugeData;
import io.opentelemetry.sdk.metrics.data.HistogramData;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.MetricDataType;
import io.opentelemetry.sdk.metrics.data.SumData;
import io.opentelemetry.sdk.metrics.data.SummaryData;
import io.opentelemetry.sdk.metrics.data.SummaryPointData;
import io.opentelemetry.sdk.metrics.data.ValueAtQuantile;
import io.opentelemetry.sdk.resources.Resource;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Quantile;
import io.prometheus.metrics.model.snapshots.StateSetSnapshot;
import io.prometheus.metrics.model.snapshots.SummarySnapshot;
import io.prometheus.metrics.model.snapshots.UnknownSnapshot;
import io.prometheus.metrics.model.snapshots.UnknownSnapshot.UnknownDataPointSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * Turns one reading of the client_java registry into OpenTelemetry metric data, family by family,
 * named and labeled as /metrics shows them (docs/otlp.md, "What is pushed"): a counter keeps its
 * {@code _total}, an info its {@code _info}, labels become attributes. Gauges, infos (value 1),
 * state sets (1 or 0 per state) and untyped families are OTLP gauges; counters are monotonic
 * cumulative sums; summaries and classic histograms keep their shape, so that a collector writing
 * Prometheus series gets back the {@code _count}, {@code _sum}, {@code quantile} and {@code le}
 * series /metrics has.
 */
final class SnapshotBridge {

  private final Resource resource;
  private final InstrumentationScopeInfo scope;
  private final long startNanos;

  /**
   * @param startNanos the start of every cumulative series without a created time of its own: when
   *     the exporter started counting
   */
  SnapshotBridge(Resource resource, InstrumentationScopeInfo scope, long startNanos) {
    this.resource = resource;
    this.scope = scope;
    this.startNanos = startNanos;
  }

  /** Every family of {@code snapshots}, read at {@code nowNanos} (Unix time). */
  List<MetricData> metrics(MetricSnapshots snapshots, long nowNanos) {
    List<MetricData> metrics = new ArrayList<>(snapshots.size());
    for (MetricSnapshot snapshot : snapshots) {
      metrics.add(metric(snapshot, nowNanos));
    }
    return metrics;
  }

  private MetricData metric(MetricSnapshot snapshot, long now) {
    MetricMetadata metadata = snapshot.getMetadata();
    String name = metadata.getPrometheusName();
    if (snapshot instanceof CounterSnapshot counter) {
      return family(
          metadata,
          name + "_total",
          MetricDataType.DOUBLE_SUM,
          SumData.createDoubleSumData(
              true,
              AggregationTemporality.CUMULATIVE,
              points(counter.getDataPoints(), CounterDataPointSnapshot::getValue, now)));
    }
    if (snapshot instanceof GaugeSnapshot gauge) {
      return gauge(
          metadata, name, points(gauge.getDataPoints(), GaugeDataPointSnapshot::getValue, now));
    }
    if (snapshot instanceof UnknownSnapshot unknown) {
      return gauge(
          metadata, name, points(unknown.getDataPoints(), UnknownDataPointSnapshot::getValue, now));
    }
    if (snapshot instanceof InfoSnapshot info) {
      return gauge(metadata, name + "_info", points(info.getDataPoints(), point -> 1, now));
    }
    if (snapshot instanceof StateSetSnapshot stateSet) {
      return gauge(metadata, name, states(stateSet, now));
    }
    if (snapshot instanceof SummarySnapshot summary) {
      return family(
          metadata,
          name,
          MetricDataType.SUMMARY,
          SummaryData.create(
              summary.getDataPoints().stream()
                  .map(
                      point ->
                          SummaryPointData.create(
                              start(point),
                              end(point, now),
                              attributes(point.getLabels()),
                              point.getCount(),
                              point.getSum(),
                              quantiles(point.getQuantiles())))
                  .toList()));
    }
    if (snapshot instanceof HistogramSnapshot histogram) {
      return family(
          metadata,
          name,
          MetricDataType.HISTOGRAM,
          HistogramData.create(
              AggregationTemporality.CUMULATIVE,
              histogram.getDataPoints().stream()
                  .map(
                      point ->
                          histogramPoint(
                              point.getClassicBuckets(),
                              point.hasSum() ? point.getSum() : 0,
                              start(point),
                              end(point, now),
                              attributes(point.getLabels())))
                  .toList()));
    }
    throw new IllegalArgumentException("no OTLP form for " + snapshot.getClass().getSimpleName());
  }

  private MetricData gauge(MetricMetadata metadata, String name, List<DoublePointData> points) {
    return family(
        metadata, name, MetricDataType.DOUBLE_GAUGE, GaugeData.createDoubleGaugeData(points));
  }

  private MetricData family(
      MetricMetadata metadata, String name, MetricDataType type, Data<?> data) {
    return new Family(
        resource,
        scope,
        name,
        metadata.getHelp() == null ? "" : metadata.getHelp(),
        metadata.hasUnit() ? metadata.getUnit().toString() : "",
        type,
        data);
  }

  private <P extends DataPointSnapshot> List<DoublePointData> points(
      List<P> points, ToDoubleFunction<P> value, long now) {
    return points.stream()
        .map(point -> point(point, point.getLabels(), value.applyAsDouble(point), now))
        .toList();
  }

  /** One point per state, labeled with the family's name as the text format writes it. */
  private List<DoublePointData> states(StateSetSnapshot stateSet, long now) {
    String name = stateSet.getMetadata().getPrometheusName();
    List<DoublePointData> points = new ArrayList<>();
    for (StateSetSnapshot.StateSetDataPointSnapshot point : stateSet.getDataPoints()) {
      for (int i = 0; i < point.size(); i++) {
        Labels labels = point.getLabels().add(name, point.getName(i));
        points.add(point(point, labels, point.isTrue(i) ? 1 : 0, now));
      }
    }
    return points;
  }

  private DoublePointData point(DataPointSnapshot point, Labels labels, double value, long now) {
    return DoublePointData.create(
        start(point), end(point, now), attributes(labels), value, List.of());
  }

  /** OTLP buckets count what falls in each, client_java's too; the last one is +Inf's. */
  private static HistogramPointData histogramPoint(
      ClassicHistogramBuckets buckets, double sum, long start, long end, Attributes attributes) {
    List<Double> bounds = new ArrayList<>();
    List<Long> counts = new ArrayList<>();
    for (int i = 0; i < buckets.size(); i++) {
      if (buckets.getUpperBound(i) != Double.POSITIVE_INFINITY) {
        bounds.add(buckets.getUpperBound(i));
      }
      counts.add(buckets.getCount(i));
    }
    return HistogramPointData.create(
        start, end, attributes, sum, false, 0, false, 0, bounds, counts);
  }

  private static List<ValueAtQuantile> quantiles(Iterable<Quantile> quantiles) {
    List<ValueAtQuantile> values = new ArrayList<>();
    for (Quantile quantile : quantiles) {
      values.add(ValueAtQuantile.create(quantile.getQuantile(), quantile.getValue()));
    }
    return values;
  }

  private long start(DataPointSnapshot point) {
    return point.hasCreatedTimestamp()
        ? TimeUnit.MILLISECONDS.toNanos(point.getCreatedTimestampMillis())
        : startNanos;
  }

  private static long end(DataPointSnapshot point, long now) {
    return point.hasScrapeTimestamp()
        ? TimeUnit.MILLISECONDS.toNanos(point.getScrapeTimestampMillis())
        : now;
  }

  private static Attributes attributes(Labels labels) {
    AttributesBuilder attributes = Attributes.builder();
    for (int i = 0; i < labels.size(); i++) {
      attributes.put(labels.getPrometheusName(i), labels.getValue(i));
    }
    return attributes.build();
  }

  /** A family as the SDK's exporters take it; the SDK has no public factory for this part. */
  private record Family(
      Resource resource,
      InstrumentationScopeInfo scope,
      String name,
      String description,
      String unit,
      MetricDataType type,
      Data<?> data)
      implements MetricData {

    @Override
    public Resource getResource() {
      return resource;
    }

    @Override
    public InstrumentationScopeInfo getInstrumentationScopeInfo() {
      return scope;
    }

    @Override
    public String getName() {
      return name;
    }

    @Override
    public String getDescription() {
      return description;
    }

    @Override
    public String getUnit() {
      return unit;
    }

    @Override
    public MetricDataType getType() {
      return type;
    }

    @Override
    public Data<?> getData() {
      return data;
    }
  }
}
