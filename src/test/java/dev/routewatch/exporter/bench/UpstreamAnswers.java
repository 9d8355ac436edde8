package dev.routewatch.exporter.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.routewatch.exporter.Captures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Answers of {@code GET /models/{author}/{slug}/endpoints} for N models of M endpoints, made from
 * the real capture 06 (four endpoints with uptime, latency and throughput): its endpoints repeated
 * to M, each renamed to a provider and tag of its own so that every endpoint is its own series.
 */
public final class UpstreamAnswers {

  private static final String TEMPLATE =
      "06-moonshotai-kimi-k3-endpoints-with-latency-reduced.json";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final ObjectNode template;
  private final int endpoints;

  public UpstreamAnswers(int endpoints) {
    this.template = read(TEMPLATE);
    this.endpoints = endpoints;
  }

  /** The first {@code count} model ids, spread over 50 authors as OpenRouter's are over many. */
  public static List<String> modelIds(int count) {
    List<String> ids = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      ids.add(String.format("bench-%02d/model-%04d", i % 50, i));
    }
    return ids;
  }

  public byte[] answer(String modelId) {
    ObjectNode body = template.deepCopy();
    ObjectNode data = (ObjectNode) body.get("data");
    ArrayNode captured = (ArrayNode) data.get("endpoints");
    data.put("id", modelId);
    data.put("name", "Bench: " + modelId);
    ArrayNode generated = data.putArray("endpoints");
    for (int i = 0; i < endpoints; i++) {
      ObjectNode endpoint = ((ObjectNode) captured.get(i % captured.size())).deepCopy();
      String provider = "Provider " + i;
      endpoint.put("name", provider + " | " + modelId);
      endpoint.put("model_id", modelId);
      endpoint.put("model_name", "Bench: " + modelId);
      endpoint.put("provider_name", provider);
      endpoint.put("tag", "provider-" + i);
      generated.add(endpoint);
    }
    try {
      return MAPPER.writeValueAsBytes(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ObjectNode read(String capture) {
    try {
      return (ObjectNode) MAPPER.readTree(Captures.bytes(capture));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
