package dev.routewatch.exporter.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.routewatch.exporter.metrics.ExporterMetrics;
import dev.routewatch.exporter.metrics.ScrapeBody;
import dev.routewatch.exporter.metrics.ScrapeFormat;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Semaphore;

/**
 * {@code /metrics}: the text format unless {@code Accept} asks for OpenMetrics or protobuf, gzip
 * when {@code Accept-Encoding} lists it, negotiated as client_java's own handler does. Every
 * answer, {@code name[]} filters included, comes from {@link ExporterMetrics#scrape}, mostly cached
 * bytes: concurrent scrapes share one rendering of the snapshot store instead of each holding its
 * own. HEAD answers the headers without rendering anything.
 */
final class MetricsEndpoint implements HttpHandler {

  private final ExporterMetrics metrics;

  /**
   * Answers written at once, at most. A whole answer is up to tens of megabytes: a flood of scrapes
   * gets a quick 503 beyond this, rather than each waiting for a share of the CPU and the socket
   * until the server's time limits close it without an answer. More than Prometheus's few servers,
   * and the bench's 8 scrapers, need.
   */
  static final int ANSWERS_AT_ONCE = 16;

  private final ExpositionFormats formats = ExpositionFormats.init();
  private final Semaphore answering = new Semaphore(ANSWERS_AT_ONCE);

  MetricsEndpoint(ExporterMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    // Only OpenMetrics 2.0, behind a client_java setting that is off by default, is left out.
    ScrapeFormat format =
        ScrapeFormat.of(formats.findWriter(exchange.getRequestHeaders().getFirst("Accept")))
            .orElse(ScrapeFormat.TEXT);
    boolean gzip = acceptsGzip(exchange);
    exchange.getResponseHeaders().set("Content-Type", format.contentType());
    if (gzip) {
      exchange.getResponseHeaders().set("Content-Encoding", "gzip");
    }
    if (exchange.getRequestMethod().equals("HEAD")) {
      exchange.sendResponseHeaders(200, -1);
      return;
    }
    if (!answering.tryAcquire()) {
      exchange.getResponseHeaders().remove("Content-Encoding");
      exchange.getResponseHeaders().set("Retry-After", "1");
      Responses.send(exchange, 503, Responses.TEXT, "Too many scrapes at once, retry\n");
      return;
    }
    try {
      List<String> names = names(exchange.getRequestURI().getRawQuery());
      ScrapeBody body =
          names.isEmpty()
              ? metrics.scrape(format, gzip)
              : metrics.scrape(format, gzip, Set.copyOf(names));
      exchange.sendResponseHeaders(200, body.length());
      try (OutputStream out = exchange.getResponseBody()) {
        body.writeTo(out);
      }
    } finally {
      answering.release();
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
