package dev.routewatch.exporter.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.routewatch.exporter.Captures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The account families on /metrics, read by the packaged jar from the fake upstream that answers
 * the account paths in the real shapes, and answers /credits and /activity only for the management
 * key (a 403 with OpenRouter's own message for any other key), as OpenRouter does.
 */
class AccountIT {

  private static final String API_KEY = "sk-or-v1-account-it-api-key";
  private static final String MANAGEMENT_KEY = "sk-or-v1-account-it-management-key";
  private static final String OTHER_KEY = "sk-or-v1-account-it-not-a-management-key";
  private static final String MODEL = "moonshotai/kimi-k3";
  private static final List<String> ACCOUNT_PATHS =
      List.of("/api/v1/key", "/api/v1/credits", "/api/v1/activity");

  @RegisterExtension
  static final ExporterExtension exporter =
      ExporterExtension.builder()
          .config(
              (dir, baseUrl) -> {
                Files.writeString(dir.resolve("management-key.txt"), MANAGEMENT_KEY + "\n");
                Files.writeString(dir.resolve("other-key.txt"), OTHER_KEY + "\n");
                return withAccount(
                    Scrapes.writeConfig(dir, baseUrl, List.of(MODEL), "1h", "2h"),
                    "management-key.txt");
              })
          .upstream(AccountIT::managementPathsForTheManagementKeyOnly)
          .env("OPENROUTER_API_KEY", API_KEY)
          .awaitReady()
          .build();

  private static Path withAccount(Path config, String keyFile) throws java.io.IOException {
    Files.writeString(
        config,
        Files.readString(config)
            + "account:\n  management_key_file: "
            + keyFile
            + "\n  activity: true\n");
    return config;
  }

  private static void managementPathsForTheManagementKeyOnly(FixtureUpstream upstream) {
    for (String path : List.of("/api/v1/credits", "/api/v1/activity")) {
      String capture = FixtureUpstream.ACCOUNT.get(path);
      upstream.answerAccount(
          path,
          request -> {
            if (!("Bearer " + MANAGEMENT_KEY).equals(request.getHeaders().get("Authorization"))) {
              return new MockResponse.Builder()
                  .code(403)
                  .setHeader("Content-Type", "application/json")
                  .body(Captures.read("13-error-403-activity-needs-management-key.json"))
                  .build();
            }
            String day = request.getUrl().queryParameter("date");
            String body = Captures.read(capture);
            return FixtureUpstream.ok(day == null ? body : body.replace("2025-08-24", day));
          });
    }
  }

  @Test
  void everySourceIsReadOnceAnIntervalWithThreeRequestsAndItsFamiliesShow() throws Exception {
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(exporter.metrics())
                    .contains("openrouter_account_up{source=\"activity\"} 1"));
    String metrics = exporter.metrics();
    // For the record: what the account families look like for the real shapes.
    System.out.println("Account families:\n" + Scrapes.accountLines(metrics));

    assertThat(metrics)
        .contains("openrouter_account_up{source=\"key\"} 1")
        .contains("openrouter_account_up{source=\"credits\"} 1")
        .contains("openrouter_key_usage_usd_total 25.5")
        .contains("openrouter_key_period_usage_usd{period=\"month\"} 25.5")
        .contains("openrouter_key_limit_remaining_usd 74.5")
        .contains("openrouter_key_expiration_timestamp_seconds 1.830297599E9")
        .contains("openrouter_credits_purchased_usd_total 799.0")
        .contains("openrouter_credits_used_usd_total 782.460715603")
        .contains(
            "openrouter_activity_spend_usd{model=\"openai/gpt-4.1\",provider=\"OpenAI\"} 0.02")
        .contains("openrouter_account_errors_total{reason=\"not_found\",source=\"credits\"} 0")
        .contains("openrouter_up{model=\"" + MODEL + "\"} 1");
    assertThat(Scrapes.promtoolInstalled() ? Scrapes.promtoolCheck(metrics) : "exit 0")
        .isEqualTo("exit 0");
    List<RecordedRequest> account =
        exporter.upstream().requests().stream()
            .filter(request -> ACCOUNT_PATHS.contains(request.getUrl().encodedPath()))
            .toList();
    // account.interval is 5m: one round so far, one request per source.
    assertThat(account)
        .extracting(request -> request.getUrl().encodedPath())
        .containsExactlyElementsOf(ACCOUNT_PATHS);
    assertThat(exporter.get("/").body())
        .contains("<h2>Account</h2>")
        .contains("<tr><td>/credits</td><td><span class=\"up\">worked</span>");
  }

  @Test
  void aKeyThatIsNoManagementKeyFailsCreditsAndActivityAloneSayingSo() throws Exception {
    ExporterProcess other =
        exporter.startOn(
            withAccount(
                Scrapes.writeConfig(
                    Files.createDirectories(exporter.dir().resolve("other")),
                    exporter.upstream().baseUrl(),
                    List.of(MODEL),
                    "1h",
                    "2h"),
                "../other-key.txt"));

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(Scrapes.metrics(other.port()))
                    .contains("openrouter_account_up{source=\"activity\"} 0"));
    String metrics = Scrapes.metrics(other.port());
    assertThat(metrics)
        .contains("openrouter_account_up{source=\"key\"} 1")
        .contains("openrouter_account_up{source=\"credits\"} 0")
        .contains("openrouter_account_errors_total{reason=\"http_error\",source=\"credits\"} 1")
        .contains("openrouter_account_errors_total{reason=\"http_error\",source=\"activity\"} 1")
        .contains("openrouter_key_usage_usd_total 25.5")
        .contains("openrouter_up{model=\"" + MODEL + "\"} 1")
        .doesNotContain("openrouter_credits_")
        .doesNotContain("openrouter_activity_spend_usd");
    assertThat(other.output().lines().filter(line -> line.contains("only for a management key")))
        .hasSize(2)
        .anySatisfy(line -> assertThat(line).contains("Reading /credits failed (http_error)"))
        .anySatisfy(line -> assertThat(line).contains("Reading /activity failed (http_error)"));
    assertThat(Scrapes.get(other.port(), "/").body())
        .contains("<tr><td>/activity</td><td><span class=\"failed\">failed</span>")
        .contains("http_error: HTTP 403: OpenRouter answers /activity only for a management key");
  }
}
