package dev.routewatch.exporter.metrics;

import dev.routewatch.exporter.openrouter.Endpoint;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricFamilyDescriptor;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders what requests an endpoint accepts: its supported parameters, tool-choice modes and native
 * tools. Opt-in ({@code metrics.supported_parameters: true}): about 10 to 20 series per endpoint.
 * Example output (text format, abridged):
 *
 * <pre>
 * # HELP openrouter_endpoint_supported_parameter_info Request parameters the endpoint supports, value 1: OpenRouter's supported_parameters. Cached from the model's last successful poll.
 * # TYPE openrouter_endpoint_supported_parameter_info gauge
 * openrouter_endpoint_supported_parameter_info{endpoint="deepseek",model="routewatch/synthetic-api-surface",parameter="tools",provider="DeepSeek"} 1
 * # HELP openrouter_endpoint_tool_choice_info Tool-choice modes the endpoint supports, value 1: the modes of OpenRouter's supports_tool_choice that are true. Cached from the model's last successful poll.
 * # TYPE openrouter_endpoint_tool_choice_info gauge
 * openrouter_endpoint_tool_choice_info{endpoint="deepseek",mode="auto",model="routewatch/synthetic-api-surface",provider="DeepSeek"} 1
 * # HELP openrouter_endpoint_native_tool_info Tools the provider runs itself for the endpoint, value 1: the keys of OpenRouter's native_tools.
 * # TYPE openrouter_endpoint_native_tool_info gauge
 * openrouter_endpoint_native_tool_info{endpoint="google-vertex",model="routewatch/synthetic-api-surface",provider="Google",tool="web_search"} 1
 * </pre>
 */
final class CapabilityFamilies {

  private static final MetricFamilyDescriptor SUPPORTED_PARAMETER =
      PerEndpoint.info(
          "openrouter_endpoint_supported_parameter_info",
          "Request parameters the endpoint supports, value 1: OpenRouter's supported_parameters.",
          "parameter");
  private static final MetricFamilyDescriptor TOOL_CHOICE =
      PerEndpoint.info(
          "openrouter_endpoint_tool_choice_info",
          "Tool-choice modes the endpoint supports, value 1: the modes of OpenRouter's"
              + " supports_tool_choice that are true.",
          "mode");

  private static final MetricFamilyDescriptor NATIVE_TOOL =
      PerEndpoint.info(
          "openrouter_endpoint_native_tool_info",
          "Tools the provider runs itself for the endpoint, value 1: the keys of OpenRouter's"
              + " native_tools.",
          "tool");

  static final List<MetricFamilyDescriptor> FAMILIES =
      List.of(SUPPORTED_PARAMETER, TOOL_CHOICE, NATIVE_TOOL);

  private CapabilityFamilies() {}

  /**
   * @param values cleans the parameter and mode names, which come from upstream
   */
  static void render(Endpoint endpoint, Labels labels, FamilyPoints points, LabelValues values) {
    renderEach(
        SUPPORTED_PARAMETER, "parameter", endpoint.supportedParameters(), labels, points, values);
    Map<String, Boolean> modes = endpoint.supportsToolChoice();
    if (modes != null) {
      Set<String> supported = new LinkedHashSet<>();
      modes.forEach(
          (mode, isSupported) -> {
            if (Boolean.TRUE.equals(isSupported)) {
              supported.add(values.clean(mode));
            }
          });
      for (String mode : supported) {
        points.info(TOOL_CHOICE, labels.add("mode", mode));
      }
    }
    renderEach(NATIVE_TOOL, "tool", endpoint.nativeTools(), labels, points, values);
  }

  /** One series per name; none when {@code names} is null. */
  private static void renderEach(
      MetricFamilyDescriptor family,
      String label,
      List<String> names,
      Labels labels,
      FamilyPoints points,
      LabelValues values) {
    if (names == null) {
      return;
    }
    // A name listed twice (or cleaned alike) is one series: two with one label set would void the
    // family.
    Set<String> cleaned = new LinkedHashSet<>();
    names.forEach(name -> cleaned.add(values.clean(name)));
    for (String name : cleaned) {
      points.info(family, labels.add(label, name));
    }
  }
}
