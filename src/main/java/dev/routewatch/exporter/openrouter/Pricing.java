package dev.routewatch.exporter.openrouter;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An endpoint's {@code pricing} object: USD per token for token kinds ({@code prompt}, {@code
 * completion}, ...), USD per unit for {@code request}, {@code image}, {@code web_search}, and
 * {@code discount} as a fraction. OpenRouter sends prices as decimal strings, sometimes as JSON
 * numbers; both are kept as exact BigDecimals. {@code "-1"} means the price is dynamic and is
 * dropped here, as is anything that is not a number (for example {@code overrides}).
 */
public record Pricing(Map<String, BigDecimal> prices, BigDecimal discount) {

  private static final BigDecimal DYNAMIC = BigDecimal.ONE.negate();

  public Pricing {
    prices = Collections.unmodifiableMap(new LinkedHashMap<>(prices));
  }

  @JsonCreator
  static Pricing fromJson(Map<String, JsonNode> fields) {
    Map<String, BigDecimal> prices = new LinkedHashMap<>();
    BigDecimal discount = null;
    for (Map.Entry<String, JsonNode> field : fields.entrySet()) {
      BigDecimal value = decimal(field.getValue());
      if (value == null) {
        continue;
      }
      if (field.getKey().equals("discount")) {
        discount = value;
      } else if (value.compareTo(DYNAMIC) != 0) {
        prices.put(field.getKey(), value);
      }
    }
    return new Pricing(prices, discount);
  }

  private static BigDecimal decimal(JsonNode node) {
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
