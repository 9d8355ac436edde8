package dev.routewatch.exporter.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's configuration reference cannot drift: every key the loader reads is in it. */
class ConfigReadmeTest {

  @Test
  void everyConfigurationKeyIsDocumentedInTheReadme() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    List<String> keys = ConfigKeys.of(ExporterConfig.class);

    assertThat(keys)
        .containsExactly(
            "openrouter.base_url",
            "openrouter.api_key_file",
            "openrouter.timeout",
            "openrouter.max_concurrent_requests",
            "openrouter.max_requests_per_minute",
            "openrouter.max_response_bytes",
            "openrouter.max_endpoints_per_model",
            "poll.interval",
            "poll.stale_after",
            "models",
            "exclude_models",
            "discovery.interval",
            "discovery.max_models",
            "web.listen_address",
            "metrics.supported_parameters",
            "cluster.jdbc_url",
            "cluster.username",
            "cluster.password_file",
            "cluster.instance_id");
    assertThat(keys).allSatisfy(key -> assertThat(readme).contains("`" + key + "`"));
  }

  @Test
  void everyWebConfigurationKeyIsDocumentedInTheReadme() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    List<String> keys = ConfigKeys.of(WebConfig.class);

    assertThat(keys)
        .containsExactly(
            "tls_server_config.cert",
            "tls_server_config.key",
            "tls_server_config.client_ca",
            "tls_server_config.cert_file",
            "tls_server_config.key_file",
            "tls_server_config.client_auth_type",
            "tls_server_config.client_ca_file",
            "tls_server_config.client_allowed_sans",
            "tls_server_config.min_version",
            "tls_server_config.max_version",
            "tls_server_config.cipher_suites",
            "tls_server_config.prefer_server_cipher_suites",
            "tls_server_config.curve_preferences",
            "http_server_config.http2",
            "http_server_config.headers",
            "basic_auth_users",
            "rate_limit");
    assertThat(keys).allSatisfy(key -> assertThat(readme).contains("`" + key + "`"));
  }

  @Test
  void theReadmeShowsTheUsageTextAsItIs() throws Exception {
    assertThat(Files.readString(Path.of("README.md")))
        .contains("```text\n" + CommandLine.usage() + "```\n");
  }
}
