package dev.routewatch.exporter.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClusterConfigTest {

  private static final Path VALID = Path.of("src/test/resources/config/valid");
  private static final Path INVALID = Path.of("src/test/resources/config/invalid");
  private static final Map<String, String> NO_ENV = Map.of();

  @Test
  void withoutTheSectionThereIsNoCluster() throws Exception {
    assertThat(ConfigLoader.load(VALID.resolve("minimal.yml"), NO_ENV).cluster()).isEmpty();
  }

  @Test
  void everyClusterKeyCanBeSet() throws Exception {
    ExporterConfig.Cluster cluster =
        ConfigLoader.load(VALID.resolve("full.yml"), NO_ENV).cluster().orElseThrow();

    assertThat(cluster.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:5432/exporter");
    assertThat(cluster.username()).isEqualTo("exporter");
    assertThat(cluster.password()).map(Secret::reveal).contains("pg-full-file-secret");
    assertThat(cluster.instanceId()).isEqualTo("exporter-a");
  }

  @Test
  void thePasswordIsOptionalAndTheInstanceIdDefaultsToHostAndPid() throws Exception {
    ExporterConfig.Cluster cluster =
        ConfigLoader.load(VALID.resolve("cluster-minimal.yml"), NO_ENV).cluster().orElseThrow();

    assertThat(cluster.password()).isEqualTo(Optional.empty());
    assertThat(cluster.instanceId()).endsWith("-" + ProcessHandle.current().pid());
  }

  @Test
  void thePasswordNeverShowsInTheConfigurationsToStringOrSummary() throws Exception {
    Path full = VALID.resolve("full.yml");
    ExporterConfig config = ConfigLoader.load(full, NO_ENV);

    assertThat(config.toString()).doesNotContain("pg-full-file-secret").contains("REDACTED");
    assertThat(ConfigSummary.of(full, config, NO_ENV))
        .contains("cluster password:                    set, from cluster.password_file\n")
        .doesNotContain("pg-full-file-secret");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          cluster-jdbc-url-missing.yml         | cluster.jdbc_url: required with a cluster: section
          cluster-jdbc-url-not-postgresql.yml  | cluster.jdbc_url: must start with jdbc:postgresql:// (PostgreSQL only)
          cluster-jdbc-url-with-password.yml   | cluster.jdbc_url: must not hold a password: use cluster.password_file
          cluster-jdbc-url-with-user-info.yml  | cluster.jdbc_url: must not hold a password: use cluster.password_file
          cluster-username-missing.yml         | cluster.username: required with a cluster: section
          cluster-password-file-missing.yml    | cluster.password_file: no such file
          cluster-password-file-empty.yml      | cluster.password_file: empty file
          cluster-instance-id-with-space.yml   | cluster.instance_id: must be 1 to 100 letters, digits and . _ : - (unique among the replicas)
          cluster-unknown-key.yml              | cluster.password: unknown key; did you mean cluster.password_file?
          cluster-not-a-mapping.yml            | cluster: expected a mapping
          """)
  void rejectsAnInvalidClusterSectionNamingTheKey(String name, String problem) {
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
          cluster-jdbc-url-with-password.yml   | pg-in-url-secret
          cluster-jdbc-url-with-user-info.yml  | pg-user-info-secret
          cluster-unknown-key.yml              | pg-pasted-secret
          cluster-password-file-missing.yml    | no-such-db-password.txt
          """)
  void neverQuotesAPassword(String name, String secret) {
    assertThatExceptionOfType(ConfigException.class)
        .isThrownBy(() -> ConfigLoader.load(INVALID.resolve(name), NO_ENV))
        .withMessageNotContaining(secret)
        .withNoCause();
  }
}
