package dev.routewatch.exporter.openrouter;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One provider endpoint of a model, as OpenRouter sends it. Units are OpenRouter's: uptimes in
 * percent (0..100), latency percentiles in milliseconds (time to first token; an early description
 * of the API wrongly said seconds), throughput in output tokens per second, prices in USD. {@code
 * status} is an integer: 0 normal, negative deprioritised. Any field may be null.
 *
 * <p>{@code perf_last_30m_by_workload}, {@code supports_tool_choice} and {@code native_tools} are
 * newer than the spec of 2026-08-22 our fixtures quote; their shape is that of the later spec
 * revisions (the generated SDKs' {@code PublicEndpointPerfLast30mByWorkload} and {@code
 * ToolChoiceSupport}) and of real answers (capture 07); no real answer here shows {@code
 * native_tools}, an object whose keys name the tools the provider runs itself. Workload, mode and
 * tool names are kept as sent, new ones included.
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
    @JsonProperty("supports_implicit_caching") Boolean supportsImplicitCaching,
    @JsonProperty("perf_last_30m_by_workload") Map<String, Workload> perfLast30mByWorkload,
    @JsonProperty("supported_parameters") List<String> supportedParameters,
    @JsonProperty("supports_tool_choice") Map<String, Boolean> supportsToolChoice,
    // The keys only: what the values of an entry hold is not documented.
    @JsonProperty("native_tools") @JsonDeserialize(using = ObjectKeysDeserializer.class)
        List<String> nativeTools) {

  /** Nulls inside the lists and maps are kept out or kept as null values, never fatal. */
  public Endpoint {
    perfLast30mByWorkload = orderedCopy(perfLast30mByWorkload);
    supportsToolChoice = orderedCopy(supportsToolChoice);
    if (supportedParameters != null) {
      List<String> parameters = new ArrayList<>(supportedParameters);
      parameters.removeIf(Objects::isNull);
      supportedParameters = Collections.unmodifiableList(parameters);
    }
  }

  /** {@code p50}..{@code p99} of a 30-minute window; null without an API key. */
  public record Percentiles(Double p50, Double p75, Double p90, Double p99) {}

  /**
   * One workload's entry in {@code perf_last_30m_by_workload}: latency in milliseconds (end to end
   * for image and video generation), throughput in tokens per second (null for workloads without
   * token throughput), and the requests admitted in the window.
   */
  public record Workload(
      Percentiles latency,
      Percentiles throughput,
      @JsonProperty("request_count") Long requestCount) {}

  /** Answer order kept; null values allowed (Map.copyOf would throw on them). */
  private static <V> Map<String, V> orderedCopy(Map<String, V> map) {
    return map == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }
}
