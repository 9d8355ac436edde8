package dev.routewatch.exporter.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.routewatch.exporter.Captures;
import dev.routewatch.exporter.openrouter.KeepAliveUpstream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Over the jar's default connection pool, an upstream that sends bytes past two models' answers (a
 * stray line end; a whole second answer, another model's) fails those two models alone: every other
 * model stays up with its own data, poll after poll.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ConnectionReuseIT {

  private static final String SWAPPER = "typesafe/jev-1.13";
  private static final String DESYNCER = "jaredpalmer/kev-4b";
  private static final String KIMI = "moonshotai/kimi-k3";

  /** Every model polled and how many endpoints its own answer lists. */
  private static final Map<String, Integer> ENDPOINTS = endpoints();

  private static Map<String, Integer> endpoints() {
    Map<String, Integer> endpoints = new LinkedHashMap<>();
    endpoints.put(SWAPPER, 1);
    endpoints.put("upstage/solar-decide", 2);
    endpoints.put(DESYNCER, 1);
    endpoints.put("~typesafe/jev-latest", 0);
    endpoints.put("typesafe/jev-router", 0);
    endpoints.put(KIMI, 4);
    endpoints.put("anthropic/claude-fable-5.1", 1);
    endpoints.put("nex-agi/nex-n2.5-pro:free", 1);
    endpoints.put("deepseek/deepseek-chat-v3.1", 1);
    return endpoints;
  }

  @TempDir Path dir;

  @Test
  void bytesPastTwoAnswersFailThoseModelsAloneAndNoModelShowsAnothersData() throws Exception {
    try (KeepAliveUpstream upstream = new KeepAliveUpstream()) {
      FixtureUpstream.CAPTURES.forEach(
          (model, capture) -> upstream.answer(model, Captures.bytes(capture)));
      byte[] kimi = Captures.bytes(FixtureUpstream.CAPTURES.get(KIMI));
      upstream.afterAnswer(SWAPPER, KeepAliveUpstream.ok(kimi));
      upstream.afterAnswer(DESYNCER, "\r\n".getBytes(StandardCharsets.US_ASCII));
      Path config =
          Scrapes.writeConfig(dir, upstream.baseUrl(), ENDPOINTS.keySet(), "1s", "1h", "5s");

      try (ExporterProcess exporter = ExporterProcess.start(Map.of(), "--config.file=" + config)) {
        int port = exporter.port();
        // Each innocent model is polled many times, after the faulty ones, over pooled connections.
        await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> upstream.requests() >= 6 * ENDPOINTS.size());
        String metrics = Scrapes.metrics(port);

        ENDPOINTS.forEach(
            (model, count) -> {
              if (model.equals(SWAPPER) || model.equals(DESYNCER)) {
                assertThat(metrics)
                    .contains("openrouter_up{model=\"" + model + "\"} 0")
                    .containsPattern(errors(model, "bad_response", "[1-9][0-9]*"));
              } else {
                assertThat(metrics)
                    .as(model)
                    .contains("openrouter_up{model=\"" + model + "\"} 1")
                    .contains("openrouter_model_endpoints{model=\"" + model + "\"} " + count)
                    .doesNotContainPattern(errors(model, "[a-z_]+", "[1-9][0-9]*"));
              }
            });
        // Figures for the notes, not assertions.
        System.out.printf(
            "connection reuse: %d requests over %d connections%n",
            upstream.requests(), upstream.connections());
      }
    }
  }

  private static String errors(String model, String reason, String count) {
    return "openrouter_poll_errors_total\\{model=\""
        + Pattern.quote(model)
        + "\",reason=\""
        + reason
        + "\"} "
        + count
        + "(\\.0)?\n";
  }
}
