package dev.routewatch.exporter.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A replica that loses the cluster database keeps serving what it has, says it is not ready once
 * that is older than stale_after (when, with no poll finishing, its answers go stale too), and is
 * back when the database is.
 */
class ClusterOutageIT {

  private static final List<String> MODELS = List.of("moonshotai/kimi-k3", "upstage/solar-decide");
  private static final Duration STALE_AFTER = Duration.ofSeconds(4);

  @TempDir Path dir;

  @Test
  void withoutTheDatabaseAReplicaServesItsLastSnapshotGoesNotReadyAndRejoinsAfter()
      throws Exception {
    assumeTrue(PostgresProcess.installed(), "PostgreSQL is not installed");
    try (PostgresProcess postgres = PostgresProcess.start();
        FixtureUpstream upstream = new FixtureUpstream();
        ClusterReplica replica =
            ClusterReplica.start(
                dir,
                "outage-1",
                postgres,
                upstream.baseUrl(),
                MODELS,
                "1s",
                STALE_AFTER.toSeconds() + "s")) {
      Scrapes.awaitReady(replica.port(), Duration.ofSeconds(30));
      await().atMost(Duration.ofSeconds(20)).until(() -> replica.members() == 1);
      String before = perEndpoint(replica.metrics());
      assertThat(before).contains("openrouter_endpoint_uptime_last_30m_ratio{");

      postgres.stopServer();
      long stopped = System.nanoTime();
      assertThat(perEndpoint(replica.metrics()))
          .as("the last snapshot is still served")
          .isEqualTo(before);
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(100))
          .until(() -> Scrapes.get(replica.port(), "/-/ready").statusCode() == 503);
      long notReadyMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopped);

      System.out.printf(
          "Database stopped: not ready after %d ms (stale_after %d s)%n",
          notReadyMillis, STALE_AFTER.toSeconds());
      assertThat(notReadyMillis)
          .as("ready while the snapshot is younger than stale_after")
          .isGreaterThanOrEqualTo(STALE_AFTER.minusSeconds(1).toMillis());
      assertThat(Scrapes.get(replica.port(), "/-/ready").body())
          .startsWith("Not ready: no answer from the cluster database for ");
      // The schedule lives in the database: no poll finishes, and past stale_after the answers
      // are stale, while openrouter_up keeps what the last poll that finished said.
      await()
          .atMost(Duration.ofSeconds(10))
          .pollInterval(Duration.ofMillis(100))
          .until(() -> perEndpoint(replica.metrics()).isBlank());
      String during = replica.metrics();
      assertThat(during)
          .contains("openrouter_up{model=\"moonshotai/kimi-k3\"} 1")
          .doesNotContain("openrouter_cluster_members ");
      assertThat(Pattern.compile("Lost the cluster database").matcher(replica.output()).results())
          .as("one warning per outage")
          .hasSize(1);

      long arrivalsBeforeRestart = upstream.arrivals().size();
      postgres.startServer();
      long restarted = System.nanoTime();
      Scrapes.awaitReady(replica.port(), Duration.ofSeconds(30));
      long readyMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - restarted);
      await().atMost(Duration.ofSeconds(30)).until(() -> replica.members() == 1);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  MODELS.stream()
                      .allMatch(
                          model ->
                              upstream.arrivals().stream()
                                  .skip(arrivalsBeforeRestart)
                                  .anyMatch(arrival -> arrival.path().contains(model))));
      System.out.printf("Database back: ready again after %d ms%n", readyMillis);
      assertThat(replica.output())
          .contains("The cluster database answers again")
          .doesNotContain(PostgresProcess.PASSWORD);
    }
  }

  private static String perEndpoint(String exposition) {
    return Scrapes.families(exposition, name -> name.startsWith("openrouter_endpoint_"));
  }
}
