package dev.routewatch.exporter.openrouter;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An endpoint's {@code pricing.overrides}, sorted once per answer into the two kinds the exporter
 * applies. OpenRouter's spec (schema {@code PricingOverride}): an entry applies when all of its
 * condition fields match the request, later entries win per price key, and keys an entry leaves out
 * inherit the base price.
 *
 * <ul>
 *   <li>a tier: {@code min_prompt_tokens} and no time window; applies to prompts longer than that;
 *   <li>a time window: {@code utc_start} and {@code utc_end} (see {@link UtcWindow}) and no {@code
 *       min_prompt_tokens}.
 * </ul>
 *
 * Any other entry is ignored and counted in {@link #ignored()}: one with both conditions, half a
 * window, an empty window ({@code utc_start == utc_end}), a clock number that is no time of day, no
 * condition at all, or a field that is neither a price nor a known condition (a condition we cannot
 * apply, such as a list of week days, would make its prices apply when they do not).
 *
 * @param tiers the tiers in answer order, each with the prices it sets
 * @param windows the time windows in answer order, each with the prices it sets
 * @param ignored how many entries were neither
 */
public record PricingOverrides(List<Tier> tiers, List<Window> windows, int ignored) {

  public static final PricingOverrides NONE = new PricingOverrides(List.of(), List.of(), 0);

  private static final String MIN_PROMPT_TOKENS = "min_prompt_tokens";
  private static final String UTC_START = "utc_start";
  private static final String UTC_END = "utc_end";
  private static final Set<String> CONDITIONS = Set.of(MIN_PROMPT_TOKENS, UTC_START, UTC_END);

  public PricingOverrides {
    tiers = List.copyOf(tiers);
    windows = List.copyOf(windows);
  }

  /**
   * A price tier for prompts of more than {@code minPromptTokens} tokens. {@code prices} holds the
   * keys the entry sets, {@code -1} (dynamic) included.
   */
  public record Tier(BigDecimal minPromptTokens, Map<String, BigDecimal> prices) {
    public Tier {
      prices = Collections.unmodifiableMap(new LinkedHashMap<>(prices));
    }
  }

  /** Prices that apply inside a daily UTC window; {@code -1} (dynamic) included. */
  public record Window(UtcWindow window, Map<String, BigDecimal> prices) {
    public Window {
      prices = Collections.unmodifiableMap(new LinkedHashMap<>(prices));
    }
  }

  static PricingOverrides fromJson(JsonNode entries) {
    if (entries == null || !entries.isArray() || entries.isEmpty()) {
      return NONE;
    }
    List<Tier> tiers = new ArrayList<>();
    List<Window> windows = new ArrayList<>();
    int ignored = 0;
    for (JsonNode entry : entries) {
      Optional<Map<String, BigDecimal>> prices = prices(entry);
      BigDecimal minPromptTokens = Pricing.decimal(entry.get(MIN_PROMPT_TOKENS));
      boolean hasMin = present(entry, MIN_PROMPT_TOKENS);
      boolean hasStart = present(entry, UTC_START);
      boolean hasEnd = present(entry, UTC_END);
      Optional<UtcWindow> window =
          UtcWindow.of(Pricing.decimal(entry.get(UTC_START)), Pricing.decimal(entry.get(UTC_END)));
      if (prices.isPresent() && hasMin && !hasStart && !hasEnd && minPromptTokens != null) {
        tiers.add(new Tier(minPromptTokens, prices.get()));
      } else if (prices.isPresent() && !hasMin && window.isPresent()) {
        windows.add(new Window(window.get(), prices.get()));
      } else {
        ignored++;
      }
    }
    return new PricingOverrides(tiers, windows, ignored);
  }

  /**
   * The prices an entry sets, or empty when it is no object or has a field that is neither a price
   * nor a known condition. Null prices are left out (they set nothing).
   */
  private static Optional<Map<String, BigDecimal>> prices(JsonNode entry) {
    if (!entry.isObject()) {
      return Optional.empty();
    }
    Map<String, BigDecimal> prices = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> field : entry.properties()) {
      if (CONDITIONS.contains(field.getKey()) || field.getValue().isNull()) {
        continue;
      }
      BigDecimal price = Pricing.decimal(field.getValue());
      if (price == null) {
        return Optional.empty();
      }
      prices.put(field.getKey(), price);
    }
    return Optional.of(prices);
  }

  private static boolean present(JsonNode entry, String field) {
    return entry.hasNonNull(field);
  }
}
