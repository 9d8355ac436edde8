package dev.routewatch.exporter.metrics;

import static dev.routewatch.exporter.metrics.Fixtures.lines;
import static dev.routewatch.exporter.metrics.Fixtures.parse;
import static dev.routewatch.exporter.metrics.Fixtures.polledOnce;
import static dev.routewatch.exporter.metrics.Fixtures.scrape;
import static org.assertj.core.api.Assertions.assertThat;

import dev.routewatch.exporter.config.ModelId;
import dev.routewatch.exporter.openrouter.ModelEndpoints;
import dev.routewatch.exporter.snapshot.SnapshotStore;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Tiered prices and the price in effect, scraped on a fixed clock. */
class ConditionalPriceFamiliesTest {

  private static final ModelId MODEL = new ModelId("deepseek/deepseek-chat-v3.1");
  private static final Instant POLLED_AT = Instant.parse("2026-09-28T12:00:00Z");
  private static final String EFFECTIVE = "openrouter_endpoint_effective_token_price_usd{";
  private static final String TIERED = "openrouter_endpoint_tiered_token_price_usd{";

  /** Polled at {@code at}; scraped within stale_after of it, so the answer is still shown. */
  private static SnapshotStore polledWithPricing(Instant at, String pricing) {
    ModelEndpoints answer =
        parse(
            """
            {"id": "deepseek/deepseek-chat-v3.1",
             "endpoints": [{"provider_name": "DeepSeek", "tag": "deepseek", "pricing": %s}]}
            """
                .formatted(pricing),
            ModelEndpoints.class);
    return polledOnce(MODEL, answer, at);
  }

  /** An off-peak window from 16:30 to 00:30 UTC that halves both prices, and a 10 % discount. */
  private static final String OFF_PEAK =
      """
      {"prompt": "0.00000056", "completion": "0.00000168", "discount": 0.1,
       "overrides": [{"utc_start": 1630, "utc_end": 30,
                      "prompt": "0.00000028", "completion": "0.00000084"}]}
      """;

  @ParameterizedTest
  @CsvSource({
    "2026-09-28T16:29:59Z, 1.512E-6, 5.04E-7",
    "2026-09-28T16:30:00Z, 7.56E-7,  2.52E-7",
    "2026-09-28T23:59:59Z, 7.56E-7,  2.52E-7",
    "2026-09-29T00:00:00Z, 7.56E-7,  2.52E-7",
    "2026-09-29T00:29:59Z, 7.56E-7,  2.52E-7",
    "2026-09-29T00:30:00Z, 1.512E-6, 5.04E-7",
  })
  void thePriceInEffectFollowsTheScrapeClockAcrossMidnightWithoutANewPoll(
      Instant scrapedAt, String completion, String prompt) {
    SnapshotStore store = polledWithPricing(scrapedAt.minus(Duration.ofMinutes(5)), OFF_PEAK);

    assertThat(lines(scrape(store, scrapedAt, false), EFFECTIVE))
        .isEqualTo(
            """
            openrouter_endpoint_effective_token_price_usd{endpoint="deepseek",kind="completion",model="deepseek/deepseek-chat-v3.1",provider="DeepSeek"} %s
            openrouter_endpoint_effective_token_price_usd{endpoint="deepseek",kind="prompt",model="deepseek/deepseek-chat-v3.1",provider="DeepSeek"} %s
            """
                .formatted(completion, prompt));
  }

  @Test
  void theListPriceStaysTheDefaultWhileAWindowIsOpen() {
    Instant scrapedAt = Instant.parse("2026-09-28T20:00:00Z");
    SnapshotStore store = polledWithPricing(scrapedAt.minus(Duration.ofMinutes(5)), OFF_PEAK);

    assertThat(lines(scrape(store, scrapedAt, false), "kind=\"prompt\""))
        .contains(
            "openrouter_endpoint_token_price_usd{endpoint=\"deepseek\",kind=\"prompt\",model=\"deepseek/deepseek-chat-v3.1\",provider=\"DeepSeek\"} 5.6E-7");
  }

  @Test
  void tiersShowTheirThresholdAsAWholeNumberAndTheLaterEntryWinsPerKind() {
    SnapshotStore store =
        polledWithPricing(
            POLLED_AT,
            """
            {"prompt": "0.00000125", "completion": "0.00001", "discount": 0.5,
             "overrides": [
               {"min_prompt_tokens": 200000.0, "prompt": "0.0000025", "completion": "0.000015"},
               {"min_prompt_tokens": "200000", "prompt": "0.000003", "completion": "-1"},
               {"min_prompt_tokens": 128000.5, "input_cache_read": "0.0000001"}]}
            """);

    String text = scrape(store, POLLED_AT, false);

    assertThat(lines(text, TIERED))
        .as("undiscounted, like the list price; a dynamic later entry leaves the kind absent")
        .isEqualTo(
            """
            openrouter_endpoint_tiered_token_price_usd{endpoint="deepseek",kind="input_cache_read",min_prompt_tokens="128000.5",model="deepseek/deepseek-chat-v3.1",provider="DeepSeek"} 1.0E-7
            openrouter_endpoint_tiered_token_price_usd{endpoint="deepseek",kind="prompt",min_prompt_tokens="200000",model="deepseek/deepseek-chat-v3.1",provider="DeepSeek"} 3.0E-6
            """);
    assertThat(lines(text, EFFECTIVE))
        .as("tiers do not apply to the price in effect")
        .isEqualTo(
            """
            openrouter_endpoint_effective_token_price_usd{endpoint="deepseek",kind="completion",model="deepseek/deepseek-chat-v3.1",provider="DeepSeek"} 5.0E-6
            openrouter_endpoint_effective_token_price_usd{endpoint="deepseek",kind="prompt",model="deepseek/deepseek-chat-v3.1",provider="DeepSeek"} 6.25E-7
            """);
  }

  @Test
  void entriesThatAreNeitherATierNorAWindowAreInNeitherFamily() {
    SnapshotStore store =
        polledWithPricing(
            POLLED_AT,
            """
            {"prompt": "0.000001",
             "overrides": [
               {"min_prompt_tokens": 1000, "utc_start": 0, "utc_end": 2359, "prompt": "0.5"},
               {"utc_start": 0, "prompt": "0.5"},
               {"utc_end": 2359, "prompt": "0.5"},
               {"utc_start": 1200, "utc_end": 1200, "prompt": "0.5"}]}
            """);

    String text = scrape(store, POLLED_AT, false);

    assertThat(text).doesNotContain(TIERED);
    assertThat(lines(text, EFFECTIVE))
        .isEqualTo(
            """
            openrouter_endpoint_effective_token_price_usd{endpoint="deepseek",kind="prompt",model="deepseek/deepseek-chat-v3.1",provider="DeepSeek"} 1.0E-6
            """);
  }

  @Test
  void anEndpointWithoutPricingHasNoPriceSeries() {
    ModelEndpoints answer =
        parse(
            "{\"id\": \"a/b\", \"endpoints\": [{\"tag\": \"t\", \"pricing\": null}]}",
            ModelEndpoints.class);

    assertThat(scrape(polledOnce(MODEL, answer, POLLED_AT), POLLED_AT, true))
        .doesNotContain("price_usd");
  }
}
