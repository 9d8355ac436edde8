package dev.routewatch.exporter.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The floor of fault handling: a failing model costs only itself, keeps its last good series until
 * stale_after, then loses them, and comes back with the next good answer.
 */
class FailingModelIT {

  private static final String KIMI = "moonshotai/kimi-k3";
  private static final String SOLAR = "upstage/solar-decide";
  private static final String KIMI_UPTIME =
      "openrouter_endpoint_uptime_last_30m_ratio{endpoint=\"fireworks\",model=\"moonshotai/kimi-k3\"";

  @RegisterExtension
  final ExporterExtension exporter =
      ExporterExtension.builder().models(KIMI, SOLAR).pollEvery("1s", "4s").awaitReady().build();

  @Test
  void aFailingModelCostsOnlyItselfAndItsSeriesGoStaleThenReturn() throws Exception {
    FixtureUpstream upstream = exporter.upstream();
    int port = exporter.port();
    assertThat(Scrapes.metrics(port)).contains(KIMI_UPTIME);

    upstream.answer(KIMI, () -> new MockResponse.Builder().code(500).body("oops").build());
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                Scrapes.metrics(port)
                    .contains(
                        "openrouter_poll_errors_total{model=\"moonshotai/kimi-k3\",reason=\"http_error\"} 2"));
    String failing = Scrapes.metrics(port);
    assertThat(failing)
        .contains("openrouter_up{model=\"moonshotai/kimi-k3\"} 0")
        .contains("openrouter_up{model=\"upstage/solar-decide\"} 1")
        .contains("openrouter_api_requests_total{code=\"500\"}")
        .as("last good series kept until stale_after")
        .contains(KIMI_UPTIME);

    upstream.answer(KIMI, () -> FixtureUpstream.ok("<html>maintenance</html>"));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> !Scrapes.metrics(port).contains(KIMI_UPTIME));
    String stale = Scrapes.metrics(port);
    assertThat(stale)
        .contains("openrouter_up{model=\"moonshotai/kimi-k3\"} 0")
        .containsPattern(
            "openrouter_poll_errors_total\\{model=\"moonshotai/kimi-k3\",reason=\"bad_response\"} [1-9]")
        .contains("openrouter_last_successful_poll_timestamp_seconds{model=\"moonshotai/kimi-k3\"}")
        .doesNotContainPattern("openrouter_model_info\\{[^}]*model=\"moonshotai/kimi-k3\"")
        .contains("openrouter_endpoint_uptime_last_30m_ratio{endpoint=\"upstage\"");

    upstream.restore(KIMI);
    await().atMost(Duration.ofSeconds(10)).until(() -> Scrapes.metrics(port).contains(KIMI_UPTIME));
    assertThat(Scrapes.metrics(port)).contains("openrouter_up{model=\"moonshotai/kimi-k3\"} 1");
    assertThat(exporter.process().process().isAlive()).isTrue();
  }
}
