package dev.routewatch.exporter.metrics;

import dev.routewatch.exporter.openrouter.FailureReason;
import dev.routewatch.exporter.snapshot.ModelState;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricFamilyDescriptor;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.List;

/**
 * Renders how the polls of one model went. These series never go stale: they describe the poller,
 * not OpenRouter's data. Example output (text format, a model whose latest poll timed out):
 *
 * <pre>
 * # HELP openrouter_model_data_timestamp_seconds When OpenRouter produced the answer of the model's last successful poll: its Date header minus its Age header (Date alone without Age, the poll's time without Date).
 * # TYPE openrouter_model_data_timestamp_seconds gauge
 * openrouter_model_data_timestamp_seconds{model="moonshotai/kimi-k3"} 1.784215638E9
 * # HELP openrouter_last_successful_poll_timestamp_seconds Unix time of the model's last successful poll.
 * # TYPE openrouter_last_successful_poll_timestamp_seconds gauge
 * openrouter_last_successful_poll_timestamp_seconds{model="moonshotai/kimi-k3"} 1.7842158E9
 * # HELP openrouter_poll_duration_seconds How long the model's latest poll took.
 * # TYPE openrouter_poll_duration_seconds gauge
 * openrouter_poll_duration_seconds{model="moonshotai/kimi-k3"} 10.0
 * # HELP openrouter_poll_errors_total Failed polls of the model, by reason.
 * # TYPE openrouter_poll_errors_total counter
 * openrouter_poll_errors_total{model="moonshotai/kimi-k3",reason="bad_response"} 0.0
 * openrouter_poll_errors_total{model="moonshotai/kimi-k3",reason="http_error"} 0.0
 * openrouter_poll_errors_total{model="moonshotai/kimi-k3",reason="io_error"} 0.0
 * openrouter_poll_errors_total{model="moonshotai/kimi-k3",reason="not_found"} 0.0
 * openrouter_poll_errors_total{model="moonshotai/kimi-k3",reason="rate_limited"} 0.0
 * openrouter_poll_errors_total{model="moonshotai/kimi-k3",reason="timeout"} 1.0
 * # HELP openrouter_up 1 if the model's latest poll succeeded, else 0.
 * # TYPE openrouter_up gauge
 * openrouter_up{model="moonshotai/kimi-k3"} 0.0
 * </pre>
 */
final class PollFamilies {

  private static final MetricFamilyDescriptor UP =
      MetricFamilyDescriptor.gauge("openrouter_up")
          .help("1 if the model's latest poll succeeded, else 0.")
          .labelNames("model")
          .build();
  private static final MetricFamilyDescriptor POLL_DURATION =
      MetricFamilyDescriptor.gauge("openrouter_poll_duration_seconds")
          .help("How long the model's latest poll took.")
          .unit(Unit.SECONDS)
          .labelNames("model")
          .build();
  private static final MetricFamilyDescriptor LAST_SUCCESS =
      MetricFamilyDescriptor.gauge("openrouter_last_successful_poll_timestamp_seconds")
          .help("Unix time of the model's last successful poll.")
          .unit(Unit.SECONDS)
          .labelNames("model")
          .build();
  private static final MetricFamilyDescriptor DATA_TIME =
      MetricFamilyDescriptor.gauge("openrouter_model_data_timestamp_seconds")
          .help(
              "When OpenRouter produced the answer of the model's last successful poll: its Date"
                  + " header minus its Age header (Date alone without Age, the poll's time without"
                  + " Date).")
          .unit(Unit.SECONDS)
          .labelNames("model")
          .build();
  private static final MetricFamilyDescriptor POLL_ERRORS =
      MetricFamilyDescriptor.counter("openrouter_poll_errors_total")
          .help("Failed polls of the model, by reason.")
          .labelNames("model", "reason")
          .build();

  static final List<MetricFamilyDescriptor> FAMILIES =
      List.of(UP, POLL_DURATION, LAST_SUCCESS, DATA_TIME, POLL_ERRORS);

  private PollFamilies() {}

  static void render(ModelState state, FamilyPoints points) {
    Labels labels = Labels.of("model", state.model().value());
    if (state.polledOnce()) {
      points.gauge(UP, labels, state.up() ? 1 : 0);
      points.gauge(POLL_DURATION, labels, state.lastPollDuration().toNanos() / 1e9);
      if (state.lastSuccess() != null) {
        points.gauge(LAST_SUCCESS, labels, state.lastSuccess().wall().toEpochMilli() / 1e3);
      }
      if (state.dataTime() != null) {
        points.gauge(DATA_TIME, labels, state.dataTime().toEpochMilli() / 1e3);
      }
    }
    // Every reason from the start, at 0 until it happens, so rate() sees the first error.
    for (FailureReason reason : FailureReason.values()) {
      points.counter(
          POLL_ERRORS,
          labels.add("reason", reason.label()),
          state.errorCounts().getOrDefault(reason, 0L));
    }
  }
}
