package dev.routewatch.exporter.metrics;

import static dev.routewatch.exporter.metrics.Fixtures.lines;
import static dev.routewatch.exporter.metrics.Fixtures.parse;
import static dev.routewatch.exporter.metrics.Fixtures.polledOnce;
import static dev.routewatch.exporter.metrics.Fixtures.scrape;
import static dev.routewatch.exporter.metrics.Fixtures.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.routewatch.exporter.MutableClock;
import dev.routewatch.exporter.config.ConfigLoader;
import dev.routewatch.exporter.config.ModelId;
import dev.routewatch.exporter.openrouter.ModelEndpoints;
import dev.routewatch.exporter.snapshot.SnapshotStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The opt-in supported-parameter, tool-choice and native-tool families. */
class CapabilityFamiliesTest {

  private static final ModelId MODEL = new ModelId("nex-agi/nex-n2.5-pro:free");
  private static final Instant POLLED_AT = Instant.parse("2026-09-22T12:00:00Z");
  private static final String REAL_FREE_VARIANT =
      "08-nex-agi-nex-n2.5-pro-free-endpoints-trimmed.json";

  @Test
  void theyAreOffByDefault() {
    SnapshotStore store = polledOnce(MODEL, Fixtures.answer(REAL_FREE_VARIANT), POLLED_AT);

    assertThat(scrape(store, POLLED_AT, false))
        .doesNotContain("openrouter_endpoint_supported_parameter_info")
        .doesNotContain("openrouter_endpoint_tool_choice_info");
  }

  @Test
  void nativeToolsAreOffByDefaultLikeTheOtherCapabilities() {
    SnapshotStore store = polledOnce(MODEL, withNativeTools(), POLLED_AT);

    assertThat(scrape(store, POLLED_AT, false))
        .doesNotContain("openrouter_endpoint_native_tool_info");
  }

  @Test
  void turnedOnEveryKeyOfNativeToolsIsOneSeriesWhateverItsValue() {
    String text = scrape(polledOnce(MODEL, withNativeTools(), POLLED_AT), POLLED_AT, true);

    assertThat(lines(text, "openrouter_endpoint_native_tool_info{"))
        .isEqualTo(
            """
            openrouter_endpoint_native_tool_info{endpoint="t",model="nex-agi/nex-n2.5-pro:free",provider="P",tool="code_execution"} 1
            openrouter_endpoint_native_tool_info{endpoint="t",model="nex-agi/nex-n2.5-pro:free",provider="P",tool="file_search"} 1
            openrouter_endpoint_native_tool_info{endpoint="t",model="nex-agi/nex-n2.5-pro:free",provider="P",tool="web_search"} 1
            """);
  }

  @Test
  void anEndpointWithoutOrWithNullOrEmptyNativeToolsHasNoneOfThem() {
    ModelEndpoints answer =
        parse(
            """
            {"id": "a/b", "endpoints": [{"provider_name": "P", "tag": "absent"},
              {"provider_name": "P", "tag": "null", "native_tools": null},
              {"provider_name": "P", "tag": "empty", "native_tools": {}}]}
            """,
            ModelEndpoints.class);

    String text = scrape(polledOnce(MODEL, answer, POLLED_AT), POLLED_AT, true);

    assertThat(text).doesNotContain("openrouter_endpoint_native_tool_info{");
  }

  private static ModelEndpoints withNativeTools() {
    return parse(
        """
        {"id": "a/b", "endpoints": [{"provider_name": "P", "tag": "t",
          "native_tools": {"web_search": {"max_results": 5, "engines": ["a", {"b": null}]},
                           "code_execution": {}, "file_search": null, "web_search": true}}]}
        """,
        ModelEndpoints.class);
  }

  @Test
  void turnedOnTheyListEveryParameterAndEveryTrueModeOfTheRealAnswer() {
    SnapshotStore store = polledOnce(MODEL, Fixtures.answer(REAL_FREE_VARIANT), POLLED_AT);

    String text = scrape(store, POLLED_AT, true);

    assertThat(lines(text, "openrouter_endpoint_supported_parameter_info{")).hasLineCount(13);
    assertThat(lines(text, "openrouter_endpoint_tool_choice_info{"))
        .isEqualTo(
            """
            openrouter_endpoint_tool_choice_info{endpoint="nex-agi/fp8",mode="auto",model="nex-agi/nex-n2.5-pro:free",provider="Nex AGI"} 1
            openrouter_endpoint_tool_choice_info{endpoint="nex-agi/fp8",mode="function",model="nex-agi/nex-n2.5-pro:free",provider="Nex AGI"} 1
            openrouter_endpoint_tool_choice_info{endpoint="nex-agi/fp8",mode="none",model="nex-agi/nex-n2.5-pro:free",provider="Nex AGI"} 1
            openrouter_endpoint_tool_choice_info{endpoint="nex-agi/fp8",mode="required",model="nex-agi/nex-n2.5-pro:free",provider="Nex AGI"} 1
            """);
  }

  @Test
  void aParameterListedTwiceIsOneSeriesAndModesNotTrueAreAbsent() {
    ModelEndpoints answer =
        parse(
            """
            {"id": "a/b", "endpoints": [{"provider_name": "P", "tag": "t",
              "supported_parameters": ["tools", "tools", "a_new_one"],
              "supports_tool_choice": {"none": false, "auto": true, "required": null,
                                       "parallel": true}}]}
            """,
            ModelEndpoints.class);

    String text = scrape(polledOnce(MODEL, answer, POLLED_AT), POLLED_AT, true);

    assertThat(
            lines(text, "openrouter_endpoint_supported_parameter_info{")
                + lines(text, "openrouter_endpoint_tool_choice_info{"))
        .isEqualTo(
            """
            openrouter_endpoint_supported_parameter_info{endpoint="t",model="nex-agi/nex-n2.5-pro:free",parameter="a_new_one",provider="P"} 1
            openrouter_endpoint_supported_parameter_info{endpoint="t",model="nex-agi/nex-n2.5-pro:free",parameter="tools",provider="P"} 1
            openrouter_endpoint_tool_choice_info{endpoint="t",mode="auto",model="nex-agi/nex-n2.5-pro:free",provider="P"} 1
            openrouter_endpoint_tool_choice_info{endpoint="t",mode="parallel",model="nex-agi/nex-n2.5-pro:free",provider="P"} 1
            """);
  }

  @Test
  void aLoadedConfigurationTurnsThemOnFromTheNextScrape() throws Exception {
    SnapshotStore store = polledOnce(MODEL, Fixtures.answer(REAL_FREE_VARIANT), POLLED_AT);
    ExporterMetrics metrics =
        new ExporterMetrics(
            store,
            Duration.ofMinutes(10),
            new BuildInfo("1", "r", "17"),
            new MutableClock(POLLED_AT));
    assertThat(text(metrics.prometheusRegistry().scrape())).doesNotContain("tool_choice_info");

    metrics.configLoaded(
        ConfigLoader.load(Path.of("src/test/resources/config/valid/full.yml"), Map.of()));

    assertThat(text(metrics.prometheusRegistry().scrape())).contains("tool_choice_info{");
  }
}
