package dev.routewatch.exporter.metrics;

import dev.routewatch.exporter.snapshot.TimeSource;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Whether the last configuration (re)load worked, named as Prometheus names its own:
 *
 * <pre>
 * # HELP openrouter_config_last_reload_successful Whether the last configuration reload attempt was successful (1) or not (0).
 * # TYPE openrouter_config_last_reload_successful gauge
 * openrouter_config_last_reload_successful 1.0
 * # HELP openrouter_config_last_reload_success_timestamp_seconds Unix time of the last successful configuration (re)load.
 * # TYPE openrouter_config_last_reload_success_timestamp_seconds gauge
 * openrouter_config_last_reload_success_timestamp_seconds 1.795647724E9
 * </pre>
 */
final class ConfigReloadMetrics {

  private static final String SUCCESSFUL = "openrouter.config.last.reload.successful";
  private static final String SUCCESS_TIMESTAMP =
      "openrouter.config.last.reload.success.timestamp.seconds";

  private final TimeSource time;
  private final AtomicLong successful = new AtomicLong();
  private final AtomicLong successMillis = new AtomicLong();

  ConfigReloadMetrics(MeterRegistry registry, TimeSource time) {
    this.time = time;
    Gauge.builder(SUCCESSFUL, successful, AtomicLong::get)
        .description("Whether the last configuration reload attempt was successful (1) or not (0).")
        .register(registry);
    Gauge.builder(SUCCESS_TIMESTAMP, successMillis, millis -> millis.get() / 1000.0)
        .description("Unix time of the last successful configuration (re)load.")
        .register(registry);
  }

  void succeeded() {
    successful.set(1);
    successMillis.set(time.now().wall().toEpochMilli());
  }

  void failed() {
    successful.set(0);
  }
}
