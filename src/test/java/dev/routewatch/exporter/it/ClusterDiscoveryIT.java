package dev.routewatch.exporter.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Model patterns in a cluster: discovery runs on one replica per interval, and every replica polls
 * and shows the matches of the catalog it read, grows with it, and counts its failures alike.
 */
class ClusterDiscoveryIT {

  private static final String CAPTURE = "01-typesafe-jev-1.13-endpoints-latency-null.json";
  private static final Duration DISCOVERY_INTERVAL = Duration.ofSeconds(2);

  @TempDir Path dir;

  private static String endpoints(String model) {
    return "openrouter_model_endpoints{model=\"" + model + "\"}";
  }

  @Test
  void oneReplicaReadsTheCatalogPerIntervalAndEveryReplicaPollsItsMatches() throws Exception {
    assumeTrue(PostgresProcess.installed(), "PostgreSQL is not installed");
    List<ClusterReplica> replicas = new ArrayList<>();
    try (PostgresProcess postgres = PostgresProcess.start();
        FixtureUpstream upstream = new FixtureUpstream()) {
      upstream.catalog(
          () ->
              FixtureUpstream.catalogOf(
                  "typesafe/jev-1.13", "upstage/solar-decide", "jaredpalmer/kev-4b"));
      upstream.serve("typesafe/jev-2.0", CAPTURE);
      for (String id : List.of("discoverer-1", "discoverer-2")) {
        replicas.add(startReplica(id, postgres, upstream));
      }
      for (ClusterReplica replica : replicas) {
        Scrapes.awaitReady(replica.port(), Duration.ofSeconds(30));
      }
      for (ClusterReplica replica : replicas) {
        await()
            .atMost(Duration.ofSeconds(10))
            .untilAsserted(
                () ->
                    assertThat(replica.metrics())
                        .contains(endpoints("moonshotai/kimi-k3"))
                        .contains(endpoints("typesafe/jev-1.13"))
                        .contains(endpoints("upstage/solar-decide"))
                        .doesNotContain("model=\"jaredpalmer/kev-4b\"")
                        .contains("openrouter_discovery_models{state=\"selected\"} 3"));
      }

      long from = System.nanoTime();
      Thread.sleep(DISCOVERY_INTERVAL.multipliedBy(5).toMillis());
      long to = System.nanoTime();
      long reads =
          upstream.arrivals().stream()
              .filter(a -> a.nanos() >= from && a.nanos() < to)
              .filter(a -> a.path().equals("/api/v1/models"))
              .count();
      double intervals = (double) (to - from) / DISCOVERY_INTERVAL.toNanos();
      System.out.printf(
          "Two replicas: %d catalog reads in %.1f discovery intervals%n", reads, intervals);
      assertThat((double) reads).isBetween(intervals - 1.5, intervals + 1.5);

      upstream.catalog(
          () ->
              FixtureUpstream.catalogOf(
                  "typesafe/jev-1.13", "typesafe/jev-2.0", "upstage/solar-decide"));
      for (ClusterReplica replica : replicas) {
        await()
            .atMost(Duration.ofSeconds(15))
            .until(() -> replica.metrics().contains(endpoints("typesafe/jev-2.0")));
      }
      assertThat(
              upstream.arrivals().stream()
                  .filter(a -> a.path().contains("typesafe/jev-2.0"))
                  .count())
          .as("a new match is polled once, by one replica")
          .isEqualTo(1);

      upstream.catalog(() -> new MockResponse.Builder().code(503).build());
      for (ClusterReplica replica : replicas) {
        await()
            .atMost(Duration.ofSeconds(15))
            .until(
                () ->
                    replica
                        .metrics()
                        .matches(
                            "(?s).*openrouter_discovery_errors_total\\{reason=\"http_error\"}"
                                + " [1-9].*"));
        assertThat(replica.metrics()).contains(endpoints("typesafe/jev-2.0"));
      }
    } finally {
      replicas.forEach(ClusterReplica::close);
    }
  }

  private ClusterReplica startReplica(String id, PostgresProcess postgres, FixtureUpstream upstream)
      throws Exception {
    return ClusterReplica.start(
        dir,
        id,
        postgres,
        String.format(
            """
            openrouter:
              base_url: %s
            poll:
              interval: 1h
            models:
              - moonshotai/kimi-k3
              - match: "typesafe/*"
              - match: "upstage/*"
            discovery:
              interval: %ds
            web:
              listen_address: 127.0.0.1:0
            """,
            upstream.baseUrl(), DISCOVERY_INTERVAL.toSeconds()));
  }
}
