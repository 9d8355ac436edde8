package dev.routewatch.exporter.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code otlp:} section: pushing every family /metrics shows to an OpenTelemetry collector
 * (docs/otlp.md). Without an endpoint there is no push.
 *
 * @param endpoint where to push: for {@code http/protobuf} the whole URL, path included; for {@code
 *     grpc} scheme, host and port only
 * @param headers from {@code headers_file}, by header name, in the file's order
 * @param resourceAttributes the file's; the {@code OTEL_*} environment variables are added where
 *     the push starts
 */
public record Otlp(
    Optional<URI> endpoint,
    Protocol protocol,
    Duration interval,
    Map<String, Secret> headers,
    Map<String, String> resourceAttributes) {

  /** How the metrics travel: OTLP's two transports. */
  public enum Protocol {
    HTTP_PROTOBUF("http/protobuf"),
    GRPC("grpc");

    private final String name;

    Protocol(String name) {
      this.name = name;
    }

    static Protocol named(String name) {
      for (Protocol protocol : values()) {
        if (protocol.name.equals(name)) {
          return protocol;
        }
      }
      throw new InvalidValueException("protocol", "must be http/protobuf or grpc");
    }

    @Override
    public String toString() {
      return name;
    }
  }

  public Otlp {
    if (interval.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new InvalidValueException("interval", "must be at least 1s");
    }
    headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    for (Map.Entry<String, String> attribute : resourceAttributes.entrySet()) {
      if (attribute.getKey().isBlank() || attribute.getValue() == null) {
        throw new InvalidValueException(
            "resource_attributes", "each attribute needs a name and a string value");
      }
    }
    resourceAttributes = Collections.unmodifiableMap(new LinkedHashMap<>(resourceAttributes));
  }

  @JsonCreator
  static Otlp section(
      @JsonProperty(value = "endpoint", defaultValue = "\"\"") String endpoint,
      @JsonProperty(value = "protocol", defaultValue = "http/protobuf") String protocol,
      @JsonProperty(value = "interval", defaultValue = "60s") Duration interval,
      @JsonProperty(value = "headers_file", defaultValue = "\"\"")
          @JsonDeserialize(using = HeadersFile.class)
          Map<String, Secret> headers,
      @JsonProperty(value = "resource_attributes", defaultValue = "{}")
          Map<String, String> resourceAttributes) {
    Protocol transport = Protocol.named(protocol);
    return new Otlp(
        endpoint.isEmpty() ? Optional.empty() : Optional.of(endpoint(endpoint, transport)),
        transport,
        interval,
        headers,
        resourceAttributes);
  }

  /** Whether metrics are pushed at all. */
  public boolean enabled() {
    return endpoint.isPresent();
  }

  /**
   * An http(s) URL ({@link HttpUrls#parse}). gRPC names its method in the path, so a path there
   * would be dropped without a word.
   */
  private static URI endpoint(String text, Protocol protocol) {
    URI uri = HttpUrls.parse("endpoint", text);
    if (protocol == Protocol.GRPC && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/")) {
      throw new InvalidValueException(
          "endpoint",
          "with protocol grpc, only scheme, host and port (e.g. http://collector:4317)");
    }
    return uri;
  }
}
