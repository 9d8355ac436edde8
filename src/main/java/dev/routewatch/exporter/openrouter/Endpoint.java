package dev.routewatch.exporter.openrouter;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One provider endpoint of a model, as OpenRouter sends it. Units are OpenRouter's: uptimes in
 * percent (0..100), latency percentiles in milliseconds (time to first token; the seed document
 * wrongly said seconds), throughput in output tokens per second, prices in USD. {@code status} is
 * an integer: 0 normal, negative deprioritised. Any field may be null.
 */
public record Endpoint(
    String name,
    @JsonProperty("provider_name") String providerName,
    String tag,
    String quantization,
    @JsonProperty("context_length") Long contextLength,
    @JsonProperty("max_completion_tokens") Long maxCompletionTokens,
    @JsonProperty("max_prompt_tokens") Long maxPromptTokens,
    Integer status,
    @JsonProperty("uptime_last_5m") Double uptimeLast5m,
    @JsonProperty("uptime_last_30m") Double uptimeLast30m,
    @JsonProperty("uptime_last_1d") Double uptimeLast1d,
    @JsonProperty("latency_last_30m") Percentiles latencyLast30m,
    @JsonProperty("throughput_last_30m") Percentiles throughputLast30m,
    Pricing pricing,
    @JsonProperty("supports_implicit_caching") Boolean supportsImplicitCaching) {

  /** {@code p50}..{@code p99} of a 30-minute window; null without an API key. */
  public record Percentiles(Double p50, Double p75, Double p90, Double p99) {}
}
