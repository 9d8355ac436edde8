package dev.routewatch.exporter.it;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * A real Prometheus (Debian's package) on a free loopback port, with its storage and log in a
 * directory of the test's. Closing it stops the process.
 */
final class PrometheusProcess implements AutoCloseable {

  private final ServerProcess server;

  private PrometheusProcess(ServerProcess server) {
    this.server = server;
  }

  /** Whether prometheus is installed; CI installs it, so there its absence is a failure. */
  static boolean installed() {
    return ServerProcess.installed("prometheus", "Debian's prometheus");
  }

  /** Starts Prometheus with {@code config}, keeping its data under {@code dir}; waits for ready. */
  static PrometheusProcess start(Path config, Path dir) throws Exception {
    return new PrometheusProcess(
        ServerProcess.start(
            "prometheus",
            port ->
                List.of(
                    "prometheus",
                    "--config.file=" + config,
                    "--storage.tsdb.path=" + dir.resolve("data"),
                    "--web.listen-address=127.0.0.1:" + port,
                    "--log.level=warn"),
            dir.resolve("prometheus.log")));
  }

  /** GET of an HTTP API path, answered as JSON whatever its status (errors carry a body too). */
  JsonNode api(String pathAndQuery) throws IOException, InterruptedException {
    return server.api(pathAndQuery);
  }

  /** An instant query at the current time: the whole answer, {@code status} and all. */
  JsonNode query(String expr) throws IOException, InterruptedException {
    return api("/api/v1/query?query=" + URLEncoder.encode(expr, StandardCharsets.UTF_8));
  }

  /** Prometheus' own log, for failure messages. */
  String log() {
    return server.log();
  }

  @Override
  public void close() {
    server.close();
  }
}
