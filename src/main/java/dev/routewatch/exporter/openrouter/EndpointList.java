package dev.routewatch.exporter.openrouter;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code data.endpoints}, read element by element and stopped at {@code
 * openrouter.max_endpoints_per_model}: the body cap alone lets 8 MiB of {@code {},} become millions
 * of endpoint records before anything could count them. Null elements carry nothing and are
 * skipped.
 */
final class EndpointList extends StdDeserializer<List<Endpoint>> {

  /** The per-call attribute that holds the cap (an Integer). */
  static final String MAX_ENDPOINTS = "openrouter.max_endpoints_per_model";

  EndpointList() {
    super(List.class);
  }

  /** Thrown at the first endpoint past the cap. */
  static final class TooManyEndpointsException extends JsonMappingException {
    TooManyEndpointsException(JsonParser parser) {
      super(parser, "too many endpoints");
    }
  }

  @Override
  @SuppressWarnings("unchecked")
  public List<Endpoint> deserialize(JsonParser parser, DeserializationContext context)
      throws IOException {
    if (!parser.isExpectedStartArrayToken()) {
      return (List<Endpoint>) context.handleUnexpectedToken(List.class, parser);
    }
    Object cap = context.getAttribute(MAX_ENDPOINTS);
    int max = cap instanceof Integer limit ? limit : Integer.MAX_VALUE;
    JsonDeserializer<Object> element =
        context.findRootValueDeserializer(context.constructType(Endpoint.class));
    List<Endpoint> endpoints = new ArrayList<>();
    for (JsonToken token = parser.nextToken();
        token != JsonToken.END_ARRAY;
        token = parser.nextToken()) {
      if (token == JsonToken.VALUE_NULL) {
        continue;
      }
      if (endpoints.size() == max) {
        throw new TooManyEndpointsException(parser);
      }
      try {
        endpoints.add((Endpoint) element.deserialize(parser, context));
      } catch (IOException | RuntimeException e) {
        // As Jackson's own list reader: the error path names the element ($.data.endpoints[3]).
        throw JsonMappingException.wrapWithPath(e, endpoints, endpoints.size());
      }
    }
    return endpoints;
  }
}
