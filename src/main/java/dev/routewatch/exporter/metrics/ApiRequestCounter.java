package dev.routewatch.exporter.metrics;

import dev.routewatch.exporter.openrouter.ApiRequestListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts every HTTP request sent upstream, by status code. Example output (text format):
 *
 * <pre>
 * # HELP openrouter_api_requests_total HTTP requests sent to the OpenRouter API, by status code; none when no response came.
 * # TYPE openrouter_api_requests_total counter
 * openrouter_api_requests_total{code="200"} 118.0
 * openrouter_api_requests_total{code="429"} 2.0
 * </pre>
 */
final class ApiRequestCounter implements ApiRequestListener {

  private static final String API_REQUESTS = "openrouter.api.requests";

  private final MeterRegistry registry;

  ApiRequestCounter(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void requestCompleted(String code) {
    // The registry keeps one counter per code; register() returns it after the first request.
    Counter.builder(API_REQUESTS)
        .description(
            "HTTP requests sent to the OpenRouter API, by status code; none when no response came.")
        .tag("code", code)
        .register(registry)
        .increment();
  }
}
