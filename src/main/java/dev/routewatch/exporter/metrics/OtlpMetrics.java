package dev.routewatch.exporter.metrics;

import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.function.LongSupplier;

/**
 * The OTLP push's family, present only with {@code otlp.endpoint} set, read at scrape time:
 *
 * <pre>
 * # HELP openrouter_otlp_push_errors_total OTLP pushes that did not reach the collector (refused, an error status, no answer in time).
 * # TYPE openrouter_otlp_push_errors_total counter
 * openrouter_otlp_push_errors_total 2.0
 * </pre>
 */
final class OtlpMetrics {

  static final String PUSH_ERRORS = "openrouter_otlp_push_errors";

  private OtlpMetrics() {}

  static void register(PrometheusRegistry registry, LongSupplier failedPushes) {
    CounterWithCallback.builder()
        .name(PUSH_ERRORS)
        .help(
            "OTLP pushes that did not reach the collector (refused, an error status, no answer in"
                + " time).")
        .callback(callback -> callback.call(failedPushes.getAsLong()))
        .register(registry);
  }
}
