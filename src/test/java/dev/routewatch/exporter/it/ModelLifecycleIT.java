package dev.routewatch.exporter.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The catalog is read for the model lifecycles without any discovery pattern; a failing read keeps
 * them until stale_after past the read that failed.
 */
class ModelLifecycleIT {

  private static final String ALIAS = "~typesafe/jev-latest";
  private static final String EXPIRATION =
      "openrouter_model_expiration_timestamp_seconds{model=\""
          + FixtureUpstream.EXPIRING
          + "\"} "
          + (double) FixtureUpstream.EXPIRES_AT;
  private static final String ALIAS_TARGET =
      "openrouter_model_alias_target_info{model=\"" + ALIAS + "\",target=\"typesafe/jev-1.13\"} 1";

  @RegisterExtension
  final ExporterExtension exporter =
      ExporterExtension.builder()
          .models(FixtureUpstream.EXPIRING, ALIAS)
          .pollEvery("1s", "5s")
          .appendConfig("discovery:\n  interval: 1s\n")
          .awaitReady()
          .build();

  @Test
  void theCatalogsExpiryAndAliasTargetShowAndAreKeptThroughFailedReadsUntilStaleAfter()
      throws Exception {
    FixtureUpstream upstream = exporter.upstream();
    int port = exporter.port();
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(Scrapes.metrics(port)).contains(EXPIRATION, ALIAS_TARGET));

    upstream.catalog(() -> new MockResponse.Builder().code(503).build());
    long reads = catalogReads(upstream);
    await().atMost(Duration.ofSeconds(10)).until(() -> catalogReads(upstream) > reads + 1);
    assertThat(Scrapes.metrics(port))
        .as("kept through a failed read")
        .contains(EXPIRATION, ALIAS_TARGET);

    await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(
            () ->
                assertThat(Scrapes.metrics(port))
                    .doesNotContain("openrouter_model_expiration_timestamp_seconds{")
                    .doesNotContain("openrouter_model_alias_target_info{")
                    .contains("openrouter_up{model=\"" + ALIAS + "\"} 1"));
  }

  private static long catalogReads(FixtureUpstream upstream) {
    return upstream.requests().stream()
        .filter(request -> request.getUrl().encodedPath().equals("/api/v1/models"))
        .count();
  }
}
