package dev.routewatch.exporter.openrouter;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.LocalTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An endpoint's {@code pricing} object: USD per token for token kinds ({@code prompt}, {@code
 * completion}, ...), USD per unit for {@code request}, {@code image}, {@code web_search}, {@code
 * discount} as a fraction, and the conditional {@code overrides}. OpenRouter sends prices as
 * decimal strings, sometimes as JSON numbers; both are kept as exact BigDecimals. {@code "-1"}
 * means the price is dynamic and is dropped here, as is any other key that is not a number.
 *
 * @param prices the default prices (the top-level keys), dynamic ones left out
 * @param discount {@code pricing.discount}; null when absent
 * @param overrides {@code pricing.overrides}, sorted into tiers and time windows
 */
public record Pricing(
    Map<String, BigDecimal> prices, BigDecimal discount, PricingOverrides overrides) {

  private static final BigDecimal DYNAMIC = BigDecimal.ONE.negate();

  public Pricing {
    prices = Collections.unmodifiableMap(new LinkedHashMap<>(prices));
    overrides = overrides == null ? PricingOverrides.NONE : overrides;
  }

  @JsonCreator
  static Pricing fromJson(Map<String, JsonNode> fields) {
    Map<String, BigDecimal> prices = new LinkedHashMap<>();
    BigDecimal discount = null;
    PricingOverrides overrides = PricingOverrides.NONE;
    for (Map.Entry<String, JsonNode> field : fields.entrySet()) {
      if (field.getKey().equals("overrides")) {
        overrides = PricingOverrides.fromJson(field.getValue());
        continue;
      }
      BigDecimal value = decimal(field.getValue());
      if (value == null) {
        continue;
      }
      if (field.getKey().equals("discount")) {
        discount = value;
      } else if (!isDynamic(value)) {
        prices.put(field.getKey(), value);
      }
    }
    return new Pricing(prices, discount, overrides);
  }

  /**
   * The prices in effect at {@code utc} (a time of day in UTC) for a prompt too short for any tier:
   * the default prices, overridden in answer order by every time window that contains {@code utc}
   * (later windows win per key), times {@code 1 - discount}. A price that is dynamic ({@code -1})
   * at that time is left out.
   */
  public Map<String, BigDecimal> effectiveAt(LocalTime utc) {
    Map<String, BigDecimal> effective = prices;
    for (PricingOverrides.Window window : overrides.windows()) {
      if (window.window().contains(utc)) {
        if (effective == prices) {
          effective = new LinkedHashMap<>(prices);
        }
        effective.putAll(window.prices());
      }
    }
    boolean discounted = discount != null && discount.signum() != 0;
    if (effective == prices && !discounted) {
      return prices; // the common case costs a scrape nothing
    }
    BigDecimal factor = discounted ? BigDecimal.ONE.subtract(discount) : BigDecimal.ONE;
    Map<String, BigDecimal> result = new LinkedHashMap<>();
    effective.forEach(
        (kind, price) -> {
          if (!isDynamic(price)) {
            result.put(kind, discounted ? price.multiply(factor) : price);
          }
        });
    return result;
  }

  /** Whether {@code price} is OpenRouter's {@code -1}: the price is dynamic, not a number. */
  public static boolean isDynamic(BigDecimal price) {
    return price.compareTo(DYNAMIC) == 0;
  }

  /** A price or discount sent as a JSON number or a decimal string; null for anything else. */
  static BigDecimal decimal(JsonNode node) {
    if (node == null) {
      return null;
    }
    if (node.isNumber()) {
      return node.decimalValue();
    }
    if (node.isTextual()) {
      try {
        return new BigDecimal(node.textValue().strip());
      } catch (NumberFormatException ignored) {
        // Not a price we can read: leave the series absent rather than fail the whole answer.
        return null;
      }
    }
    return null;
  }
}
