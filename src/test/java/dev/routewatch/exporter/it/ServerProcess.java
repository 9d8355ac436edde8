package dev.routewatch.exporter.it;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A server from a Debian package (Prometheus, Alertmanager) on a free loopback port, its output in
 * a log file, ready once its {@code /-/ready} answers 200. Closing it stops the process.
 */
final class ServerProcess implements AutoCloseable {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String name;
  private final Process process;
  private final int port;
  private final Path log;

  private ServerProcess(String name, Process process, int port, Path log) {
    this.name = name;
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /** Whether {@code binary} is installed; CI installs it, so there its absence is a failure. */
  static boolean installed(String binary, String debianPackage) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (Files.isExecutable(Path.of(dir, binary))) {
        return true;
      }
    }
    if (System.getenv("CI") != null) {
      throw new AssertionError(binary + " is missing; .ci/run installs " + debianPackage);
    }
    return false;
  }

  /**
   * Runs the command {@code commandOnPort} gives for a free port, its output to {@code log}, and
   * waits until it is ready.
   */
  static ServerProcess start(String name, IntFunction<List<String>> commandOnPort, Path log)
      throws Exception {
    int port = freePort();
    Process process =
        new ProcessBuilder(commandOnPort.apply(port))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    ServerProcess server = new ServerProcess(name, process, port, log);
    try {
      server.awaitReady(Duration.ofSeconds(30));
    } catch (Exception | AssertionError e) {
      server.close();
      throw e;
    }
    return server;
  }

  /** A loopback port free now (the kernel's pick), for a server that cannot report its own. */
  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private void awaitReady(Duration timeout) {
    try {
      await()
          .atMost(timeout)
          .pollInterval(Duration.ofMillis(100))
          .ignoreExceptionsInstanceOf(IOException.class) // not listening yet
          .until(() -> !process.isAlive() || get("/-/ready").statusCode() == 200);
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(name + " not ready after " + timeout + ": " + log(), e);
    }
    if (!process.isAlive()) {
      throw new AssertionError(name + " exited: " + log());
    }
  }

  int port() {
    return port;
  }

  HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
            .timeout(Duration.ofSeconds(10))
            .build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  /** GET of an HTTP API path, answered as JSON whatever its status (errors carry a body too). */
  JsonNode api(String pathAndQuery) throws IOException, InterruptedException {
    return JSON.readTree(get(pathAndQuery).body());
  }

  /** The server's own log, for failure messages. */
  String log() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
