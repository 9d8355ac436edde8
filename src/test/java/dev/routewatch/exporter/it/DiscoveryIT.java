package dev.routewatch.exporter.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.routewatch.exporter.Captures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Model patterns against a catalog that grows, shrinks and fails, starting from the real catalog
 * excerpt: new matches are polled within one discovery interval, models gone from the catalog leave
 * no series, and a failed discovery keeps the models found before.
 */
class DiscoveryIT {

  private static final String REAL_CATALOG = "10-models-list-excerpt-decisions-models.json";
  private static final String CAPTURE = "01-typesafe-jev-1.13-endpoints-latency-null.json";

  @TempDir Path dir;

  @RegisterExtension
  final ExporterExtension exporters = ExporterExtension.builder().startedByTests().build();

  /** What the discovery and model families show, for the notes (not an assertion). */
  private static void report(String when, String metrics) {
    System.out.println("discovery " + when + ":");
    for (String line : metrics.split("\n")) {
      if (line.startsWith("openrouter_discovery_")
          || line.startsWith("openrouter_model_endpoints")) {
        System.out.println("  " + line);
      }
    }
  }

  private static String endpoints(String model) {
    return "openrouter_model_endpoints{model=\"" + model + "\"}";
  }

  @Test
  void newMatchesArePolledGoneModelsLeaveNoSeriesAndAFailedDiscoveryKeepsTheSet() throws Exception {
    FixtureUpstream upstream = exporters.upstream();
    upstream.catalog(() -> FixtureUpstream.ok(Captures.read(REAL_CATALOG)));
    upstream.serve("respan/span-01-lite:free", CAPTURE);
    upstream.serve("typesafe/jev-2.0", CAPTURE);
    Path config = dir.resolve("discovery.yml");
    Files.writeString(
        config,
        String.format(
            """
              openrouter:
                base_url: %s
              poll:
                interval: 1h
              models:
                - jaredpalmer/kev-4b
                - match: "typesafe/*"
                - match: "*:free"
              exclude_models: ["*/jev-router", "jaredpalmer/*"]
              discovery:
                interval: 1s
              web:
                listen_address: 127.0.0.1:0
              """,
            upstream.baseUrl()));
    try (ExporterProcess exporter = exporters.startOn(config)) {
      int port = exporter.port();
      Scrapes.awaitReady(port, Duration.ofSeconds(30));
      String first = Scrapes.metrics(port);
      assertThat(first)
          .contains(endpoints("jaredpalmer/kev-4b"))
          .contains(endpoints("typesafe/jev-1.13"))
          .contains(endpoints("respan/span-01-lite:free"))
          .doesNotContain("model=\"typesafe/jev-router\"")
          .contains("openrouter_discovery_models{state=\"selected\"} 3")
          .contains("openrouter_discovery_models{state=\"excluded\"} 1")
          .contains("openrouter_discovery_models{state=\"capped\"} 0")
          .contains("openrouter_discovery_last_success_timestamp_seconds ");
      assertThat(upstream.requests())
          .anyMatch(
              request ->
                  request.getUrl().encodedPath().equals("/api/v1/models")
                      && "all".equals(request.getUrl().queryParameter("output_modalities")));

      report("at start", Scrapes.metrics(port));
      // The catalog grows: the new match is polled.
      upstream.catalog(
          () ->
              FixtureUpstream.catalogOf(
                  "typesafe/jev-1.13",
                  "typesafe/jev-2.0",
                  "respan/span-01-lite:free",
                  "jaredpalmer/kev-4b"));
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> Scrapes.metrics(port).contains(endpoints("typesafe/jev-2.0")));

      // The catalog shrinks: a model gone from it leaves no series; explicit ids stay.
      upstream.catalog(() -> FixtureUpstream.catalogOf("typesafe/jev-2.0"));
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> !Scrapes.metrics(port).contains("model=\"typesafe/jev-1.13\""));
      String shrunk = Scrapes.metrics(port);
      assertThat(shrunk)
          .doesNotContain("model=\"respan/span-01-lite:free\"")
          .contains(endpoints("jaredpalmer/kev-4b"))
          .contains("openrouter_discovery_models{state=\"selected\"} 2");

      report("after the catalog shrank", Scrapes.metrics(port));
      // The catalog fails: counted, and the models found before stay polled.
      upstream.catalog(() -> new MockResponse.Builder().code(503).build());
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  Scrapes.metrics(port)
                      .contains("openrouter_discovery_errors_total{reason=\"http_error\"} 1"));
      report("after a failed discovery", Scrapes.metrics(port));
      assertThat(Scrapes.metrics(port))
          .contains(endpoints("typesafe/jev-2.0"))
          .contains(endpoints("jaredpalmer/kev-4b"));
      assertThat(
              Scrapes.promtoolInstalled() ? Scrapes.promtoolCheck(Scrapes.metrics(port)) : "exit 0")
          .isEqualTo("exit 0");
    }
  }

  @Test
  void aRateLimitedCatalogReadPausesEveryRequestForItsRetryAfter() throws Exception {
    FixtureUpstream upstream = exporters.upstream();
    upstream.catalog(() -> FixtureUpstream.ok(Captures.read(REAL_CATALOG)));
    upstream.serve("typesafe/jev-1.13", CAPTURE);
    Path config = dir.resolve("rate-limited.yml");
    Files.writeString(
        config,
        String.format(
            """
              openrouter:
                base_url: %s
              poll:
                interval: 1s
              models:
                - match: "typesafe/jev-1.13"
              discovery:
                interval: 2s
              web:
                listen_address: 127.0.0.1:0
              """,
            upstream.baseUrl()));
    try (ExporterProcess exporter = exporters.startOn(config)) {
      int port = exporter.port();
      Scrapes.awaitReady(port, Duration.ofSeconds(30));
      upstream.catalog(
          () -> new MockResponse.Builder().code(429).addHeader("Retry-After", "8").build());
      await()
          .atMost(Duration.ofSeconds(15))
          .until(
              () ->
                  Scrapes.metrics(port)
                      .contains("openrouter_discovery_errors_total{reason=\"rate_limited\"} 1"));
      int seen = upstream.requests().size();
      Thread.sleep(5_000);

      // The limit is per key: the model's polls wait too, not only the catalog.
      assertThat(upstream.requests()).hasSize(seen);
    }
  }
}
