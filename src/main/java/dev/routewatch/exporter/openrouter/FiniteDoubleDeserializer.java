package dev.routewatch.exporter.openrouter;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.NumberDeserializers;
import java.io.IOException;

/**
 * Reads a {@code Double} as Jackson does, but a NaN or infinity is absent: Jackson accepts the
 * strings "NaN" and "Infinity" and overflows 1e400 to infinity, and a missing value must be a
 * missing series, never NaN (docs/metrics.md).
 */
final class FiniteDoubleDeserializer extends NumberDeserializers.DoubleDeserializer {

  FiniteDoubleDeserializer() {
    super(Double.class, null);
  }

  @Override
  public Double deserialize(JsonParser parser, DeserializationContext context) throws IOException {
    Double value = super.deserialize(parser, context);
    return value == null || !Double.isFinite(value) ? null : value;
  }
}
