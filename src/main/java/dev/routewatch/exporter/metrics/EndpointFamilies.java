package dev.routewatch.exporter.metrics;

import dev.routewatch.exporter.config.ModelId;
import dev.routewatch.exporter.openrouter.Endpoint;
import dev.routewatch.exporter.openrouter.ModelEndpoints;
import dev.routewatch.exporter.openrouter.Pricing;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricFamilyDescriptor;
import io.prometheus.metrics.model.snapshots.Unit;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Renders the per-endpoint families of one model's last good answer, converting OpenRouter's units
 * once, with {@link PerEndpoint}: percent to ratio, milliseconds to seconds; prices stay USD. The
 * families of workloads, conditional prices and capabilities are rendered for each endpoint by
 * their own classes, with the same labels. Every series carries {@code model} (the polled id),
 * {@code provider} and {@code endpoint} (the tag, made unique by {@link EndpointLabels}). Example
 * output (text format, one endpoint, abridged):
 *
 * <pre>
 * # HELP openrouter_endpoint_info Endpoint metadata, value 1: OpenRouter's name, quantization and supports_implicit_caching. Cached from the model's last successful poll.
 * # TYPE openrouter_endpoint_info gauge
 * openrouter_endpoint_info{endpoint="fireworks",model="moonshotai/kimi-k3",name="Fireworks | moonshotai/kimi-k3-20260715",provider="Fireworks",quantization="unknown",supports_implicit_caching="false"} 1
 * # HELP openrouter_endpoint_latency_last_30m_seconds Time to first token over the last 30 minutes, by percentile: OpenRouter's latency_last_30m.pNN (milliseconds) / 1000. Cached from the model's last successful poll.
 * # TYPE openrouter_endpoint_latency_last_30m_seconds gauge
 * openrouter_endpoint_latency_last_30m_seconds{endpoint="fireworks",model="moonshotai/kimi-k3",percentile="p50",provider="Fireworks"} 2.687
 * # HELP openrouter_endpoint_token_price_usd Price in USD per token, by kind: OpenRouter's pricing.&lt;kind&gt;; absent while the price is dynamic (-1). Cached from the model's last successful poll.
 * # TYPE openrouter_endpoint_token_price_usd gauge
 * openrouter_endpoint_token_price_usd{endpoint="fireworks",kind="prompt",model="moonshotai/kimi-k3",provider="Fireworks"} 3.0E-6
 * </pre>
 */
final class EndpointFamilies {

  static final List<String> UNIT_PRICE_KINDS =
      List.of("request", "image", "image_output", "web_search");

  private static final MetricFamilyDescriptor UPTIME_LAST_5M =
      PerEndpoint.gauge(
          "openrouter_endpoint_uptime_last_5m_ratio",
          Unit.RATIO,
          "Share of successful requests over the last 5 minutes: OpenRouter's uptime_last_5m / 100.");
  private static final MetricFamilyDescriptor UPTIME_LAST_30M =
      PerEndpoint.gauge(
          "openrouter_endpoint_uptime_last_30m_ratio",
          Unit.RATIO,
          "Share of successful requests over the last 30 minutes: OpenRouter's uptime_last_30m / 100.");
  private static final MetricFamilyDescriptor UPTIME_LAST_1D =
      PerEndpoint.gauge(
          "openrouter_endpoint_uptime_last_1d_ratio",
          Unit.RATIO,
          "Share of successful requests over the last day: OpenRouter's uptime_last_1d / 100.");
  private static final MetricFamilyDescriptor LATENCY_LAST_30M =
      PerEndpoint.gauge(
          "openrouter_endpoint_latency_last_30m_seconds",
          Unit.SECONDS,
          "Time to first token over the last 30 minutes, by percentile: OpenRouter's"
              + " latency_last_30m.pNN (milliseconds) / 1000.",
          "percentile");
  private static final MetricFamilyDescriptor THROUGHPUT_LAST_30M =
      PerEndpoint.gauge(
          "openrouter_endpoint_throughput_last_30m_tokens_per_second",
          PerEndpoint.TOKENS_PER_SECOND,
          "Output tokens per second over the last 30 minutes, by percentile: OpenRouter's"
              + " throughput_last_30m.pNN.",
          "percentile");
  private static final MetricFamilyDescriptor TOKEN_PRICE =
      PerEndpoint.gauge(
          "openrouter_endpoint_token_price_usd",
          PerEndpoint.USD,
          "Price in USD per token, by kind: OpenRouter's pricing.<kind>; absent while the price is"
              + " dynamic (-1).",
          "kind");
  private static final MetricFamilyDescriptor UNIT_PRICE =
      PerEndpoint.gauge(
          "openrouter_endpoint_unit_price_usd",
          PerEndpoint.USD,
          "Price in USD per request, image or web search, by kind: OpenRouter's pricing.<kind>;"
              + " absent while the price is dynamic (-1).",
          "kind");
  private static final MetricFamilyDescriptor DISCOUNT =
      PerEndpoint.gauge(
          "openrouter_endpoint_discount_ratio",
          Unit.RATIO,
          "Discount on the endpoint's prices: OpenRouter's pricing.discount.");
  private static final MetricFamilyDescriptor CONTEXT_LENGTH =
      PerEndpoint.gauge(
          "openrouter_endpoint_context_length_tokens",
          PerEndpoint.TOKENS,
          "Context window in tokens: OpenRouter's context_length.");
  private static final MetricFamilyDescriptor MAX_COMPLETION_TOKENS =
      PerEndpoint.gauge(
          "openrouter_endpoint_max_completion_tokens",
          PerEndpoint.TOKENS,
          "Most tokens one completion may have: OpenRouter's max_completion_tokens.");
  private static final MetricFamilyDescriptor MAX_PROMPT_TOKENS =
      PerEndpoint.gauge(
          "openrouter_endpoint_max_prompt_tokens",
          PerEndpoint.TOKENS,
          "Most tokens one prompt may have: OpenRouter's max_prompt_tokens.");
  private static final MetricFamilyDescriptor STATUS =
      PerEndpoint.gauge(
          "openrouter_endpoint_status",
          null,
          "Endpoint status: OpenRouter's status (0 normal, negative deprioritised).");
  private static final MetricFamilyDescriptor INFO =
      MetricFamilyDescriptor.info("openrouter_endpoint_info")
          .help(
              "Endpoint metadata, value 1: OpenRouter's name, quantization and"
                  + " supports_implicit_caching."
                  + PerEndpoint.CACHED)
          .labelNames(PerEndpoint.LABELS)
          .labelNames("name", "quantization", "supports_implicit_caching")
          .build();

