package dev.routewatch.exporter.openrouter;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The {@code data} object of {@code GET /models/{author}/{slug}/endpoints}, see
 * https://openrouter.ai/docs/api-reference/endpoints/list-endpoints. Values are as OpenRouter sends
 * them (percent, milliseconds, USD per token); the metrics renderer converts them. Any field may be
 * null.
 */
public record ModelEndpoints(
    String id, String name, Long created, Architecture architecture, List<Endpoint> endpoints) {

  public ModelEndpoints {
    endpoints = endpoints == null ? List.of() : List.copyOf(endpoints);
  }

  public record Architecture(
      String tokenizer, @JsonProperty("instruct_type") String instructType, String modality) {}
}
