package dev.routewatch.exporter.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two replicas of a cluster with account reads: the shared schedule reads each source once per
 * interval for the whole cluster, and both replicas serve the same account series.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterAccountIT {

  private static final List<String> ACCOUNT_PATHS =
      List.of("/api/v1/key", "/api/v1/credits", "/api/v1/activity");

  private Path dir;
  private PostgresProcess postgres;
  private FixtureUpstream upstream;
  private final List<ClusterReplica> replicas = new ArrayList<>();

  @BeforeAll
  void startDatabaseAndUpstream() throws Exception {
    assumeTrue(PostgresProcess.installed(), "PostgreSQL is not installed");
    dir = Files.createTempDirectory("cluster-account-it");
    postgres = PostgresProcess.start();
    upstream = new FixtureUpstream();
    Files.writeString(dir.resolve("api-key.txt"), "sk-or-v1-cluster-account-api-key\n");
    Files.writeString(dir.resolve("management-key.txt"), "sk-or-v1-cluster-account-management\n");
  }

  @AfterAll
  void stopEverything() {
    replicas.forEach(ClusterReplica::close);
    if (upstream != null) {
      upstream.close();
    }
    if (postgres != null) {
      postgres.close();
    }
  }

  private ClusterReplica start(String instanceId) throws Exception {
    String yaml =
        Files.readString(
                    Scrapes.writeConfig(
                        Files.createDirectories(dir.resolve("template-" + instanceId)),
                        upstream.baseUrl(),
                        List.of("moonshotai/kimi-k3"),
                        "1h",
                        "2h"))
                .replace("openrouter:\n", "openrouter:\n  api_key_file: ../api-key.txt\n")
            + "account:\n  management_key_file: ../management-key.txt\n  activity: true\n";
    return ClusterReplica.start(dir, instanceId, postgres, yaml);
  }

  @Test
  void oneReplicaReadsTheAccountForTheClusterAndBothServeTheSameSeries() throws Exception {
    replicas.add(start("replica-1"));
    Scrapes.awaitReady(replicas.get(0).port(), Duration.ofSeconds(30));
    replicas.add(start("replica-2"));
    Scrapes.awaitReady(replicas.get(1).port(), Duration.ofSeconds(30));

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              String first = Scrapes.accountLines(replicas.get(0).metrics());
              assertThat(first)
                  .contains("openrouter_account_up{source=\"activity\"} 1")
                  .contains("openrouter_credits_purchased_usd_total 799.0")
                  .contains("openrouter_key_limit_remaining_usd 74.5");
              assertThat(Scrapes.accountLines(replicas.get(1).metrics())).isEqualTo(first);
            });
    // account.interval is 5m: the cluster read each source once, whichever replica fired.
    assertThat(upstream.requests())
        .extracting(request -> request.getUrl().encodedPath())
        .filteredOn(ACCOUNT_PATHS::contains)
        .containsExactlyElementsOf(ACCOUNT_PATHS);
  }
}
