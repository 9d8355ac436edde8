package dev.routewatch.exporter.metrics;

import dev.routewatch.exporter.config.ModelId;
import dev.routewatch.exporter.openrouter.ModelEndpoints;
import dev.routewatch.exporter.openrouter.ModelEndpoints.Architecture;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricFamilyDescriptor;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.List;

/**
 * Renders the model-level families of one model's last good answer, labelled with the polled {@code
 * model} id (not {@code data.id}, which differs for aliases). Example output (text format):
 *
 * <pre>
 * # HELP openrouter_model_info Model metadata, value 1: OpenRouter's data.name and data.architecture tokenizer, instruct_type and modality. Cached from the model's last successful poll.
 * # TYPE openrouter_model_info gauge
 * openrouter_model_info{instruct_type="",modality="text+image+video-&gt;text",model="moonshotai/kimi-k3",name="MoonshotAI: Kimi K3",tokenizer="Other"} 1
 * # HELP openrouter_model_created_timestamp_seconds When OpenRouter added the model, Unix time: OpenRouter's data.created. Cached from the model's last successful poll.
 * # TYPE openrouter_model_created_timestamp_seconds gauge
 * openrouter_model_created_timestamp_seconds{model="moonshotai/kimi-k3"} 1.784215858E9
 * # HELP openrouter_model_endpoints Endpoints serving the model: the length of OpenRouter's data.endpoints. Cached from the model's last successful poll.
 * # TYPE openrouter_model_endpoints gauge
 * openrouter_model_endpoints{model="moonshotai/kimi-k3"} 4.0
 * # HELP openrouter_model_label_values_truncated Label values from the model's answer that were longer than 256 characters and were cut to end in an ellipsis, U+2026 (provider, endpoint, name, quantization, tokenizer, instruct_type, modality, workload, parameter, mode, tool). Cached from the model's last successful poll.
 * # TYPE openrouter_model_label_values_truncated gauge
 * openrouter_model_label_values_truncated{model="moonshotai/kimi-k3"} 0.0
 * </pre>
 */
final class ModelFamilies {

  private static final String CACHED = " Cached from the model's last successful poll.";

  private static final MetricFamilyDescriptor INFO =
      MetricFamilyDescriptor.info("openrouter_model_info")
          .help(
              "Model metadata, value 1: OpenRouter's data.name and data.architecture tokenizer,"
                  + " instruct_type and modality."
                  + CACHED)
          .labelNames("model", "name", "tokenizer", "instruct_type", "modality")
          .build();
  private static final MetricFamilyDescriptor CREATED =
      MetricFamilyDescriptor.gauge("openrouter_model_created_timestamp_seconds")
          .help("When OpenRouter added the model, Unix time: OpenRouter's data.created." + CACHED)
          .unit(Unit.SECONDS)
          .labelNames("model")
          .build();
  private static final MetricFamilyDescriptor ENDPOINTS =
      MetricFamilyDescriptor.gauge("openrouter_model_endpoints")
          .help("Endpoints serving the model: the length of OpenRouter's data.endpoints." + CACHED)
          .labelNames("model")
          .build();

  private static final MetricFamilyDescriptor TRUNCATED =
      MetricFamilyDescriptor.gauge("openrouter_model_label_values_truncated")
          .help(
              "Label values from the model's answer that were longer than "
                  + LabelValues.MAX_LENGTH
                  + " characters and were cut to end in an ellipsis, U+2026 (provider, endpoint, name, quantization, tokenizer, instruct_type,"
                  + " modality, workload, parameter, mode, tool)."
                  + CACHED)
          .labelNames("model")
          .build();

  static final List<MetricFamilyDescriptor> FAMILIES = List.of(INFO, CREATED, ENDPOINTS, TRUNCATED);

  private ModelFamilies() {}

  /**
   * @param values cleans every label value that came from upstream; after the endpoint families
   *     used it, its count of cut values covers the whole answer
   */
  static void render(
      ModelId model, ModelEndpoints answer, FamilyPoints points, LabelValues values) {
    Labels labels = Labels.of("model", model.value());
    Architecture architecture = answer.architecture();
    points.info(
        INFO,
        labels
            .add("name", values.clean(answer.name()))
            .add("tokenizer", architecture == null ? "" : values.clean(architecture.tokenizer()))
            .add(
                "instruct_type",
                architecture == null ? "" : values.clean(architecture.instructType()))
            .add("modality", architecture == null ? "" : values.clean(architecture.modality())));
    points.gauge(CREATED, labels, answer.created());
    points.gauge(ENDPOINTS, labels, answer.endpoints().size());
    points.gauge(TRUNCATED, labels, values.truncated());
  }
}
