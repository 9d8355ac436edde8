package dev.routewatch.exporter.openrouter;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import dev.routewatch.exporter.config.ModelId;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code data} of {@code GET /models}, read entry by entry for the ids, {@code expiration_date}
 * and {@code alias_target.slug} alone. An entry that is no object, or whose {@code id} is no model
 * id (an object, a number, null, a malformed string), is skipped and counted: one broken entry
 * costs that entry, not the whole discovery. An unreadable expiry or alias target reads as absent.
 * Every other field is skipped unread, since the catalog lists hundreds of models with long
 * descriptions.
 */
final class CatalogEntries extends StdDeserializer<CatalogEntries.Entries> {

  /**
   * @param catalog the usable entries
   * @param skipped how many entries had no usable id
   */
  record Entries(Catalog catalog, int skipped) {}

  /** One entry's fields that are kept; {@code id} null when it had none usable. */
  private record Entry(String id, Catalog.Lifecycle lifecycle) {}

  private static final Catalog.Lifecycle NONE = new Catalog.Lifecycle(null, null);

  CatalogEntries() {
    super(Entries.class);
  }

  @Override
  public Entries deserialize(JsonParser parser, DeserializationContext context) throws IOException {
    if (!parser.isExpectedStartArrayToken()) {
      return (Entries) context.handleUnexpectedToken(List.class, parser);
    }
    List<String> ids = new ArrayList<>();
    Map<String, Catalog.Lifecycle> lifecycles = new HashMap<>();
    int skipped = 0;
    for (JsonToken token = parser.nextToken();
        token != JsonToken.END_ARRAY;
        token = parser.nextToken()) {
      Entry entry = token == JsonToken.START_OBJECT ? entryOf(parser) : new Entry(null, NONE);
      parser.skipChildren(); // an entry that is an array; a no-op after entryOf and for scalars
      if (!ModelId.isValid(entry.id())) {
        skipped++;
        continue;
      }
      ids.add(entry.id());
      if (!entry.lifecycle().equals(NONE)) {
        lifecycles.put(entry.id(), entry.lifecycle());
      }
    }
    return new Entries(new Catalog(ids, lifecycles), skipped);
  }

  /** Reads one entry to its end. */
  private static Entry entryOf(JsonParser parser) throws IOException {
    String id = null;
    String expiration = null;
    String aliasTarget = null;
    for (JsonToken token = parser.nextToken();
        token == JsonToken.FIELD_NAME;
        token = parser.nextToken()) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      switch (field) {
        case "id" -> id = stringOf(parser, value);
        case "expiration_date" -> expiration = stringOf(parser, value);
        case "alias_target" ->
            aliasTarget = value == JsonToken.START_OBJECT ? slugOf(parser) : null;
        default -> {
          // not kept
        }
      }
      parser.skipChildren();
    }
    String target = ModelId.isValid(aliasTarget) ? aliasTarget : null;
    return new Entry(id, new Catalog.Lifecycle(midnightUtc(expiration), target));
  }

  /** Reads {@code alias_target} to its end; its {@code slug} when that is a string. */
  private static String slugOf(JsonParser parser) throws IOException {
    String slug = null;
    for (JsonToken token = parser.nextToken();
        token == JsonToken.FIELD_NAME;
        token = parser.nextToken()) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      if ("slug".equals(field)) {
        slug = stringOf(parser, value);
      }
      parser.skipChildren();
    }
    return slug;
  }

  private static String stringOf(JsonParser parser, JsonToken value) throws IOException {
    return value == JsonToken.VALUE_STRING ? parser.getText() : null;
  }

  /** A {@code YYYY-MM-DD} date as its first instant, UTC; null for anything else. */
  private static Instant midnightUtc(String date) {
    if (date == null) {
      return null;
    }
    try {
      return LocalDate.parse(date).atStartOfDay(ZoneOffset.UTC).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
