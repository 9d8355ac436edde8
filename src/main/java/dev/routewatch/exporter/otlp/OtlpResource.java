package dev.routewatch.exporter.otlp;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.sdk.resources.Resource;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The resource every push describes itself with: the SDK's own attributes ({@code
 * telemetry.sdk.*}), {@code service.name} {@code openrouter-exporter} and {@code service.version},
 * then {@code otlp.resource_attributes}, then {@code OTEL_RESOURCE_ATTRIBUTES}, then {@code
 * OTEL_SERVICE_NAME}: each wins over those before it, as the environment wins over the file
 * elsewhere in this exporter and as OpenTelemetry's SDK environment variables specify
 * (https://opentelemetry.io/docs/specs/otel/configuration/sdk-environment-variables/).
 */
final class OtlpResource {

  private static final Logger logger = LoggerFactory.getLogger(OtlpResource.class);

  static final String SERVICE_NAME = "service.name";

  private OtlpResource() {}

  static Resource of(Map<String, String> configured, Map<String, String> env, String version) {
    AttributesBuilder attributes =
        Attributes.builder()
            .put(SERVICE_NAME, "openrouter-exporter")
            .put("service.version", version);
    configured.forEach(attributes::put);
    String fromEnv = env.get("OTEL_RESOURCE_ATTRIBUTES");
    if (fromEnv != null) {
      environment(fromEnv).forEach(attributes::put);
    }
    String serviceName = env.get("OTEL_SERVICE_NAME");
    if (serviceName != null && !serviceName.isBlank()) {
      attributes.put(SERVICE_NAME, serviceName.strip());
    }
    return Resource.getDefault().merge(Resource.create(attributes.build()));
  }

  /**
   * {@code key1=value1,key2=value2}, values percent-encoded. An entry that is not of that form is
   * left out with a warning, as the SDK leaves it out.
   */
  private static Map<String, String> environment(String text) {
    Map<String, String> attributes = new LinkedHashMap<>();
    String[] entries = text.split(",", -1);
    for (int i = 0; i < entries.length; i++) {
      String entry = entries[i].strip();
      int equals = entry.indexOf('=');
      if (entry.isEmpty()) {
        continue;
      }
      if (equals <= 0) {
        logger.warn("OTEL_RESOURCE_ATTRIBUTES: entry {} is not key=value, left out", i + 1);
        continue;
      }
      try {
        attributes.put(
            entry.substring(0, equals).strip(),
            // Percent-encoding, not a form: a + is a plus sign.
            URLDecoder.decode(
                entry.substring(equals + 1).strip().replace("+", "%2B"), StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        logger.warn("OTEL_RESOURCE_ATTRIBUTES: entry {} has a bad %-escape, left out", i + 1);
      }
    }
    return attributes;
  }
}
