package dev.routewatch.exporter.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigSummaryTest {

  private static final Path FULL = Path.of("src/test/resources/config/valid/full.yml");
  private static final Path MINIMAL = Path.of("src/test/resources/config/valid/minimal.yml");

  @Test
  void listsEverySettingInEffect() throws Exception {
    ExporterConfig config = ConfigLoader.load(FULL, Map.of());

    assertThat(ConfigSummary.of(FULL, config, Map.of()))
        .isEqualTo(
            """
            src/test/resources/config/valid/full.yml: valid
              openrouter.base_url:                 http://localhost:8080/api/v1
              openrouter api key:                  set, from openrouter.api_key_file
              openrouter.timeout:                  2s500ms
              openrouter.max_concurrent_requests:  8
              openrouter.max_requests_per_minute:  600
              openrouter.max_response_bytes:       1048576
              openrouter.max_endpoints_per_model:  64
              poll.interval:                       2m
              poll.stale_after:                    1h30m
              web.listen_address:                  127.0.0.1:9100
              web.grafana_url:                     https://grafana.example.com
              metrics.supported_parameters:        true
              metrics.exclude:                     []
              metrics.percentiles:                 [p50, p75, p90, p99]
              account.interval:                    10m
              account management key:              set, from account.management_key_file
              account.activity:                    true
              models:                              2
                - moonshotai/kimi-k3
                - anthropic/claude-sonnet-4.5
              cluster.jdbc_url:                    jdbc:postgresql://db.example:5432/exporter
              cluster.username:                    exporter
              cluster password:                    set, from cluster.password_file
              cluster.instance_id:                 exporter-a
              otlp:                                none (no push)
            """);
  }

  @Test
  void saysWhereTheKeyComesFromButNeverShowsIt() throws Exception {
    Map<String, String> env = Map.of("OPENROUTER_API_KEY", "sk-or-v1-env");
    ExporterConfig config = ConfigLoader.load(FULL, env);

    assertThat(ConfigSummary.of(FULL, config, env))
        .contains("openrouter api key:                  set, from OPENROUTER_API_KEY\n")
        .doesNotContain("sk-or-v1-env")
        .doesNotContain("sk-or-v1-full-file-key");
  }

  @Test
  void saysWhereTheManagementKeyComesFromButNeverShowsIt() throws Exception {
    Map<String, String> env = Map.of("OPENROUTER_MANAGEMENT_KEY", "sk-or-v1-management-env");
    ExporterConfig config = ConfigLoader.load(FULL, env);

    assertThat(config.account().managementKey().orElseThrow().reveal())
        .isEqualTo("sk-or-v1-management-env");
    assertThat(ConfigSummary.of(FULL, config, env))
        .contains("account management key:              set, from OPENROUTER_MANAGEMENT_KEY\n")
        .doesNotContain("sk-or-v1-management-env")
        .doesNotContain("sk-or-v1-full-management-key");
  }

  @Test
  void saysWhenNoManagementKeyIsSet() throws Exception {
    assertThat(ConfigSummary.of(MINIMAL, ConfigLoader.load(MINIMAL, Map.of()), Map.of()))
        .contains("account.interval:                    5m\n")
        .contains(
            "account management key:              not set (credits and activity are not read)\n")
        .contains("account.activity:                    false\n");
  }

  @Test
  void saysWhenNoClusterPasswordIsSet() throws Exception {
    Path file = Path.of("src/test/resources/config/valid/cluster-minimal.yml");

    assertThat(ConfigSummary.of(file, ConfigLoader.load(file, Map.of()), Map.of()))
        .contains("cluster password:                    not set\n");
  }

  @Test
  void summarisesAWebConfigurationWithoutItsHashes() throws Exception {
    Path file = Path.of("src/test/resources/webconfig/valid/auth-only.yml");

    assertThat(ConfigSummary.of(file, ConfigLoader.loadWebConfig(file)))
        .isEqualTo(
            """
            src/test/resources/webconfig/valid/auth-only.yml: valid
              tls_server_config:                   off (plain HTTP)
              basic_auth_users:                    1 (prometheus)
              http_server_config.headers:          0
            """);
  }

  @Test
  void saysWhenNoKeyIsSet() throws Exception {
    ExporterConfig config = ConfigLoader.load(MINIMAL, Map.of());

    assertThat(ConfigSummary.of(MINIMAL, config, Map.of()))
        .contains("openrouter api key:                  not set (")
        .contains("web.listen_address:                  :9877\n");
  }
}
