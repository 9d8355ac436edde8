package dev.routewatch.exporter.openrouter;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Reads a JSON object as the list of its keys, in answer order, skipping the values: only the keys
 * are exported, and an answer's values of unknown shape are not kept for as long as it is cached.
 */
final class ObjectKeysDeserializer extends StdDeserializer<List<String>> {

  ObjectKeysDeserializer() {
    super(List.class);
  }

  @Override
  @SuppressWarnings("unchecked")
  public List<String> deserialize(JsonParser parser, DeserializationContext context)
      throws IOException {
    if (!parser.hasToken(JsonToken.START_OBJECT)) {
      return (List<String>) context.handleUnexpectedToken(List.class, parser);
    }
    List<String> keys = new ArrayList<>();
    for (String key = parser.nextFieldName(); key != null; key = parser.nextFieldName()) {
      parser.nextToken();
      parser.skipChildren();
      keys.add(key);
    }
    return Collections.unmodifiableList(keys);
  }
}
