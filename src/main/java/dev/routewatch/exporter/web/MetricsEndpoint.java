package dev.routewatch.exporter.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.routewatch.exporter.metrics.Exposition;
import dev.routewatch.exporter.metrics.ScrapeBody;
import dev.routewatch.exporter.metrics.ScrapeFormat;
import io.prometheus.metrics.exporter.common.PrometheusHttpRequest;
import io.prometheus.metrics.exporter.httpserver.HttpExchangeAdapter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Semaphore;

/**
 * {@code /metrics} over HTTP: reads the request as client_java's handler reads it (the format from
 * {@code Accept}, the {@code name[]} filter from the query), gzip when {@code Accept-Encoding}
 * accepts it, and sends what {@link Exposition} answers. HEAD answers the headers without rendering
 * anything.
 */
final class MetricsEndpoint implements HttpHandler {

  /**
   * Answers written at once, at most. A whole answer is up to tens of megabytes: a flood of scrapes
   * gets a quick 503 beyond this, rather than each waiting for a share of the CPU and the socket
   * until the server's time limits close it without an answer. More than Prometheus's few servers,
   * and the bench's 8 scrapers, need.
   */
  static final int ANSWERS_AT_ONCE = 16;

  private final Exposition exposition;
  private final ExpositionFormats formats = ExpositionFormats.init();
  private final Semaphore answering = new Semaphore(ANSWERS_AT_ONCE);

  MetricsEndpoint(Exposition exposition) {
    this.exposition = exposition;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    PrometheusHttpRequest request = new HttpExchangeAdapter(exchange).getRequest();
    // Only OpenMetrics 2.0, behind a client_java setting that is off by default, is left out.
    ScrapeFormat format =
        ScrapeFormat.of(formats.findWriter(request.getHeader("Accept"))).orElse(ScrapeFormat.TEXT);
    boolean gzip = acceptsGzip(exchange);
    exchange.getResponseHeaders().set("Content-Type", format.contentType());
    if (gzip) {
      exchange.getResponseHeaders().set("Content-Encoding", "gzip");
    }
    if (request.getMethod().equals("HEAD")) {
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
      String[] names = request.getParameterValues("name[]");
      ScrapeBody body =
          exposition.scrape(format, gzip, names == null ? Set.of() : Set.copyOf(List.of(names)));
      exchange.sendResponseHeaders(200, body.length());
      try (OutputStream out = exchange.getResponseBody()) {
        body.writeTo(out);
      }
    } finally {
      answering.release();
    }
  }

  /**
   * Whether {@code Accept-Encoding} lists gzip. Unlike client_java's handler, a quality value is
   * read: "gzip;q=0.5" accepts gzip, "gzip;q=0" refuses it (RFC 9110, section 12.5.3).
   */
  private static boolean acceptsGzip(HttpExchange exchange) {
    for (String header : exchange.getRequestHeaders().getOrDefault("Accept-Encoding", List.of())) {
      for (String coding : header.split(",")) {
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
}
