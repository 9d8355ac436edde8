package dev.routewatch.exporter.metrics;

import dev.routewatch.exporter.openrouter.Pricing;
import dev.routewatch.exporter.openrouter.PricingOverrides;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricFamilyDescriptor;
import java.math.BigDecimal;
import java.time.LocalTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders the prices that depend on the request: the tiers of {@code pricing.overrides} as they are
 * sent, and the per-token price in effect at the scrape's time of day (UTC), recomputed at each
 * scrape so that a window that opens between two polls shows at once. Example output (text format,
 * abridged):
 *
 * <pre>
 * # HELP openrouter_endpoint_effective_token_price_usd ...
 * # TYPE openrouter_endpoint_effective_token_price_usd gauge
 * openrouter_endpoint_effective_token_price_usd{endpoint="deepseek",kind="prompt",model="routewatch/synthetic-api-surface",provider="DeepSeek"} 1.26E-7
 * # HELP openrouter_endpoint_tiered_token_price_usd ...
 * # TYPE openrouter_endpoint_tiered_token_price_usd gauge
 * openrouter_endpoint_tiered_token_price_usd{endpoint="google-vertex",kind="prompt",min_prompt_tokens="200000",model="routewatch/synthetic-api-surface",provider="Google"} 2.5E-6
 * </pre>
 */
final class ConditionalPriceFamilies {

  private static final MetricFamilyDescriptor EFFECTIVE =
      PerEndpoint.gauge(
          "openrouter_endpoint_effective_token_price_usd",
          PerEndpoint.USD,
          "Price in USD per token in effect at scrape time for a prompt below every tier, by kind:"
              + " OpenRouter's pricing.<kind>, overridden by the pricing.overrides[] time windows"
              + " (UTC) open at scrape time, later entries winning, times 1 - pricing.discount;"
              + " absent while the price is dynamic (-1).",
          "kind");
  private static final MetricFamilyDescriptor TIERED =
      PerEndpoint.gauge(
          "openrouter_endpoint_tiered_token_price_usd",
          PerEndpoint.USD,
          "Price in USD per token for prompts of more than min_prompt_tokens tokens, by kind:"
              + " OpenRouter's pricing.overrides[].<kind> of the entries with min_prompt_tokens and"
              + " no time window, before discount; a kind an entry does not set keeps its other"
              + " price.",
          "kind",
          "min_prompt_tokens");

  static final List<MetricFamilyDescriptor> FAMILIES = List.of(EFFECTIVE, TIERED);

  private ConditionalPriceFamilies() {}

  static void render(Pricing pricing, Labels labels, LocalTime utc, FamilyPoints points) {
    Map<String, BigDecimal> effective = pricing.effectiveAt(utc);
    for (String kind : PerEndpoint.TOKEN_PRICE_KINDS) {
      BigDecimal price = effective.get(kind);
      if (price != null) { // no label set built for the kinds an endpoint does not price
        points.gauge(EFFECTIVE, labels.add("kind", kind), price);
      }
    }
    if (!pricing.overrides().tiers().isEmpty()) {
      tierPrices(pricing.overrides(), labels)
          .forEach((tier, price) -> points.gauge(TIERED, tier, price));
    }
  }

  /**
   * One price per kind and threshold: when two entries set the same kind for the same threshold,
   * the later one wins, as OpenRouter applies them (and one label set never has two series).
   */
  private static Map<Labels, BigDecimal> tierPrices(PricingOverrides overrides, Labels labels) {
    Map<Labels, BigDecimal> prices = new LinkedHashMap<>();
    for (PricingOverrides.Tier tier : overrides.tiers()) {
      // Whole numbers without a fraction: min_prompt_tokens="200000", never "200000.0" or "2E+5".
      String threshold = tier.minPromptTokens().stripTrailingZeros().toPlainString();
      for (String kind : PerEndpoint.TOKEN_PRICE_KINDS) {
        BigDecimal price = tier.prices().get(kind);
        if (price != null) {
          Labels tierLabels = labels.add("kind", kind).add("min_prompt_tokens", threshold);
          if (Pricing.isDynamic(price)) {
            prices.remove(tierLabels); // dynamic: absent, also if an earlier entry set it
          } else {
            prices.put(tierLabels, price);
          }
        }
      }
    }
    return prices;
  }
}
