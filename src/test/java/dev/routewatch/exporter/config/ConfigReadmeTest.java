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
        .contains(
            "openrouter.base_url",
            "openrouter.api_key_file",
            "poll.stale_after",
            "models",
            "exclude_models",
            "web.listen_address",
            "cluster.password_file")
        .doesNotContain("openrouter", "openrouter.api_key", "listen_address", "discovery.patterns");
    assertThat(keys).allSatisfy(key -> assertThat(readme).contains("`" + key + "`"));
  }

  @Test
  void everyWebConfigurationKeyIsDocumentedInTheReadme() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    List<String> keys = ConfigKeys.of(WebConfig.class);

    assertThat(keys)
        .contains(
            "tls_server_config.client_auth_type",
            "http_server_config.headers",
            "basic_auth_users",
            "rate_limit")
        .doesNotContain("tls_server_config", "file");
    assertThat(keys).allSatisfy(key -> assertThat(readme).contains("`" + key + "`"));
  }

  @Test
  void theReadmeShowsTheUsageTextAsItIs() throws Exception {
    assertThat(Files.readString(Path.of("README.md")))
        .contains("```text\n" + CommandLine.usage() + "```\n");
  }
}
