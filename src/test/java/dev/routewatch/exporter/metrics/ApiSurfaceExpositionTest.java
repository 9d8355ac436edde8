package dev.routewatch.exporter.metrics;

import static dev.routewatch.exporter.metrics.Fixtures.families;
import static dev.routewatch.exporter.metrics.Fixtures.polledOnce;
import static dev.routewatch.exporter.metrics.Fixtures.scrape;
import static dev.routewatch.exporter.metrics.Fixtures.synthetic;
import static org.assertj.core.api.Assertions.assertThat;

import dev.routewatch.exporter.config.ModelId;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Every family of the fuller API surface at once, from the synthetic answer (see
 * src/test/resources/openrouter/synthetic/SOURCES.md): workloads, tiers, the prices in effect,
 * supported parameters and tool-choice modes.
 */
class ApiSurfaceExpositionTest {

  private static final ModelId MODEL = new ModelId("routewatch/synthetic-api-surface");
  private static final Instant POLLED_AT = Instant.parse("2026-09-28T16:00:00Z");

  @Test
  void theSyntheticAnswerRendersEveryNewFamilyAsThisExposition() {
    String text =
        scrape(
            polledOnce(
                MODEL, synthetic("11-routewatch-synthetic-api-surface-endpoints.json"), POLLED_AT),
            POLLED_AT,
            true);

    assertThat(
            families(
                text,
                "openrouter_endpoint_effective_",
                "openrouter_endpoint_tiered_",
                "openrouter_endpoint_workload_",
                "openrouter_endpoint_supported_parameter_",
                "openrouter_endpoint_tool_choice_"))
        .isEqualTo(
            """
            # HELP openrouter_endpoint_effective_token_price_usd Price in USD per token in effect at scrape time for a prompt below every tier, by kind: OpenRouter's pricing.<kind>, overridden by the pricing.overrides[] time windows (UTC) open at scrape time, later entries winning, times 1 - pricing.discount; absent while the price is dynamic (-1). Cached from the model's last successful poll.
            # TYPE openrouter_endpoint_effective_token_price_usd gauge
            openrouter_endpoint_effective_token_price_usd{endpoint="deepseek",kind="completion",model="routewatch/synthetic-api-surface",provider="DeepSeek"} 7.56E-7
            openrouter_endpoint_effective_token_price_usd{endpoint="deepseek",kind="input_cache_read",model="routewatch/synthetic-api-surface",provider="DeepSeek"} 6.3E-8
            openrouter_endpoint_effective_token_price_usd{endpoint="deepseek",kind="prompt",model="routewatch/synthetic-api-surface",provider="DeepSeek"} 1.26E-7
            openrouter_endpoint_effective_token_price_usd{endpoint="fireworks",kind="completion",model="routewatch/synthetic-api-surface",provider="Fireworks"} 9.0E-7
            openrouter_endpoint_effective_token_price_usd{endpoint="fireworks",kind="prompt",model="routewatch/synthetic-api-surface",provider="Fireworks"} 9.0E-7
            openrouter_endpoint_effective_token_price_usd{endpoint="google-vertex",kind="completion",model="routewatch/synthetic-api-surface",provider="Google"} 1.0E-5
            openrouter_endpoint_effective_token_price_usd{endpoint="google-vertex",kind="input_cache_read",model="routewatch/synthetic-api-surface",provider="Google"} 3.1E-7
            openrouter_endpoint_effective_token_price_usd{endpoint="google-vertex",kind="input_cache_write",model="routewatch/synthetic-api-surface",provider="Google"} 1.625E-6
            openrouter_endpoint_effective_token_price_usd{endpoint="google-vertex",kind="prompt",model="routewatch/synthetic-api-surface",provider="Google"} 1.25E-6
            # HELP openrouter_endpoint_supported_parameter_info Request parameters the endpoint supports, value 1: OpenRouter's supported_parameters. Cached from the model's last successful poll.
            # TYPE openrouter_endpoint_supported_parameter_info gauge
            openrouter_endpoint_supported_parameter_info{endpoint="deepseek",model="routewatch/synthetic-api-surface",parameter="max_tokens",provider="DeepSeek"} 1
            openrouter_endpoint_supported_parameter_info{endpoint="deepseek",model="routewatch/synthetic-api-surface",parameter="response_format",provider="DeepSeek"} 1
            openrouter_endpoint_supported_parameter_info{endpoint="deepseek",model="routewatch/synthetic-api-surface",parameter="temperature",provider="DeepSeek"} 1
            openrouter_endpoint_supported_parameter_info{endpoint="deepseek",model="routewatch/synthetic-api-surface",parameter="tool_choice",provider="DeepSeek"} 1
            openrouter_endpoint_supported_parameter_info{endpoint="deepseek",model="routewatch/synthetic-api-surface",parameter="tools",provider="DeepSeek"} 1
            openrouter_endpoint_supported_parameter_info{endpoint="google-vertex",model="routewatch/synthetic-api-surface",parameter="max_tokens",provider="Google"} 1
            openrouter_endpoint_supported_parameter_info{endpoint="google-vertex",model="routewatch/synthetic-api-surface",parameter="reasoning",provider="Google"} 1
            openrouter_endpoint_supported_parameter_info{endpoint="google-vertex",model="routewatch/synthetic-api-surface",parameter="temperature",provider="Google"} 1
            openrouter_endpoint_supported_parameter_info{endpoint="google-vertex",model="routewatch/synthetic-api-surface",parameter="tool_choice",provider="Google"} 1
            openrouter_endpoint_supported_parameter_info{endpoint="google-vertex",model="routewatch/synthetic-api-surface",parameter="tools",provider="Google"} 1
            openrouter_endpoint_supported_parameter_info{endpoint="google-vertex",model="routewatch/synthetic-api-surface",parameter="top_p",provider="Google"} 1
            # HELP openrouter_endpoint_tiered_token_price_usd Price in USD per token for prompts of more than min_prompt_tokens tokens, by kind: OpenRouter's pricing.overrides[].<kind> of the entries with min_prompt_tokens and no time window, before discount; a kind an entry does not set keeps its other price. Cached from the model's last successful poll.
            # TYPE openrouter_endpoint_tiered_token_price_usd gauge
            openrouter_endpoint_tiered_token_price_usd{endpoint="google-vertex",kind="completion",min_prompt_tokens="200000",model="routewatch/synthetic-api-surface",provider="Google"} 1.5E-5
            openrouter_endpoint_tiered_token_price_usd{endpoint="google-vertex",kind="input_cache_read",min_prompt_tokens="200000",model="routewatch/synthetic-api-surface",provider="Google"} 6.25E-7
            openrouter_endpoint_tiered_token_price_usd{endpoint="google-vertex",kind="prompt",min_prompt_tokens="200000",model="routewatch/synthetic-api-surface",provider="Google"} 2.5E-6
            openrouter_endpoint_tiered_token_price_usd{endpoint="google-vertex",kind="prompt",min_prompt_tokens="500000",model="routewatch/synthetic-api-surface",provider="Google"} 4.0E-6
            # HELP openrouter_endpoint_tool_choice_info Tool-choice modes the endpoint supports, value 1: the modes of OpenRouter's supports_tool_choice that are true. Cached from the model's last successful poll.
            # TYPE openrouter_endpoint_tool_choice_info gauge
            openrouter_endpoint_tool_choice_info{endpoint="deepseek",mode="auto",model="routewatch/synthetic-api-surface",provider="DeepSeek"} 1
            openrouter_endpoint_tool_choice_info{endpoint="deepseek",mode="none",model="routewatch/synthetic-api-surface",provider="DeepSeek"} 1
            openrouter_endpoint_tool_choice_info{endpoint="google-vertex",mode="auto",model="routewatch/synthetic-api-surface",provider="Google"} 1
            openrouter_endpoint_tool_choice_info{endpoint="google-vertex",mode="none",model="routewatch/synthetic-api-surface",provider="Google"} 1
            openrouter_endpoint_tool_choice_info{endpoint="google-vertex",mode="required",model="routewatch/synthetic-api-surface",provider="Google"} 1
            # HELP openrouter_endpoint_workload_latency_last_30m_seconds Latency over the last 30 minutes, by workload and percentile: OpenRouter's perf_last_30m_by_workload.<workload>.latency.pNN (milliseconds) / 1000; time to first token or result, end to end for image and video generation. Cached from the model's last successful poll.
            # TYPE openrouter_endpoint_workload_latency_last_30m_seconds gauge
            openrouter_endpoint_workload_latency_last_30m_seconds{endpoint="deepseek",model="routewatch/synthetic-api-surface",percentile="p50",provider="DeepSeek",workload="embeddings"} 0.12
            openrouter_endpoint_workload_latency_last_30m_seconds{endpoint="deepseek",model="routewatch/synthetic-api-surface",percentile="p50",provider="DeepSeek",workload="text_generation"} 2.95
            openrouter_endpoint_workload_latency_last_30m_seconds{endpoint="deepseek",model="routewatch/synthetic-api-surface",percentile="p75",provider="DeepSeek",workload="embeddings"} 0.16
            openrouter_endpoint_workload_latency_last_30m_seconds{endpoint="deepseek",model="routewatch/synthetic-api-surface",percentile="p75",provider="DeepSeek",workload="text_generation"} 4.1
            openrouter_endpoint_workload_latency_last_30m_seconds{endpoint="deepseek",model="routewatch/synthetic-api-surface",percentile="p90",provider="DeepSeek",workload="embeddings"} 0.24
            openrouter_endpoint_workload_latency_last_30m_seconds{endpoint="deepseek",model="routewatch/synthetic-api-surface",percentile="p90",provider="DeepSeek",workload="text_generation"} 6.4
            openrouter_endpoint_workload_latency_last_30m_seconds{endpoint="deepseek",model="routewatch/synthetic-api-surface",percentile="p99",provider="DeepSeek",workload="embeddings"} 0.61
            openrouter_endpoint_workload_latency_last_30m_seconds{endpoint="deepseek",model="routewatch/synthetic-api-surface",percentile="p99",provider="DeepSeek",workload="text_generation"} 15.8
            openrouter_endpoint_workload_latency_last_30m_seconds{endpoint="google-vertex",model="routewatch/synthetic-api-surface",percentile="p50",provider="Google",workload="text_generation"} 1.85
            openrouter_endpoint_workload_latency_last_30m_seconds{endpoint="google-vertex",model="routewatch/synthetic-api-surface",percentile="p75",provider="Google",workload="text_generation"} 2.4
            openrouter_endpoint_workload_latency_last_30m_seconds{endpoint="google-vertex",model="routewatch/synthetic-api-surface",percentile="p90",provider="Google",workload="text_generation"} 3.9
            openrouter_endpoint_workload_latency_last_30m_seconds{endpoint="google-vertex",model="routewatch/synthetic-api-surface",percentile="p99",provider="Google",workload="text_generation"} 9.1
            # HELP openrouter_endpoint_workload_requests_last_30m Requests the endpoint admitted over the last 30 minutes, by workload: OpenRouter's perf_last_30m_by_workload.<workload>.request_count. Cached from the model's last successful poll.
            # TYPE openrouter_endpoint_workload_requests_last_30m gauge
            openrouter_endpoint_workload_requests_last_30m{endpoint="deepseek",model="routewatch/synthetic-api-surface",provider="DeepSeek",workload="embeddings"} 5400.0
            openrouter_endpoint_workload_requests_last_30m{endpoint="deepseek",model="routewatch/synthetic-api-surface",provider="DeepSeek",workload="text_generation"} 20415.0
            openrouter_endpoint_workload_requests_last_30m{endpoint="google-vertex",model="routewatch/synthetic-api-surface",provider="Google",workload="text_generation"} 81060.0
            openrouter_endpoint_workload_requests_last_30m{endpoint="google-vertex",model="routewatch/synthetic-api-surface",provider="Google",workload="unknown"} 12.0
            # HELP openrouter_endpoint_workload_throughput_last_30m_tokens_per_second Output tokens per second over the last 30 minutes, by workload and percentile: OpenRouter's perf_last_30m_by_workload.<workload>.throughput.pNN. Cached from the model's last successful poll.
            # TYPE openrouter_endpoint_workload_throughput_last_30m_tokens_per_second gauge
            openrouter_endpoint_workload_throughput_last_30m_tokens_per_second{endpoint="deepseek",model="routewatch/synthetic-api-surface",percentile="p50",provider="DeepSeek",workload="text_generation"} 31.0
            openrouter_endpoint_workload_throughput_last_30m_tokens_per_second{endpoint="deepseek",model="routewatch/synthetic-api-surface",percentile="p75",provider="DeepSeek",workload="text_generation"} 38.0
            openrouter_endpoint_workload_throughput_last_30m_tokens_per_second{endpoint="deepseek",model="routewatch/synthetic-api-surface",percentile="p90",provider="DeepSeek",workload="text_generation"} 44.0
            openrouter_endpoint_workload_throughput_last_30m_tokens_per_second{endpoint="deepseek",model="routewatch/synthetic-api-surface",percentile="p99",provider="DeepSeek",workload="text_generation"} 57.0
            openrouter_endpoint_workload_throughput_last_30m_tokens_per_second{endpoint="google-vertex",model="routewatch/synthetic-api-surface",percentile="p50",provider="Google",workload="text_generation"} 92.0
            openrouter_endpoint_workload_throughput_last_30m_tokens_per_second{endpoint="google-vertex",model="routewatch/synthetic-api-surface",percentile="p75",provider="Google",workload="text_generation"} 110.0
            openrouter_endpoint_workload_throughput_last_30m_tokens_per_second{endpoint="google-vertex",model="routewatch/synthetic-api-surface",percentile="p90",provider="Google",workload="text_generation"} 128.0
            openrouter_endpoint_workload_throughput_last_30m_tokens_per_second{endpoint="google-vertex",model="routewatch/synthetic-api-surface",percentile="p99",provider="Google",workload="text_generation"} 160.0
            """);
  }
}
