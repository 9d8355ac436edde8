package dev.routewatch.exporter.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OtlpConfigTest {

  private static final Path VALID = Path.of("src/test/resources/config/valid");
  private static final Path INVALID = Path.of("src/test/resources/config/invalid");
  private static final Map<String, String> NO_ENV = Map.of();

  @Test
  void withoutAnEndpointNothingIsPushed() throws Exception {
    Otlp otlp = ConfigLoader.load(VALID.resolve("minimal.yml"), NO_ENV).otlp();

    assertThat(otlp.enabled()).isFalse();
    assertThat(otlp.protocol()).isEqualTo(Otlp.Protocol.HTTP_PROTOBUF);
    assertThat(otlp.interval()).isEqualTo(Duration.ofSeconds(60));
    assertThat(otlp.headers()).isEmpty();
    assertThat(otlp.resourceAttributes()).isEmpty();
  }

  @Test
  void everyOtlpKeyCanBeSet() throws Exception {
    Otlp otlp = ConfigLoader.load(VALID.resolve("otlp.yml"), NO_ENV).otlp();

    assertThat(otlp.endpoint()).contains(URI.create("https://otlp.example:4318/v1/metrics"));
    assertThat(otlp.interval()).isEqualTo(Duration.ofSeconds(15));
    assertThat(otlp.headers()).containsOnlyKeys("Authorization", "X-Scope-OrgID");
    assertThat(otlp.headers().get("Authorization").reveal())
        .isEqualTo("Basic b3RscC1maWxlLXNlY3JldA==");
    assertThat(otlp.headers().get("X-Scope-OrgID").reveal()).isEqualTo("tenant-7");
    assertThat(otlp.resourceAttributes())
        .containsExactly(
            Map.entry("deployment.environment", "prod"), Map.entry("service.namespace", "llm"));
  }

  @Test
  void grpcTakesSchemeHostAndPort() throws Exception {
    Otlp otlp = ConfigLoader.load(VALID.resolve("otlp-grpc.yml"), NO_ENV).otlp();

    assertThat(otlp.protocol()).isEqualTo(Otlp.Protocol.GRPC);
    assertThat(otlp.endpoint()).contains(URI.create("http://collector:4317"));
  }

  @Test
  void theHeaderValuesNeverShowInTheConfigurationsToStringOrSummary() throws Exception {
    Path file = VALID.resolve("otlp.yml");
    ExporterConfig config = ConfigLoader.load(file, NO_ENV);

    assertThat(config.toString()).doesNotContain("b3RscC1maWxlLXNlY3JldA").contains("REDACTED");
    assertThat(ConfigSummary.of(file, config, NO_ENV))
        .contains(
            """
              otlp.endpoint:                       https://otlp.example:4318/v1/metrics
              otlp.protocol:                       http/protobuf
              otlp.interval:                       15s
              otlp headers:                        Authorization, X-Scope-OrgID, from otlp.headers_file
              otlp.resource_attributes:            {deployment.environment=prod, service.namespace=llm}
            """)
        .doesNotContain("b3RscC1maWxlLXNlY3JldA")
        .doesNotContain("tenant-7");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          otlp-endpoint-ftp.yml               | otlp.endpoint: not an http or https URL
          otlp-endpoint-not-a-url.yml         | otlp.endpoint: not an http or https URL
          otlp-endpoint-with-user-info.yml    | otlp.endpoint: must have no user info, query or fragment
          otlp-endpoint-with-query.yml        | otlp.endpoint: must have no user info, query or fragment
          otlp-grpc-endpoint-with-path.yml    | otlp.endpoint: with protocol grpc, only scheme, host and port (e.g. http://collector:4317)
          otlp-protocol-unknown.yml           | otlp.protocol: must be http/protobuf or grpc
          otlp-interval-too-short.yml         | otlp.interval: must be at least 1s
          otlp-headers-file-missing.yml       | otlp.headers_file: no such file
          otlp-headers-file-bad-line.yml      | otlp.headers_file: line 2: not a header line Name: value
          otlp-headers-file-repeated.yml      | otlp.headers_file: line 2: header named twice
          otlp-resource-attribute-list.yml    | otlp.resource_attributes: expected a mapping
          otlp-unknown-key.yml                | otlp.timeout: unknown key; did you mean openrouter.timeout?
          """)
  void rejectsAnInvalidSectionNamingTheKey(String name, String problem) {
    Path file = INVALID.resolve(name);

    assertThatExceptionOfType(ConfigException.class)
        .isThrownBy(() -> ConfigLoader.load(file, NO_ENV))
        .withMessage(file + ": " + problem);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          otlp-endpoint-with-user-info.yml  | otlp-url-secret
          otlp-endpoint-with-query.yml      | otlp-query-secret
          otlp-headers-file-bad-line.yml    | otlp-line-secret
          otlp-headers-file-repeated.yml    | Bearer two
          """)
  void neverQuotesAConfiguredValue(String name, String value) {
    assertThatExceptionOfType(ConfigException.class)
        .isThrownBy(() -> ConfigLoader.load(INVALID.resolve(name), NO_ENV))
        .withMessageNotContaining(value)
        .withNoCause();
  }
}
