package dev.routewatch.exporter.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.routewatch.exporter.config.ModelId;
import dev.routewatch.exporter.openrouter.ModelEndpoints;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Upstream text as label values: cut, counted, and stripped of what breaks a scrape. */
class LabelValuesTest {

  @Test
  void aValueOfAtMost256CharactersIsKeptWhole() {
    LabelValues values = new LabelValues();

    assertThat(values.clean("a".repeat(256))).isEqualTo("a".repeat(256));
    assertThat(values.clean(null)).isEmpty();
    assertThat(values.truncated()).isZero();
  }

  @Test
  void aLongerValueKeeps255CharactersAndEndsInTheMarkerAndIsCounted() {
    LabelValues values = new LabelValues();

    assertThat(values.clean("b".repeat(257))).isEqualTo("b".repeat(255) + "…");
    assertThat(values.clean("c".repeat(100_000))).hasSize(256).endsWith("…");
    assertThat(values.truncated()).isEqualTo(2);
  }

  @Test
  void aCharacterOutsideTheBasicPlaneIsNeverSplit() {
    String emoji = "\uD83D\uDE80"; // one code point, two chars

    String cut = new LabelValues().clean(emoji.repeat(300));

    assertThat(cut.codePointCount(0, cut.length())).isEqualTo(256);
    assertThat(cut).isEqualTo(emoji.repeat(255) + "…");
  }

  @Test
  void controlCharactersAndUnpairedSurrogatesBecomeReplacementCharacters() {
    String clean = new LabelValues().clean("a\u0000b\rc\td\u001be\u007ff\u0085g\uD800h\nk");

    assertThat(clean).isEqualTo("a\uFFFDb\uFFFDc\uFFFDd\uFFFDe\uFFFDf\uFFFDg\uFFFDh\uFFFDk");
  }

  @Test
  void quotesBackslashesAndLookalikeSyntaxInAProviderNameStayInsideTheirLabel() {
    ModelId model = new ModelId("evil/model");
    ModelEndpoints answer =
        Fixtures.parse(
            """
            {"id": "evil/model", "name": "n\\"}", "endpoints": [
              {"provider_name": "Evil\\",provider=\\"x\\"} 1\\n# EOF\\r\\u0000\\\\", "tag": "t1",
               "uptime_last_30m": 100},
              {"provider_name": "%s", "tag": "%s", "uptime_last_30m": 100},
              {"provider_name": "p", "tag": "%s", "uptime_last_30m": 100}
            ]}
            """
                .formatted("P".repeat(300), "t".repeat(300), "t".repeat(300)),
            ModelEndpoints.class);
    Instant now = Instant.parse("2026-01-01T00:00:00Z");

    String text = Fixtures.scrape(Fixtures.polledOnce(model, answer, now), now, true);

    String cutTag = "t".repeat(255) + "…";
    assertThat(text)
        .contains(
            "openrouter_endpoint_uptime_last_30m_ratio{endpoint=\"t1\",model=\"evil/model\","
                + "provider=\"Evil\\\",provider=\\\"x\\\"} 1\uFFFD# EOF\uFFFD\uFFFD\\\\\"} 1.0\n")
        .contains("endpoint=\"" + cutTag + "\",model=\"evil/model\",provider=\"" + "P".repeat(255))
        // Two tags cut alike stay two series.
        .contains("endpoint=\"" + cutTag + "#2\",model=\"evil/model\",provider=\"p\"")
        .contains("openrouter_model_label_values_truncated{model=\"evil/model\"} 3.0\n")
        .doesNotContain("\r")
        .doesNotContain("\u0000");
    assertThat(text.lines().filter(line -> line.startsWith("openrouter_endpoint_uptime_last_30m")))
        .hasSize(3);
  }

  @Test
  void workloadsParametersAndModesThatCleanAlikeAreRenderedOnce() {
    ModelId model = new ModelId("evil/capabilities");
    ModelEndpoints answer =
        Fixtures.parse(
            """
            {"endpoints": [{"tag": "t", "provider_name": "p",
              "supported_parameters": ["tools\\u0000", "tools\\u0001", "tools\\u0000"],
              "supports_tool_choice": {"auto\\r": true, "auto\\n": true, "none": false},
              "perf_last_30m_by_workload": {
                "chat\\u0007": {"request_count": 1}, "chat\\u0008": {"request_count": 2}}}]}
            """,
            ModelEndpoints.class);
    Instant now = Instant.parse("2026-01-01T00:00:00Z");

    String text = Fixtures.scrape(Fixtures.polledOnce(model, answer, now), now, true);

    assertThat(text.lines().filter(line -> line.contains("parameter=\"tools\uFFFD\""))).hasSize(1);
    assertThat(text.lines().filter(line -> line.contains("mode=\"auto\uFFFD\""))).hasSize(1);
    assertThat(
            text.lines().filter(line -> line.startsWith("openrouter_endpoint_workload_requests")))
        .containsExactly(
            "openrouter_endpoint_workload_requests_last_30m{endpoint=\"t\",model=\"evil/capabilities\","
                + "provider=\"p\",workload=\"chat\uFFFD\"} 1.0");
  }
}
