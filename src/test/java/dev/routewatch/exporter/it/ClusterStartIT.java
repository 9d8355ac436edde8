package dev.routewatch.exporter.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three replicas starting at the same moment on an empty database: one creates the tables while the
 * others wait for it, and the first round polls each model once, not three times. They log at debug
 * level, where the pool and the driver say most about their connections: the password is in none of
 * it.
 */
class ClusterStartIT {

  private static final List<String> MODELS =
      List.of("moonshotai/kimi-k3", "upstage/solar-decide", "typesafe/jev-1.13");

  @TempDir Path dir;

  @Test
  void replicasStartingTogetherOnAnEmptyDatabaseCreateItOnceAndPollEachModelOnce()
      throws Exception {
    assumeTrue(PostgresProcess.installed(), "PostgreSQL is not installed");
    ExecutorService starting = Executors.newFixedThreadPool(3);
    List<ClusterReplica> replicas = new ArrayList<>();
    try (PostgresProcess postgres = PostgresProcess.start();
        FixtureUpstream upstream = new FixtureUpstream()) {
      List<Future<ClusterReplica>> started = new ArrayList<>();
      for (int i = 1; i <= 3; i++) {
        String id = "starter-" + i;
        started.add(
            starting.submit(
                () ->
                    ClusterReplica.start(
                        dir,
                        id,
                        postgres,
                        upstream.baseUrl(),
                        MODELS,
                        "1h",
                        "2h",
                        "--log.level=debug")));
      }
      for (Future<ClusterReplica> replica : started) {
        replicas.add(replica.get());
      }
      for (ClusterReplica replica : replicas) {
        Scrapes.awaitReady(replica.port(), Duration.ofSeconds(30));
      }
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> replicas.stream().allMatch(r -> members(r) == 3));

      // With a one-hour interval, every request so far belongs to the first round.
      for (String model : MODELS) {
        assertThat(upstream.arrivals().stream().filter(a -> a.path().contains(model)).count())
            .as(model)
            .isEqualTo(1);
      }
      try (Connection connection = postgres.connect();
          Statement statement = connection.createStatement();
          ResultSet rows =
              statement.executeQuery(
                  "SELECT (SELECT count(*) FROM qrtz_job_details),"
                      + " (SELECT count(*) FROM exporter_model_state)")) {
        rows.next();
        // A job per model, and one for the catalog read that is scheduled even without patterns.
        assertThat(rows.getInt(1)).isEqualTo(MODELS.size() + 1);
        assertThat(rows.getInt(2)).isEqualTo(MODELS.size());
      }
      for (ClusterReplica replica : replicas) {
        assertThat(replica.output())
            .contains("cluster-db")
            .doesNotContain("level=error")
            .doesNotContain(PostgresProcess.PASSWORD);
      }
    } finally {
      replicas.forEach(ClusterReplica::close);
      starting.shutdownNow();
    }
  }

  @Test
  void aDatabaseThatCannotBeReachedStopsStartUpNamingTheKeyButNotThePassword() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    Files.writeString(dir.resolve("db-password"), PostgresProcess.PASSWORD + "\n");
    Path config = dir.resolve("exporter.yml");
    Files.writeString(
        config,
        "models: [moonshotai/kimi-k3]\n"
            + "web:\n  listen_address: 127.0.0.1:0\n"
            + "cluster:\n  jdbc_url: jdbc:postgresql://127.0.0.1:"
            + closedPort
            + "/exporter\n  username: exporter\n  password_file: db-password\n");

    ExporterProcess.Result result = ExporterProcess.run(Map.of(), "--config.file=" + config);

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.output())
        .contains("Could not start: " + config + ": cluster.jdbc_url: the database: ")
        .doesNotContain(PostgresProcess.PASSWORD);
  }

  private static int members(ClusterReplica replica) {
    try {
      return replica.members();
    } catch (Exception e) {
      return -1;
    }
  }
}
