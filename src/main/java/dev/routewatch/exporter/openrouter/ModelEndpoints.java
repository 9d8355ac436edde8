package dev.routewatch.exporter.openrouter;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.time.Instant;
import java.util.List;

/**
 * The {@code data} object of {@code GET /models/{author}/{slug}/endpoints}, see
 * https://openrouter.ai/docs/api-reference/endpoints/list-endpoints. Values are as OpenRouter sends
 * them (percent, milliseconds, USD per token); the metrics renderer converts them. Any field may be
 * null, except {@code endpoints}, which is never null (an empty list for alias and router models).
 *
 * @param producedAt when OpenRouter produced the answer, from its headers (see {@link ProducedAt}),
 *     not from the body; null when they do not say or the answer was read from bytes
 */
public record ModelEndpoints(
    String id,
    String name,
    Long created,
    Architecture architecture,
    // An answer without the list is not an answer with no endpoints: reading it as empty would
    // remove every series of a model that still has endpoints. EndpointList skips null elements
    // (List.copyOf would throw on them) and stops at the cap.
    @JsonProperty(required = true)
        @JsonSetter(nulls = Nulls.FAIL)
        @JsonDeserialize(using = EndpointList.class)
        List<Endpoint> endpoints,
    @JsonIgnore Instant producedAt) {

  public ModelEndpoints {
    endpoints = endpoints == null ? List.of() : List.copyOf(endpoints);
  }

  /** An answer whose headers did not say when it was produced. */
  public ModelEndpoints(
      String id, String name, Long created, Architecture architecture, List<Endpoint> endpoints) {
    this(id, name, created, architecture, endpoints, null);
  }

  /** This answer, produced at {@code at} (null: unknown). */
  public ModelEndpoints withProducedAt(Instant at) {
    return new ModelEndpoints(id, name, created, architecture, endpoints, at);
  }

  /**
   * Parses a whole answer body as the client does, so that a body read once and stored renders the
   * same wherever it is parsed.
   *
   * @param maxEndpoints an answer with more endpoints is a {@link FailureReason#BAD_RESPONSE}
   */
  public static ModelEndpoints read(byte[] body, int maxEndpoints) throws UpstreamException {
    return AnswerParser.modelEndpoints(body, maxEndpoints);
  }

  /**
   * How many {@code pricing.overrides} entries of all endpoints are neither a tier nor a time
   * window, and so are ignored (see {@link PricingOverrides}).
   */
  public int ignoredPriceOverrides() {
    int ignored = 0;
    for (Endpoint endpoint : endpoints) {
      if (endpoint.pricing() != null) {
        ignored += endpoint.pricing().overrides().ignored();
      }
    }
    return ignored;
  }

  public record Architecture(
      String tokenizer, @JsonProperty("instruct_type") String instructType, String modality) {}
}
