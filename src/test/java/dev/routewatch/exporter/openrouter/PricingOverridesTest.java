package dev.routewatch.exporter.openrouter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How pricing.overrides entries are sorted into tiers, time windows and ignored ones. */
class PricingOverridesTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static PricingOverrides overrides(String json) throws Exception {
    return PricingOverrides.fromJson(JSON.readTree(json));
  }

  @Test
  void anEntryWithMinPromptTokensAloneIsATierWithThePricesItSets() throws Exception {
    PricingOverrides overrides =
        overrides(
            """
            [{"min_prompt_tokens": 200000, "prompt": "0.0000025", "completion": 0.000015},
             {"min_prompt_tokens": "500000", "prompt": "-1", "input_cache_read": null}]
            """);

    assertThat(overrides.windows()).isEmpty();
    assertThat(overrides.ignored()).isZero();
    assertThat(overrides.tiers()).hasSize(2);
    assertThat(overrides.tiers().get(0).minPromptTokens()).isEqualByComparingTo("200000");
    assertThat(overrides.tiers().get(0).prices())
        .containsExactly(
            Map.entry("prompt", new BigDecimal("0.0000025")),
            Map.entry("completion", new BigDecimal("0.000015")));
    assertThat(overrides.tiers().get(1).prices())
        .as("a dynamic price is kept for the families to leave out; a null sets nothing")
        .containsExactly(Map.entry("prompt", new BigDecimal("-1")));
  }

  @Test
  void anEntryWithACompleteWindowAloneIsATimeWindow() throws Exception {
    PricingOverrides overrides =
        overrides("[{\"utc_start\": 1630, \"utc_end\": 30, \"prompt\": \"0.00000028\"}]");

    assertThat(overrides.tiers()).isEmpty();
    assertThat(overrides.windows())
        .containsExactly(
            new PricingOverrides.Window(
                new UtcWindow(16 * 60 + 30, 30), Map.of("prompt", new BigDecimal("0.00000028"))));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          {"min_prompt_tokens": 1000, "utc_start": 100, "utc_end": 400, "prompt": "1"} | a tier and a window at once
          {"utc_start": 100, "prompt": "1"}                                           | half a window
          {"utc_end": 400, "prompt": "1"}                                             | the other half
          {"utc_start": 900, "utc_end": 900, "prompt": "1"}                           | an empty window
          {"utc_start": 100, "utc_end": 2400, "prompt": "1"}                          | no time of day
          {"prompt": "1"}                                                             | no condition
          {"utc_days": ["monday"], "utc_start": 0, "utc_end": 1200, "prompt": "1"}    | a condition we cannot apply
          {"min_prompt_tokens": "many", "prompt": "1"}                                | an unreadable threshold
          42                                                                          | no object
          """)
  void everyOtherEntryIsIgnoredAndCounted(String entry, String why) throws Exception {
    PricingOverrides overrides =
        overrides("[" + entry + ", {\"min_prompt_tokens\": 1, \"prompt\": \"2\"}]");

    assertThat(overrides.ignored()).as(why).isEqualTo(1);
    assertThat(overrides.windows()).as(why).isEmpty();
    assertThat(overrides.tiers()).as(why).hasSize(1);
  }

  @Test
  void noOverridesOrNoListAreNone() throws Exception {
    assertThat(overrides("[]")).isEqualTo(PricingOverrides.NONE);
    assertThat(overrides("{\"prompt\": \"1\"}")).isEqualTo(PricingOverrides.NONE);
    assertThat(PricingOverrides.fromJson(null)).isEqualTo(PricingOverrides.NONE);
  }
}
