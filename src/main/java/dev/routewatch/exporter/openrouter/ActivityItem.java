package dev.routewatch.exporter.openrouter;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One row of {@code GET /activity}
 * (https://openrouter.ai/docs/api-reference/analytics/get-activity): a day's use of one model
 * through one endpoint; a day has a row per endpoint, so a model and provider can have several.
 * Cost in USD.
 */
public record ActivityItem(
    String date,
    String model,
    @JsonProperty("provider_name") String providerName,
    Double usage,
    Long requests,
    @JsonProperty("prompt_tokens") Long promptTokens,
    @JsonProperty("completion_tokens") Long completionTokens,
    @JsonProperty("reasoning_tokens") Long reasoningTokens) {}
