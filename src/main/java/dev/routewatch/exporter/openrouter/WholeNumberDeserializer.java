package dev.routewatch.exporter.openrouter;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.function.Function;

/**
 * Reads a whole number (token counts, {@code status}) from a JSON number or string. A value that is
 * not whole ({@code -1.5}) or does not fit the type is absent rather than truncated or fatal: one
 * odd value must not cost the whole answer. Any other shape is still an error.
 */
final class WholeNumberDeserializer<T extends Number> extends StdScalarDeserializer<T> {

  private final BigInteger min;
  private final BigInteger max;
  private final Function<BigInteger, T> convert;

  private WholeNumberDeserializer(
      Class<T> type, long min, long max, Function<BigInteger, T> convert) {
    super(type);
    this.min = BigInteger.valueOf(min);
    this.max = BigInteger.valueOf(max);
    this.convert = convert;
  }

  static WholeNumberDeserializer<Long> longs() {
    return new WholeNumberDeserializer<>(
        Long.class, Long.MIN_VALUE, Long.MAX_VALUE, BigInteger::longValue);
  }

  static WholeNumberDeserializer<Integer> integers() {
    return new WholeNumberDeserializer<>(
        Integer.class, Integer.MIN_VALUE, Integer.MAX_VALUE, BigInteger::intValue);
  }

  @Override
  public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
    BigDecimal value =
        switch (parser.currentToken()) {
          case VALUE_NUMBER_INT -> new BigDecimal(parser.getBigIntegerValue());
          case VALUE_NUMBER_FLOAT -> parser.getDecimalValue();
          case VALUE_STRING -> decimal(parser.getText());
          default -> {
            @SuppressWarnings("unchecked")
            T unexpected = (T) context.handleUnexpectedToken(handledType(), parser);
            yield unexpected == null ? null : new BigDecimal(unexpected.toString());
          }
        };
    if (value == null) {
      return null;
    }
    BigInteger whole;
    try {
      whole = value.toBigIntegerExact();
    } catch (ArithmeticException notWhole) {
      return null;
    }
    return whole.compareTo(min) < 0 || whole.compareTo(max) > 0 ? null : convert.apply(whole);
  }

  private static BigDecimal decimal(String text) {
    try {
      return new BigDecimal(text.strip());
    } catch (NumberFormatException notANumber) {
      return null;
    }
  }
}
