package dev.routewatch.exporter.openrouter;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import dev.routewatch.exporter.config.ModelId;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code data} of {@code GET /models}, read entry by entry for the ids alone. An entry that is
 * no object, or whose {@code id} is no model id (an object, a number, null, a malformed string), is
 * skipped and counted: one broken entry costs that entry, not the whole discovery. Every other
 * field is skipped unread, since the catalog lists hundreds of models with long descriptions.
 */
final class CatalogIds extends StdDeserializer<CatalogIds.Ids> {

  /**
   * @param ids the usable ids, in the catalog's order
   * @param skipped how many entries had none
   */
  record Ids(List<String> ids, int skipped) {}

  CatalogIds() {
    super(Ids.class);
  }

  @Override
  public Ids deserialize(JsonParser parser, DeserializationContext context) throws IOException {
    if (!parser.isExpectedStartArrayToken()) {
      return (Ids) context.handleUnexpectedToken(List.class, parser);
    }
    List<String> ids = new ArrayList<>();
    int skipped = 0;
    for (JsonToken token = parser.nextToken();
        token != JsonToken.END_ARRAY;
        token = parser.nextToken()) {
      String id = token == JsonToken.START_OBJECT ? idOf(parser) : null;
      parser.skipChildren(); // an entry that is an array; a no-op after idOf and for scalars
      if (ModelId.isValid(id)) {
        ids.add(id);
      } else {
        skipped++;
      }
    }
    return new Ids(List.copyOf(ids), skipped);
  }

  /** Reads one entry to its end; its {@code id} when that is a string, else null. */
  private static String idOf(JsonParser parser) throws IOException {
    String id = null;
    for (JsonToken token = parser.nextToken();
        token == JsonToken.FIELD_NAME;
        token = parser.nextToken()) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      if ("id".equals(field)) {
        id = value == JsonToken.VALUE_STRING ? parser.getText() : null;
      }
      parser.skipChildren();
    }
    return id;
  }
}
