package dev.routewatch.exporter.otlp;

import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import mockwebserver3.RecordedRequest;

/**
 * For testing only: what an OTLP push and a scrape of /metrics carry, both as Prometheus samples
 * ({@code name{label="value",...}} to value, labels sorted), so that the two compare point by
 * point. The push side is decoded with the protocol's generated classes; summaries and histograms
 * are written out as the text format writes them ({@code quantile}, {@code _bucket{le}}, {@code
 * _count}, {@code _sum}).
 */
public final class OtlpSamples {

  private static final Pattern SAMPLE =
      Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})? (\\S+)");
  private static final Pattern LABEL =
      Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\",?");

  private OtlpSamples() {}

  /** The body of a recorded OTLP/HTTP request, gunzipped when it says so. */
  public static ExportMetricsServiceRequest decode(RecordedRequest request) {
    byte[] body = request.getBody().toByteArray();
    try (InputStream in =
        "gzip".equals(request.getHeaders().get("Content-Encoding"))
            ? new GZIPInputStream(new ByteArrayInputStream(body))
            : new ByteArrayInputStream(body)) {
      return ExportMetricsServiceRequest.parseFrom(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The message of a recorded gRPC request: one length-prefixed message, gzipped when its flag says
   * so (gRPC over HTTP/2, "Length-Prefixed-Message").
   */
  public static ExportMetricsServiceRequest decodeGrpc(RecordedRequest request) {
    byte[] frame = request.getBody().toByteArray();
    ByteArrayInputStream message = new ByteArrayInputStream(frame, 5, frame.length - 5);
    try (InputStream in = frame[0] == 1 ? new GZIPInputStream(message) : message) {
      return ExportMetricsServiceRequest.parseFrom(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every point of a push, by sample. */
  public static Map<String, Double> of(ExportMetricsServiceRequest request) {
    Map<String, Double> samples = new TreeMap<>();
    for (ResourceMetrics resource : request.getResourceMetricsList()) {
      for (ScopeMetrics scope : resource.getScopeMetricsList()) {
        for (Metric metric : scope.getMetricsList()) {
          add(metric, samples);
        }
      }
    }
    return samples;
  }

  /** The names of a push's families, as sent. */
  public static List<String> families(ExportMetricsServiceRequest request) {
    return request.getResourceMetricsList().stream()
        .flatMap(resource -> resource.getScopeMetricsList().stream())
        .flatMap(scope -> scope.getMetricsList().stream())
        .map(Metric::getName)
        .toList();
  }

  private static void add(Metric metric, Map<String, Double> samples) {
    String name = metric.getName();
    switch (metric.getDataCase()) {
      case GAUGE -> metric.getGauge().getDataPointsList().forEach(p -> number(name, p, samples));
      case SUM -> metric.getSum().getDataPointsList().forEach(p -> number(name, p, samples));
      case SUMMARY -> {
        for (SummaryDataPoint point : metric.getSummary().getDataPointsList()) {
          Map<String, String> labels = labels(point.getAttributesList());
          for (SummaryDataPoint.ValueAtQuantile quantile : point.getQuantileValuesList()) {
            put(
                samples,
                name,
                with(labels, "quantile", quantile.getQuantile()),
                quantile.getValue());
          }
          put(samples, name + "_count", labels, point.getCount());
          put(samples, name + "_sum", labels, point.getSum());
        }
      }
      case HISTOGRAM -> {
        for (HistogramDataPoint point : metric.getHistogram().getDataPointsList()) {
          Map<String, String> labels = labels(point.getAttributesList());
          long cumulative = 0;
          for (int i = 0; i < point.getBucketCountsCount(); i++) {
            cumulative += point.getBucketCounts(i);
            double bound =
                i < point.getExplicitBoundsCount()
                    ? point.getExplicitBounds(i)
                    : Double.POSITIVE_INFINITY;
            put(samples, name + "_bucket", with(labels, "le", bound), cumulative);
          }
          put(samples, name + "_count", labels, point.getCount());
          put(samples, name + "_sum", labels, point.getSum());
        }
      }
      default -> throw new AssertionError("unexpected OTLP data " + metric.getDataCase());
    }
  }

  private static void number(String name, NumberDataPoint point, Map<String, Double> samples) {
    double value =
        point.getValueCase() == NumberDataPoint.ValueCase.AS_INT
            ? point.getAsInt()
            : point.getAsDouble();
    put(samples, name, labels(point.getAttributesList()), value);
  }

  private static Map<String, String> labels(List<KeyValue> attributes) {
    Map<String, String> labels = new TreeMap<>();
    for (KeyValue attribute : attributes) {
      labels.put(attribute.getKey(), attribute.getValue().getStringValue());
    }
    return labels;
  }

  private static Map<String, String> with(Map<String, String> labels, String name, double bound) {
    Map<String, String> more = new TreeMap<>(labels);
    more.put(name, String.valueOf(bound));
    return more;
  }

  private static void put(
      Map<String, Double> samples, String name, Map<String, String> labels, double value) {
    if (samples.put(key(name, labels), value) != null) {
      throw new AssertionError("sample sent twice: " + key(name, labels));
    }
  }

  /** Every sample of an exposition in the text format (comments skipped). */
  public static Map<String, Double> ofText(String exposition) {
    Map<String, Double> samples = new TreeMap<>();
    for (String line : exposition.split("\n")) {
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      Matcher sample = SAMPLE.matcher(line);
      if (!sample.matches()) {
        throw new AssertionError("not a sample line: " + line);
      }
      Map<String, String> labels = new TreeMap<>();
      if (sample.group(2) != null) {
        Matcher label = LABEL.matcher(sample.group(2));
        while (label.find()) {
          String value =
              label.group(2).replace("\\n", "\n").replace("\\\"", "\"").replace("\\\\", "\\");
          boolean bound = label.group(1).equals("le") || label.group(1).equals("quantile");
          labels.put(label.group(1), bound ? String.valueOf(number(value)) : value);
        }
      }
      put(samples, sample.group(1), labels, number(sample.group(3)));
    }
    return samples;
  }

  private static double number(String text) {
    return switch (text) {
      case "+Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      default -> Double.parseDouble(text);
    };
  }

  private static String key(String name, Map<String, String> labels) {
    StringBuilder key = new StringBuilder(name).append('{');
    labels.forEach((label, value) -> key.append(label).append("=\"").append(value).append("\","));
    return key.append('}').toString();
  }
}
