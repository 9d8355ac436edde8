package dev.routewatch.exporter.ops;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBuilder;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Rendered manifests read as the typed Kubernetes and Prometheus-operator objects they claim to be,
 * the way the API server reads them: a field the type does not have is an error. fabric8's models
 * keep unknown fields in an {@code additionalProperties} map (a JsonAnySetter), so the mapper takes
 * that setter away and fails on unknown properties instead.
 */
final class KubernetesObjects {

  /** Every kind the chart may render, by apiVersion and kind. */
  private static final Map<String, Class<? extends HasMetadata>> TYPES =
      Map.of(
          "v1/ServiceAccount", ServiceAccount.class,
          "v1/ConfigMap", ConfigMap.class,
          "v1/Service", Service.class,
          "apps/v1/Deployment", Deployment.class,
          "monitoring.coreos.com/v1/ServiceMonitor", ServiceMonitor.class,
          "monitoring.coreos.com/v1/PrometheusRule", PrometheusRule.class);

  private static final ObjectMapper STRICT =
      JsonMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .addModule(
              new SimpleModule()
                  .setDeserializerModifier(
                      new BeanDeserializerModifier() {
                        @Override
                        public BeanDeserializerBuilder updateBuilder(
                            DeserializationConfig config,
                            BeanDescription description,
                            BeanDeserializerBuilder builder) {
                          builder.setAnySetter(null);
                          builder.setIgnoreUnknownProperties(false);
                          return builder;
                        }
                      }))
          .build();

  private static final YAMLMapper YAML = new YAMLMapper();

  private KubernetesObjects() {}

  /** The documents of {@code manifests} (Helm's output), each as its type; throws on any misfit. */
  static List<HasMetadata> parse(String manifests) throws IOException {
    List<HasMetadata> objects = new ArrayList<>();
    for (JsonNode document : documents(manifests)) {
      String type = document.path("apiVersion").asText() + "/" + document.path("kind").asText();
      Class<? extends HasMetadata> kind = TYPES.get(type);
      if (kind == null) {
        throw new IllegalArgumentException(
            "an object of a type the chart should not render: " + type);
      }
      objects.add(STRICT.treeToValue(document, kind));
    }
    return objects;
  }

  /** The documents of {@code manifests} as written, without the empty ones Helm leaves. */
  static List<JsonNode> documents(String manifests) throws IOException {
    List<JsonNode> documents = new ArrayList<>();
    for (JsonNode document :
        YAML.readerFor(JsonNode.class).<JsonNode>readValues(manifests).readAll()) {
      if (document != null && document.isObject()) {
        documents.add(document);
      }
    }
    return documents;
  }
}
