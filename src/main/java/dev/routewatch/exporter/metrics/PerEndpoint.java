package dev.routewatch.exporter.metrics;

import dev.routewatch.exporter.openrouter.Endpoint.Percentiles;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricFamilyDescriptor;
import io.prometheus.metrics.model.snapshots.Unit;
import java.math.BigDecimal;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * What every per-endpoint family shares: the identifying labels, the note that values are cached,
 * the per-token price kinds, and OpenRouter's unit conversions (done here and nowhere else).
 */
final class PerEndpoint {

  static final String CACHED = " Cached from the model's last successful poll.";
  static final String[] LABELS = {"model", "provider", "endpoint"};

  /** The per-token pricing keys; other keys (future ones, {@code discount}) are not exported. */
  static final List<String> TOKEN_PRICE_KINDS =
      List.of(
          "prompt",
          "completion",
          "internal_reasoning",
          "input_cache_read",
          "input_cache_write",
          "input_cache_write_1h",
          "audio",
          "audio_output",
          "input_audio_cache",
          "image_token");

  static final Unit USD = new Unit("usd");
  static final Unit TOKENS = new Unit("tokens");
  static final Unit TOKENS_PER_SECOND = new Unit("tokens_per_second");

  private PerEndpoint() {}

  static MetricFamilyDescriptor gauge(String name, Unit unit, String help, String... extraLabels) {
    MetricFamilyDescriptor.GaugeBuilder builder =
        MetricFamilyDescriptor.gauge(name)
            .help(help + CACHED)
            .labelNames(LABELS)
            .labelNames(extraLabels);
    return unit == null ? builder.build() : builder.unit(unit).build();
  }

  static MetricFamilyDescriptor info(String name, String help, String... extraLabels) {
    return MetricFamilyDescriptor.info(name)
        .help(help + CACHED)
        .labelNames(LABELS)
        .labelNames(extraLabels)
        .build();
  }

  /**
   * One point per percentile {@code p50}..{@code p99} that {@code points} keeps; none when {@code
   * values} is null.
   */
  static void percentiles(
      MetricFamilyDescriptor family,
      Labels labels,
      Percentiles values,
      UnaryOperator<Double> convert,
      FamilyPoints points) {
    if (values != null) {
      percentile(family, labels, "p50", values.p50(), convert, points);
      percentile(family, labels, "p75", values.p75(), convert, points);
      percentile(family, labels, "p90", values.p90(), convert, points);
      percentile(family, labels, "p99", values.p99(), convert, points);
    }
  }

  private static void percentile(
      MetricFamilyDescriptor family,
      Labels labels,
      String percentile,
      Double value,
      UnaryOperator<Double> convert,
      FamilyPoints points) {
    if (points.showsPercentile(percentile)) {
      points.gauge(family, labels.add("percentile", percentile), convert.apply(value));
    }
  }

  static Double ratioFromPercent(Double value) {
    return shifted(value, 2);
  }

  static Double secondsFromMillis(Double value) {
    return shifted(value, 3);
  }

  /**
   * {@code value / 10^places}, computed on the decimal OpenRouter sent rather than on binary
   * doubles: 24973.2 ms becomes 24.9732 s, not 24.973200000000002.
   */
  private static Double shifted(Double value, int places) {
    return value == null ? null : BigDecimal.valueOf(value).movePointLeft(places).doubleValue();
  }

  static String orEmpty(String value) {
    return value == null ? "" : value;
  }
}
