package dev.routewatch.exporter.metrics;

import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusProtobufWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * The formats /metrics answers from cached bytes, each written by client_java's own writer so that
 * the cached bytes are exactly what the writer would give: the text format, OpenMetrics, and
 * protobuf (length-delimited {@code MetricFamily} messages, which Prometheus asks for when native
 * histograms are on).
 */
public enum ScrapeFormat {
  TEXT(PrometheusTextFormatWriter.create()),
  OPENMETRICS(OpenMetricsTextFormatWriter.create()),
  PROTOBUF(new PrometheusProtobufWriter());

  private final ExpositionFormatWriter writer;

  ScrapeFormat(ExpositionFormatWriter writer) {
    this.writer = writer;
  }

  /** The cached format {@code writer} writes, if it is one. */
  public static Optional<ScrapeFormat> of(ExpositionFormatWriter writer) {
    for (ScrapeFormat format : values()) {
      if (format.writer.getClass() == writer.getClass()) {
        return Optional.of(format);
      }
    }
    return Optional.empty();
  }

  public String contentType() {
    return writer.getContentType();
  }

  /** Like {@link #write}, without the {@code # EOF} line that ends OpenMetrics: more follows. */
  void writeWithoutEnd(MetricSnapshots snapshots, ByteArrayOutputStream out) {
    write(snapshots, out);
    if (this == OPENMETRICS) {
      byte[] end = "# EOF\n".getBytes(StandardCharsets.US_ASCII);
      byte[] written = out.toByteArray();
      if (written.length >= end.length
          && Arrays.equals(
              written, written.length - end.length, written.length, end, 0, end.length)) {
        out.reset();
        out.write(written, 0, written.length - end.length);
      }
    }
  }

  /** Writes {@code snapshots} into {@code out} (which is reset first). */
  void write(MetricSnapshots snapshots, ByteArrayOutputStream out) {
    out.reset();
    try {
      writer.write(out, snapshots);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot happen: writing to memory", e);
    }
  }
}
