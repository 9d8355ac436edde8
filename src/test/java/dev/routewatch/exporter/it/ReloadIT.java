package dev.routewatch.exporter.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The configuration reloads without a restart, on POST /-/reload and on SIGHUP. */
class ReloadIT {

  private static final String KIMI = "moonshotai/kimi-k3";
  private static final String SOLAR = "upstage/solar-decide";
  private static final String KEV = "jaredpalmer/kev-4b";

  @TempDir Path dir;

  @RegisterExtension
  final ExporterExtension exporters = ExporterExtension.builder().startedByTests().build();

  private static void signal(String name, ExporterProcess exporter) throws Exception {
    new ProcessBuilder("kill", "-" + name, Long.toString(exporter.process().pid()))
        .start()
        .waitFor();
  }

  private static long threads(ExporterProcess exporter) throws Exception {
    try (Stream<Path> tasks =
        Files.list(Path.of("/proc", Long.toString(exporter.process().pid()), "task"))) {
      return tasks.count();
    }
  }

  private static String modelSeries(String model) {
    return "openrouter_model_endpoints{model=\"" + model + "\"}";
  }

  @Test
  void addedModelsArePolledRemovedOnesLeaveNoSeriesAndABadFileChangesNothing() throws Exception {
    FixtureUpstream upstream = exporters.upstream();
    Path config = Scrapes.writeConfig(dir, upstream.baseUrl(), List.of(KIMI, SOLAR), "1h", "2h");
    try (ExporterProcess exporter = exporters.startOn(config, "--web.enable-lifecycle")) {
      int port = exporter.port();
      Scrapes.awaitReady(port, Duration.ofSeconds(20));
      assertThat(Scrapes.metrics(port))
          .contains("openrouter_config_last_reload_successful 1")
          .contains(modelSeries(KIMI));

      Scrapes.writeConfig(dir, upstream.baseUrl(), List.of(SOLAR, KEV), "1h", "2h");
      HttpResponse<String> reloaded = Scrapes.postReload(port);

      assertThat(reloaded.statusCode()).isEqualTo(200);
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> Scrapes.metrics(port).contains(modelSeries(KEV)));
      String afterReload = Scrapes.metrics(port);
      assertThat(afterReload).doesNotContain("model=\"" + KIMI + "\"").contains(modelSeries(SOLAR));
      long solarRequests =
          upstream.requests().stream()
              .filter(r -> r.getUrl().encodedPath().contains(SOLAR))
              .count();
      assertThat(solarRequests).as("a kept model is not polled again at once").isEqualTo(1);

      Files.writeString(config, "models: [this is not a model id]\n");
      HttpResponse<String> failed = Scrapes.postReload(port);

      assertThat(failed.statusCode()).isEqualTo(500);
      assertThat(failed.body()).contains(config + ": models[0]: ");
      String afterFailure = Scrapes.metrics(port);
      assertThat(afterFailure)
          .contains("openrouter_config_last_reload_successful 0")
          .contains(modelSeries(SOLAR))
          .contains(modelSeries(KEV));
      // The line is written before the answer, but read from the process's pipe by a thread of
      // ours, which a loaded machine may hold back.
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () -> exporter.output().contains("Reload failed, the running configuration stays"));
    }
  }

  @Test
  void sighupReloadsAndAChangedIntervalApplies() throws Exception {
    FixtureUpstream upstream = exporters.upstream();
    Path config = Scrapes.writeConfig(dir, upstream.baseUrl(), List.of(KIMI), "1h", "2h");
    try (ExporterProcess exporter = exporters.startOn(config)) {
      int port = exporter.port();
      Scrapes.awaitReady(port, Duration.ofSeconds(20));
      assertThat(Scrapes.postReload(port).statusCode())
          .as("no lifecycle API without the flag")
          .isEqualTo(404);

      Scrapes.writeConfig(dir, upstream.baseUrl(), List.of(KIMI, KEV), "1s", "1m");
      signal("HUP", exporter);

      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> Scrapes.metrics(port).contains(modelSeries(KEV)));
      // Every second now, not every hour: kimi is polled again and again.
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  upstream.requests().stream()
                          .filter(r -> r.getUrl().encodedPath().contains(KIMI))
                          .count()
                      >= 4);
      assertThat(exporter.process().isAlive()).isTrue();
    }
  }

  @Test
  @Timeout(120)
  void aConfigFileThatNeverAnswersHoldsUpNeitherScrapesNorReloadRequestsNorSigterm()
      throws Exception {
    FixtureUpstream upstream = exporters.upstream();
    Path config = Scrapes.writeConfig(dir, upstream.baseUrl(), List.of(KIMI), "1h", "2h");
    try (ExporterProcess exporter = exporters.startOn(config, "--web.enable-lifecycle")) {
      int port = exporter.port();
      Scrapes.awaitReady(port, Duration.ofSeconds(20));
      Scrapes.pipeNobodyWritesTo(config);
      long threadsBefore = threads(exporter);

      // The first starts a reload that reads the pipe for 10 s; the others leave one more.
      // Paced, since signals sent at once merge into one before the JVM sees them.
      for (int i = 0; i < 30; i++) {
        signal("HUP", exporter);
        Thread.sleep(100);
      }
      long threadsAfterSignals = threads(exporter);
      assertThat(threadsAfterSignals - threadsBefore)
          .as("threads left behind by 30 SIGHUPs (%d before)", threadsBefore)
          .isLessThan(10);
      HttpClient http = HttpClient.newHttpClient();
      List<CompletableFuture<HttpResponse<String>>> posts = new ArrayList<>();
      for (int i = 0; i < 64; i++) {
        posts.add(
            http.sendAsync(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/-/reload"))
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .timeout(Duration.ofSeconds(30))
                    .build(),
                HttpResponse.BodyHandlers.ofString()));
      }
      List<Integer> statuses = new ArrayList<>();
      for (CompletableFuture<HttpResponse<String>> post : posts) {
        statuses.add(post.get(40, TimeUnit.SECONDS).statusCode());
      }
      long scrapeStarted = System.nanoTime();
      HttpResponse<String> healthy = Scrapes.get(port, "/-/healthy");
      String metrics = Scrapes.metrics(port);
      Duration scrapeTook = Duration.ofNanos(System.nanoTime() - scrapeStarted);

      assertThat(statuses).as("every POST while a reload runs").containsOnly(503);
      assertThat(healthy.statusCode()).isEqualTo(200);
      assertThat(metrics).contains(modelSeries(KIMI));
      assertThat(scrapeTook).isLessThan(Duration.ofSeconds(5));

      long signalled = System.nanoTime();
      exporter.process().toHandle().destroy();
      boolean exited = exporter.process().waitFor(10, TimeUnit.SECONDS);
      Duration took = Duration.ofNanos(System.nanoTime() - signalled);
      String output = exporter.finalOutput();

      assertThat(exited).as(output).isTrue();
      assertThat(took).as("SIGTERM to exit").isLessThan(Duration.ofSeconds(5));
      assertThat(exporter.process().exitValue()).as("exit code after SIGTERM").isZero();
      assertThat(output).contains("Stopped");
    }
  }
}
