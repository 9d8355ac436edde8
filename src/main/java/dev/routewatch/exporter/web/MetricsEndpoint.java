package dev.routewatch.exporter.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.routewatch.exporter.metrics.ExporterMetrics;
import dev.routewatch.exporter.metrics.ScrapeBody;
import dev.routewatch.exporter.metrics.ScrapeFormat;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.zip.GZIPOutputStream;

/**
 * {@code /metrics}: the text format unless {@code Accept} asks for OpenMetrics (or protobuf), gzip
 * when {@code Accept-Encoding} lists it, negotiated as client_java's own handler does. The text
 * formats come from {@link ExporterMetrics#scrape}, mostly cached bytes; protobuf and a {@code
 * name[]} filter are rendered in full. HEAD answers the headers without rendering anything.
 */
final class MetricsEndpoint implements HttpHandler {

  private final ExporterMetrics metrics;
  private final ExpositionFormats formats = ExpositionFormats.init();

  MetricsEndpoint(ExporterMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    String accept = exchange.getRequestHeaders().getFirst("Accept");
    ExpositionFormatWriter writer = formats.findWriter(accept);
    boolean gzip = acceptsGzip(exchange);
    exchange.getResponseHeaders().set("Content-Type", writer.getContentType());
    if (gzip) {
      exchange.getResponseHeaders().set("Content-Encoding", "gzip");
    }
    if (exchange.getRequestMethod().equals("HEAD")) {
      exchange.sendResponseHeaders(200, -1);
      return;
    }
    List<String> names = names(exchange.getRequestURI().getRawQuery());
    Optional<ScrapeFormat> cached = ScrapeFormat.of(writer);
    if (cached.isPresent() && names.isEmpty()) {
      ScrapeBody body = metrics.scrape(cached.get(), gzip);
      exchange.sendResponseHeaders(200, body.length());
      try (OutputStream out = exchange.getResponseBody()) {
        body.writeTo(out);
      }
      return;
    }
    Set<String> included = Set.copyOf(names);
    MetricSnapshots snapshots =
        included.isEmpty()
            ? metrics.prometheusRegistry().scrape()
            : metrics.prometheusRegistry().scrape(included::contains);
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    try (OutputStream out = gzip ? new GZIPOutputStream(body) : body) {
      writer.write(out, snapshots, EscapingScheme.fromAcceptHeader(accept));
    }
    exchange.sendResponseHeaders(200, body.size());
    try (OutputStream out = exchange.getResponseBody()) {
      body.writeTo(out);
    }
  }

  private static boolean acceptsGzip(HttpExchange exchange) {
    for (String header : exchange.getRequestHeaders().getOrDefault("Accept-Encoding", List.of())) {
      for (String coding : header.split(",")) {
        // "gzip;q=0.5" accepts gzip too; "gzip;q=0" refuses it.
        String[] parts = coding.trim().split(";");
        if (parts[0].trim().equalsIgnoreCase("gzip") && !refused(parts)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean refused(String[] codingParts) {
    for (int i = 1; i < codingParts.length; i++) {
      String parameter = codingParts[i].trim().replace(" ", "");
      if (parameter.matches("q=0(\\.0*)?")) {
        return true;
      }
    }
    return false;
  }

  /** The {@code name[]} parameters of a query: only the families named are shown. */
  private static List<String> names(String rawQuery) {
    List<String> names = new ArrayList<>();
    if (rawQuery == null) {
      return names;
    }
    for (String pair : rawQuery.split("&")) {
      int equals = pair.indexOf('=');
      if (equals > 0
          && URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8)
              .equals("name[]")) {
        names.add(URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
      }
    }
    return names;
  }
}
