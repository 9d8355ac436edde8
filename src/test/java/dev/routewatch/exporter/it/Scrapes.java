package dev.routewatch.exporter.it;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** HTTP and text helpers shared by the integration tests. */
final class Scrapes {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private Scrapes() {}

  static HttpResponse<String> get(int port, String path, String... headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(10));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  /** Asks the exporter to reload its configuration ({@code --web.enable-lifecycle}). */
  static HttpResponse<String> postReload(int port) throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/-/reload"))
            .timeout(Duration.ofSeconds(10))
            .POST(HttpRequest.BodyPublishers.noBody())
            .build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  /** The lines of a scrape that carry the account's families. */
  static String accountLines(String metrics) {
    return metrics
        .lines()
        .filter(
            line ->
                line.startsWith("openrouter_key_")
                    || line.startsWith("openrouter_credits_")
                    || line.startsWith("openrouter_activity_")
                    || line.startsWith("openrouter_account_"))
        .collect(Collectors.joining("\n"));
  }

  static String metrics(int port) throws IOException, InterruptedException {
    return get(port, "/metrics").body();
  }

  /** Waits until /-/ready answers 200. */
  static void awaitReady(int port, Duration timeout) {
    await("/-/ready answers 200")
        .atMost(timeout)
        .pollInterval(Duration.ofMillis(50))
        .until(() -> get(port, "/-/ready").statusCode() == 200);
  }

  /** A configuration file for the exporter under test; model ids are quoted for YAML. */
  static Path writeConfig(
      Path dir, String baseUrl, Collection<String> models, String interval, String staleAfter)
      throws IOException {
    return writeConfig(dir, baseUrl, models, interval, staleAfter, "2s");
  }

  static Path writeConfig(
      Path dir,
      String baseUrl,
      Collection<String> models,
      String interval,
      String staleAfter,
      String timeout)
      throws IOException {
    StringBuilder yaml = new StringBuilder();
    yaml.append("openrouter:\n")
        .append("  base_url: ")
        .append(baseUrl)
        .append("\n  timeout: ")
        .append(timeout)
        .append("\n")
        .append("poll:\n  interval: ")
        .append(interval)
        .append("\n  stale_after: ")
        .append(staleAfter)
        .append("\nmodels:\n");
    for (String model : models) {
      yaml.append("  - \"").append(model).append("\"\n");
    }
    yaml.append("web:\n  listen_address: 127.0.0.1:0\n");
    Path file = dir.resolve("exporter.yml");
    Files.writeString(file, yaml);
    return file;
  }

  /**
   * Replaces {@code file} by a named pipe that nobody writes to: opening it for reading blocks, as
   * on a hung network mount.
   */
  static Path pipeNobodyWritesTo(Path file) throws IOException, InterruptedException {
    Files.deleteIfExists(file);
    Process mkfifo = new ProcessBuilder("mkfifo", file.toString()).inheritIO().start();
    if (mkfifo.waitFor() != 0) {
      throw new IOException("mkfifo failed for " + file);
    }
    return file;
  }

  /**
   * The families of a text-format exposition whose name passes {@code keep}, with their HELP and
   * TYPE lines, in their order.
   */
  static String families(String exposition, Predicate<String> keep) {
    List<String> kept = new ArrayList<>();
    for (String line : exposition.split("\n", -1)) {
      if (line.isEmpty()) {
        continue;
      }
      String name = line.startsWith("# ") ? line.split(" ", 4)[2] : line.split("[{ ]", 2)[0];
      if (keep.test(familyOf(name))) {
        kept.add(line);
      }
    }
    return String.join("\n", kept) + "\n";
  }

  private static final Set<String> SUFFIXES = Set.of("_total", "_created", "_count", "_sum");

  private static String familyOf(String name) {
    for (String suffix : SUFFIXES) {
      if (name.endsWith(suffix)) {
        return name.substring(0, name.length() - suffix.length());
      }
    }
    return name;
  }

  /** Runs {@code promtool check metrics} on the text; returns what it printed and its exit code. */
  static String promtoolCheck(String exposition) throws IOException, InterruptedException {
    Process promtool =
        new ProcessBuilder("promtool", "check", "metrics").redirectErrorStream(true).start();
    try (var in = promtool.getOutputStream()) {
      in.write(exposition.getBytes(StandardCharsets.UTF_8));
    }
    String printed = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!promtool.waitFor(30, TimeUnit.SECONDS)) {
      promtool.destroyForcibly();
      throw new AssertionError("promtool hung");
    }
    return "exit " + promtool.exitValue() + (printed.isEmpty() ? "" : ": " + printed);
  }

  /** Whether promtool is installed; CI installs it, so there its absence is a failure. */
  static boolean promtoolInstalled() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (Files.isExecutable(Path.of(dir, "promtool"))) {
        return true;
      }
    }
    if (System.getenv("CI") != null) {
      throw new AssertionError("promtool is missing; .ci/run installs Debian's prometheus");
    }
    return false;
  }
}
