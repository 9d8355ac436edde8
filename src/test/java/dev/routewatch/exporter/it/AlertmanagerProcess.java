package dev.routewatch.exporter.it;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A real Alertmanager (Debian's prometheus-alertmanager) on a free loopback port, alone (no cluster
 * peers), with its storage and log in a directory of the test's. Closing it stops it.
 */
final class AlertmanagerProcess implements AutoCloseable {

  private final ServerProcess server;

  private AlertmanagerProcess(ServerProcess server) {
    this.server = server;
  }

  /** Whether Alertmanager is installed; CI installs it, so there its absence is a failure. */
  static boolean installed() {
    return ServerProcess.installed("prometheus-alertmanager", "Debian's prometheus-alertmanager");
  }

  /** Starts Alertmanager with {@code config}, its data under {@code dir}; waits for ready. */
  static AlertmanagerProcess start(Path config, Path dir) throws Exception {
    return new AlertmanagerProcess(
        ServerProcess.start(
            "alertmanager",
            port ->
                List.of(
                    "prometheus-alertmanager",
                    "--config.file=" + config,
                    "--storage.path=" + dir.resolve("alertmanager"),
                    "--web.listen-address=127.0.0.1:" + port,
                    // No gossip port: a single Alertmanager, nothing else bound.
                    "--cluster.listen-address=",
                    "--log.level=warn"),
            dir.resolve("alertmanager.log")));
  }

  /** Where Prometheus sends it alerts. */
  String address() {
    return "127.0.0.1:" + server.port();
  }

  /**
   * The alerts it holds (API v2), each with its {@code status}: active, suppressed, inhibitedBy.
   */
  JsonNode alerts() throws IOException, InterruptedException {
    return server.api("/api/v2/alerts");
  }

  /** Alertmanager's own log, for failure messages. */
  String log() {
    return server.log();
  }

  @Override
  public void close() {
    server.close();
  }
}