  static final List<MetricFamilyDescriptor> FAMILIES =
      List.of(
          UPTIME_LAST_5M,
          UPTIME_LAST_30M,
          UPTIME_LAST_1D,
          LATENCY_LAST_30M,
          THROUGHPUT_LAST_30M,
          TOKEN_PRICE,
          UNIT_PRICE,
          DISCOUNT,
          CONTEXT_LENGTH,
          MAX_COMPLETION_TOKENS,
          MAX_PROMPT_TOKENS,
          STATUS,
          INFO);

  /** Every per-endpoint family, the conditional ones included. */
  static final List<MetricFamilyDescriptor> ALL_FAMILIES = all();

  private EndpointFamilies() {}

  /**
   * @param utc the scrape's time of day in UTC, for the prices in effect
   * @param capabilities whether to render the opt-in supported-parameter and tool-choice families
   * @param values cleans every label value that came from upstream, and counts the ones it cut
   */
  static void render(
      ModelId model,
      ModelEndpoints answer,
      LocalTime utc,
      boolean capabilities,
      FamilyPoints points,
      LabelValues values) {
    List<Endpoint> endpoints = answer.endpoints();
    // Cut before making tags unique: two long tags cut alike must still differ.
    List<String> endpointLabels =
        EndpointLabels.unique(
            endpoints.stream().map(e -> values.clean(EndpointLabels.tag(e))).toList());
    for (int i = 0; i < endpoints.size(); i++) {
      Endpoint endpoint = endpoints.get(i);
      Labels labels =
          Labels.of(
              "model",
              model.value(),
              "provider",
              values.clean(endpoint.providerName()),
              "endpoint",
              endpointLabels.get(i));
      render(endpoint, labels, points, values);
      WorkloadFamilies.render(endpoint, labels, points, values);
      if (endpoint.pricing() != null) {
        ConditionalPriceFamilies.render(endpoint.pricing(), labels, utc, points);
      }
      if (capabilities) {
        CapabilityFamilies.render(endpoint, labels, points, values);
      }
    }
  }

  private static void render(
      Endpoint endpoint, Labels labels, FamilyPoints points, LabelValues values) {
    points.gauge(UPTIME_LAST_5M, labels, PerEndpoint.ratioFromPercent(endpoint.uptimeLast5m()));
    points.gauge(UPTIME_LAST_30M, labels, PerEndpoint.ratioFromPercent(endpoint.uptimeLast30m()));
    points.gauge(UPTIME_LAST_1D, labels, PerEndpoint.ratioFromPercent(endpoint.uptimeLast1d()));
    PerEndpoint.percentiles(
        LATENCY_LAST_30M,
        labels,
        endpoint.latencyLast30m(),
        PerEndpoint::secondsFromMillis,
        points);
    PerEndpoint.percentiles(
        THROUGHPUT_LAST_30M,
        labels,
        endpoint.throughputLast30m(),
        UnaryOperator.identity(),
        points);
    Pricing pricing = endpoint.pricing();
    if (pricing != null) {
      for (String kind : PerEndpoint.TOKEN_PRICE_KINDS) {
        points.gauge(TOKEN_PRICE, labels.add("kind", kind), pricing.prices().get(kind));
      }
      for (String kind : UNIT_PRICE_KINDS) {
        points.gauge(UNIT_PRICE, labels.add("kind", kind), pricing.prices().get(kind));
      }
      points.gauge(DISCOUNT, labels, pricing.discount());
    }
    points.gauge(CONTEXT_LENGTH, labels, endpoint.contextLength());
    points.gauge(MAX_COMPLETION_TOKENS, labels, endpoint.maxCompletionTokens());
    points.gauge(MAX_PROMPT_TOKENS, labels, endpoint.maxPromptTokens());
    points.gauge(STATUS, labels, endpoint.status());
    points.info(
        INFO,
        labels
            .add("name", values.clean(endpoint.name()))
            .add("quantization", values.clean(endpoint.quantization()))
            .add(
                "supports_implicit_caching",
                endpoint.supportsImplicitCaching() == null
                    ? ""
                    : endpoint.supportsImplicitCaching().toString()));
  }

  private static List<MetricFamilyDescriptor> all() {
    List<MetricFamilyDescriptor> all = new ArrayList<>(FAMILIES);
    all.addAll(WorkloadFamilies.FAMILIES);
    all.addAll(ConditionalPriceFamilies.FAMILIES);
    all.addAll(CapabilityFamilies.FAMILIES);
    return List.copyOf(all);
  }
}
