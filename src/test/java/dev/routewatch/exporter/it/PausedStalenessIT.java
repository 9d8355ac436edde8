package dev.routewatch.exporter.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A 429 whose Retry-After holds every request back: no poll finishes, so no model's latest poll
 * fails, and still every model's series go once its last success is older than stale_after.
 */
class PausedStalenessIT {

  private static final String KIMI = "moonshotai/kimi-k3";
  private static final String SOLAR = "upstage/solar-decide";
  private static final String KEV = "jaredpalmer/kev-4b";

  @RegisterExtension
  final ExporterExtension exporter =
      ExporterExtension.builder()
          .models(KIMI, SOLAR, KEV)
          .pollEvery("1s", "4s")
          .awaitReady()
          .build();

  @Test
  @Timeout(value = 2, unit = TimeUnit.MINUTES)
  void everyModelGoesStaleOnScheduleWhileARateLimitHoldsEveryRequestBack() throws Exception {
    FixtureUpstream upstream = exporter.upstream();
    int port = exporter.port();
    assertThat(Scrapes.metrics(port)).contains(series(SOLAR)).contains(series(KEV));

    upstream.answer(
        KIMI,
        () ->
            new MockResponse.Builder()
                .code(429)
                .setHeader("Retry-After", "600")
                .body("{\"error\":{\"code\":429}}")
                .build());
    long paused = System.nanoTime();
    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              String metrics = Scrapes.metrics(port);
              return !metrics.contains(series(SOLAR)) && !metrics.contains(series(KEV));
            });
    long goneAfter = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - paused);
    int requests = upstream.requests().size();
    Thread.sleep(1_000);
    String stale = Scrapes.metrics(port);
    String page = Scrapes.get(port, "/").body();
    System.out.printf(
        "Paused: healthy models' series gone %d ms after the 429 (stale_after 4 s)%n", goneAfter);

    assertThat(upstream.requests()).as("every request held back").hasSize(requests);
    assertThat(stale)
        .as("the last polls that finished succeeded")
        .contains("openrouter_up{model=\"" + SOLAR + "\"} 1")
        .contains("openrouter_up{model=\"" + KEV + "\"} 1")
        .contains("openrouter_up{model=\"" + KIMI + "\"} 0")
        .contains("openrouter_last_successful_poll_timestamp_seconds{model=\"" + SOLAR + "\"}")
        .doesNotContainPattern(
            "openrouter_model_info\\{[^}]*model=\"(" + Pattern.quote(SOLAR) + ")\"");
    assertThat(page).contains("<td>" + SOLAR + "</td><td><span class=\"failed\">up, stale");
  }

  private static String series(String model) {
    return "openrouter_model_endpoints{model=\"" + model + "\"}";
  }
}
