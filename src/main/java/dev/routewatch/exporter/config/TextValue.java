package dev.routewatch.exporter.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import java.io.IOException;
import java.util.function.Function;

/**
 * A value written in the file as a string and read by one of this package's parsers ({@link
 * Durations#parse}, {@link ListenAddress#parse}, {@link ModelId}, {@link ModelPattern}), whose
 * messages are safe to show: they never repeat the value.
 */
final class TextValue<T> extends StdScalarDeserializer<T> {

  private final transient Function<String, T> parser;

  TextValue(Class<T> type, Function<String, T> parser) {
    super(type);
    this.parser = parser;
  }

  @Override
  public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
    // As the file's strings are read: a mapping or a list here is "expected a string".
    String text = ctxt.readValue(p, String.class);
    try {
      return parser.apply(text);
    } catch (IllegalArgumentException e) {
      throw new InvalidValueException(e.getMessage());
    }
  }
}
