package dev.routewatch.exporter.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.routewatch.exporter.Captures;
import dev.routewatch.exporter.account.AccountStore;
import dev.routewatch.exporter.config.ExporterConfig;
import dev.routewatch.exporter.config.ModelId;
import dev.routewatch.exporter.metrics.BuildInfo;
import dev.routewatch.exporter.openrouter.Answers;
import dev.routewatch.exporter.openrouter.FailureReason;
import dev.routewatch.exporter.snapshot.SnapshotStore;
import dev.routewatch.exporter.snapshot.TimeSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LandingPageTest {

  static final ModelId KIMI = new ModelId("moonshotai/kimi-k3");
  static final ModelId FAILING = new ModelId("~typesafe/jev-latest");
  static final ModelId PENDING = new ModelId("anthropic/claude-sonnet-4.5");
  static final String KEY = "sk-or-v1-landing-page-must-not-show";
  static final String HOSTILE_ERROR = "<img src=x onerror=alert(1)>";

  /** Three models: one up with a real answer, one whose last poll failed, one not polled yet. */
  static SnapshotStore store() throws Exception {
    SnapshotStore store = new SnapshotStore(List.of(KIMI, FAILING, PENDING));
    store.update(
        KIMI,
        s ->
            s.succeeded(
                modelEndpoints("06-moonshotai-kimi-k3-endpoints-with-latency-reduced.json"),
                TimeSource.SYSTEM.now(),
                Duration.ofMillis(40)));
    store.update(
        FAILING,
        s ->
            s.failed(
                FailureReason.BAD_RESPONSE, HOSTILE_ERROR, TimeSource.SYSTEM.now(), Duration.ZERO));
    return store;
  }

  /** {@code full.yml}: a base URL, a Grafana URL, and the API key from the environment. */
  static ExporterConfig withKeyAndGrafana() {
    return Configs.load("full.yml", Map.of("OPENROUTER_API_KEY", KEY));
  }

  private static dev.routewatch.exporter.openrouter.ModelEndpoints modelEndpoints(String capture) {
    try {
      return Answers.modelEndpoints(Captures.bytes(capture));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String render(SnapshotStore store, ExporterConfig config, int series) {
    return new LandingPage(
            new BuildInfo("1.2.3", "abc123", "17"),
            store,
            new AccountStore(),
            () -> config,
            () -> series,
            TimeSource.SYSTEM,
            "/metrics")
        .render();
  }

  @Test
  void showsTheUpstreamAndWhetherAKeyIsSetButNeverTheKey() throws Exception {
    String withKey = render(store(), withKeyAndGrafana(), 0);
    String without = render(store(), Configs.MINIMAL.get(), 0);

    assertThat(withKey)
        .contains("<tr><th>URL</th><td>http://localhost:8080/api/v1</td></tr>")
        .contains("<tr><th>API key set</th><td>yes</td></tr>")
        .doesNotContain(KEY)
        .doesNotContain("sk-or-v1");
    assertThat(without)
        .contains("<tr><th>URL</th><td>https://openrouter.ai/api/v1</td></tr>")
        .contains("<tr><th>API key set</th><td>no</td></tr>");
  }

  @Test
  void summarisesModelsUpEndpointsShownAndSeries() throws Exception {
    SnapshotStore store = store();
    int endpoints = store.current().models().get(KIMI).lastGoodAnswer().endpoints().size();

    String page = render(store, Configs.MINIMAL.get(), 1234);

    assertThat(endpoints).isGreaterThan(1);
    assertThat(page)
        .contains(
            "<p id=\"summary\">1 of 3 models up; "
                + endpoints
                + " endpoints shown; 1234 series from OpenRouter on /metrics</p>");
  }

  @Test
  void saysLastPollFailedAndShowsTheLastSuccessNextToTheLastPoll() throws Exception {
    String page = render(store(), Configs.MINIMAL.get(), 0);

    assertThat(page)
        .contains("<th>Last poll (UTC)</th><th>Last success (UTC)</th>")
        .containsPattern(
            "<td>~typesafe/jev-latest</td><td><span class=\"failed\">last poll failed</span></td>"
                + "<td>20[0-9-]+T[0-9:]+Z</td><td>never</td>")
        .containsPattern(
            "<td>moonshotai/kimi-k3</td><td><span class=\"up\">up</span></td>"
                + "<td>(20[0-9-]+T[0-9:]+Z)</td><td>\\1</td>")
        .contains("<td>anthropic/claude-sonnet-4.5</td><td>pending</td><td>never</td>")
        .doesNotContain(">down<");
  }

  @Test
  void linksEachModelToItsDashboardOnlyWhenAGrafanaUrlIsConfigured() throws Exception {
    String linked = render(store(), withKeyAndGrafana(), 0);
    String plain = render(store(), Configs.MINIMAL.get(), 0);

    assertThat(linked)
        .contains("<th>Dashboard</th>")
        .contains(
            "<a href=\"https://grafana.example.com/d/openrouter-exporter"
                + "?var-model=moonshotai%2Fkimi-k3\">dashboard</a>")
        .contains("?var-model=%7Etypesafe%2Fjev-latest\">");
    assertThat(plain).doesNotContain("Dashboard").doesNotContain("/d/");
  }

  @Test
  void theLinkedUidAndVariableAreTheShippedDashboards() throws Exception {
    JsonNode dashboard =
        new ObjectMapper()
            .readTree(Path.of("grafana/dashboards/openrouter-exporter.json").toFile());

    assertThat(dashboard.path("uid").asText()).isEqualTo(LandingPage.DASHBOARD_UID);
    assertThat(dashboard.path("templating").path("list").findValuesAsText("name"))
        .contains("model");
  }

  @Test
  void escapesAnUpstreamErrorText() throws Exception {
    String page = render(store(), Configs.MINIMAL.get(), 0);

    assertThat(page)
        .contains("bad_response: &lt;img src=x onerror=alert(1)&gt;")
        .doesNotContain("<img");
  }
}
