package dev.routewatch.exporter.bench;

import java.util.List;

/**
 * One way of scraping /metrics: the headers a scraper sends. {@code gzip} is Prometheus's own
 * request (it always accepts gzip), so the gzip figures are those of a real Prometheus scrape.
 *
 * @param name also the file name its captured bytes are kept under
 */
record Format(String name, String accept, boolean gzip) {

  /** What Prometheus 2.x sends by default (scrape_protocols without protobuf). */
  static final String PROMETHEUS_ACCEPT =
      "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;"
          + "q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";

  static final Format TEXT = new Format("text", "text/plain;version=0.0.4", false);
  static final Format OPENMETRICS = new Format("openmetrics", PROMETHEUS_ACCEPT, false);
  static final Format GZIP = new Format("gzip", PROMETHEUS_ACCEPT, true);

  static final List<Format> ALL = List.of(TEXT, OPENMETRICS, GZIP);

  /** As client_java reads Accept-Encoding: any comma-separated token equal to gzip. */
  static boolean acceptsGzip(List<String> acceptEncoding) {
    if (acceptEncoding == null) {
      return false;
    }
    for (String header : acceptEncoding) {
      for (String token : header.split(",")) {
        if (token.trim().equalsIgnoreCase("gzip")) {
          return true;
        }
      }
    }
    return false;
  }
}
