package dev.routewatch.exporter.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The configuration reloads without a restart, on POST /-/reload and on SIGHUP. */
class ReloadIT {

  private static final String KIMI = "moonshotai/kimi-k3";
  private static final String SOLAR = "upstage/solar-decide";
  private static final String KEV = "jaredpalmer/kev-4b";

  @TempDir Path dir;

  private static String modelSeries(String model) {
    return "openrouter_model_endpoints{model=\"" + model + "\"}";
  }

  @Test
  void addedModelsArePolledRemovedOnesLeaveNoSeriesAndABadFileChangesNothing() throws Exception {
    try (FixtureUpstream upstream = new FixtureUpstream()) {
      Path config = Scrapes.writeConfig(dir, upstream.baseUrl(), List.of(KIMI, SOLAR), "1h", "2h");
      try (ExporterProcess exporter =
          ExporterProcess.start(Map.of(), "--config.file=" + config, "--web.enable-lifecycle")) {
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
        assertThat(afterReload)
            .doesNotContain("model=\"" + KIMI + "\"")
            .contains(modelSeries(SOLAR));
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
  }

  @Test
  void sighupReloadsAndAChangedIntervalApplies() throws Exception {
    try (FixtureUpstream upstream = new FixtureUpstream()) {
      Path config = Scrapes.writeConfig(dir, upstream.baseUrl(), List.of(KIMI), "1h", "2h");
      try (ExporterProcess exporter = ExporterProcess.start(Map.of(), "--config.file=" + config)) {
        int port = exporter.port();
        Scrapes.awaitReady(port, Duration.ofSeconds(20));
        assertThat(Scrapes.postReload(port).statusCode())
            .as("no lifecycle API without the flag")
            .isEqualTo(404);

        Scrapes.writeConfig(dir, upstream.baseUrl(), List.of(KIMI, KEV), "1s", "1m");
        new ProcessBuilder("kill", "-HUP", Long.toString(exporter.process().pid()))
            .start()
            .waitFor();

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
  }
}
