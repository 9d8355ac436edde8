package dev.routewatch.exporter.openrouter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.LocalTime;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The price in effect at a time of day: time windows applied, tiers not, discount applied. */
class EffectivePriceTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * An off-peak window over midnight (16:30 to 00:30) that halves prompt and completion, a later
   * morning window (00:00 to 06:00) that sets the prompt price again, a tier, and one entry that is
   * ignored.
   */
  private static final Pricing OFF_PEAK =
      pricing(
          """
          {"prompt": "0.0000006", "completion": "0.0000024", "input_cache_read": "0.00000012",
           "discount": 0,
           "overrides": [
             {"utc_start": 1630, "utc_end": 30, "prompt": "0.0000003", "completion": "0.0000012"},
             {"utc_start": 0, "utc_end": 600, "prompt": "0.0000001"},
             {"min_prompt_tokens": 128000, "prompt": "0.000001"},
             {"min_prompt_tokens": 128000, "utc_start": 0, "utc_end": 2359, "prompt": "0.5"}]}
          """);

  private static Pricing pricing(String json) {
    try {
      return Pricing.fromJson(
          JSON.convertValue(JSON.readTree(json), new TypeReference<Map<String, JsonNode>>() {}));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** kind=price pairs, sorted, prices as plain decimals. */
  private static String effective(Pricing pricing, String utc) {
    Map<String, String> sorted = new TreeMap<>();
    pricing
        .effectiveAt(LocalTime.parse(utc))
        .forEach((kind, price) -> sorted.put(kind, price.stripTrailingZeros().toPlainString()));
    return sorted.toString();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          12:00    | {completion=0.0000024, input_cache_read=0.00000012, prompt=0.0000006}
          16:29:59 | {completion=0.0000024, input_cache_read=0.00000012, prompt=0.0000006}
          16:30    | {completion=0.0000012, input_cache_read=0.00000012, prompt=0.0000003}
          23:59:59 | {completion=0.0000012, input_cache_read=0.00000012, prompt=0.0000003}
          00:00    | {completion=0.0000012, input_cache_read=0.00000012, prompt=0.0000001}
          00:29:59 | {completion=0.0000012, input_cache_read=0.00000012, prompt=0.0000001}
          00:30    | {completion=0.0000024, input_cache_read=0.00000012, prompt=0.0000001}
          05:59    | {completion=0.0000024, input_cache_read=0.00000012, prompt=0.0000001}
          06:00    | {completion=0.0000024, input_cache_read=0.00000012, prompt=0.0000006}
          """)
  void windowsApplyInsideTheirHalfOpenHoursAcrossMidnightAndLaterOnesWin(
      String utc, String prices) {
    assertThat(effective(OFF_PEAK, utc)).isEqualTo(prices);
  }

  @Test
  void theDiscountAppliesToDefaultAndWindowPricesAlike() {
    Pricing discounted =
        pricing(
            """
            {"prompt": "0.000001", "completion": "0.000004", "discount": 0.25,
             "overrides": [{"utc_start": 2200, "utc_end": 200, "prompt": "0.0000005"}]}
            """);

    assertThat(effective(discounted, "12:00"))
        .isEqualTo("{completion=0.000003, prompt=0.00000075}");
    assertThat(effective(discounted, "01:00"))
        .isEqualTo("{completion=0.000003, prompt=0.000000375}");
  }

  @Test
  void aPriceThatIsDynamicWhileAWindowIsOpenIsAbsentThenAndAKindOnlyAWindowSetsAppearsThen() {
    Pricing pricing =
        pricing(
            """
            {"prompt": "0.000001", "completion": "-1",
             "overrides": [{"utc_start": 800, "utc_end": 900, "prompt": "-1", "audio": "0.00001"}]}
            """);

    assertThat(effective(pricing, "07:59")).isEqualTo("{prompt=0.000001}");
    assertThat(effective(pricing, "08:00")).isEqualTo("{audio=0.00001}");
  }

  @Test
  void withoutWindowsOrDiscountTheDefaultPricesAreReturnedAsTheyAre() {
    Pricing plain = pricing("{\"prompt\": \"0.000001\", \"discount\": 0}");

    assertThat(plain.effectiveAt(LocalTime.NOON)).isSameAs(plain.prices());
    assertThat(plain.effectiveAt(LocalTime.NOON).get("prompt"))
        .isEqualByComparingTo(new BigDecimal("0.000001"));
  }
}
