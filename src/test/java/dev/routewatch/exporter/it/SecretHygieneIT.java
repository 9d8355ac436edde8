package dev.routewatch.exporter.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.routewatch.exporter.Captures;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The API key and the management key, at debug log level, through every way a poll and an account
 * read can go and every way a configuration can be wrong: each is sent only in the Authorization
 * header and only to base_url, the management key only to /credits and /activity, and neither
 * appears in a log line, metric, page, reload answer, {@code --config.check} output or error
 * message, even when the upstream echoes them.
 */
class SecretHygieneIT {

  /** Fresh for each run, so that no fixture or golden file can contain it by chance. */
  private static final String SECRET_PART =
      HexFormat.of().formatHex(new SecureRandom().generateSeed(24));

  private static final String KEY = "sk-or-v1-" + SECRET_PART;

  private static final String MANAGEMENT_SECRET_PART =
      HexFormat.of().formatHex(new SecureRandom().generateSeed(24));

  private static final String MANAGEMENT_KEY = "sk-or-v1-" + MANAGEMENT_SECRET_PART;

  /** The paths OpenRouter answers only for a management key: the one key sent there. */
  private static final List<String> MANAGEMENT_PATHS =
      List.of("/api/v1/credits", "/api/v1/activity");

  private static final List<String> MODELS =
      List.of(
          "moonshotai/kimi-k3",
          "echo/unauthorized",
          "echo/server-error",
          "echo/in-json",
          "slow/headers",
          "slow/body",
          "away/redirect");

  /** Where the upstream's redirect points: nothing may arrive there. */
  private static MockWebServer elsewhere;

  @RegisterExtension
  static final ExporterExtension exporter =
      ExporterExtension.builder()
          .models(MODELS)
          .upstream(SecretHygieneIT::answerCarelessly)
          .env("OPENROUTER_API_KEY", KEY)
          .env("OPENROUTER_MANAGEMENT_KEY", MANAGEMENT_KEY)
          .appendConfig("account:\n  activity: true\n")
          .flags("--log.level=debug", "--web.enable-lifecycle")
          .awaitReady()
          .build();

  private static void answerCarelessly(FixtureUpstream upstream) throws IOException {
    elsewhere = new MockWebServer();
    elsewhere.start();
    // A careless upstream: it puts what it was sent into its error bodies and headers.
    upstream.answerEach(
        "echo/unauthorized",
        request ->
            new MockResponse.Builder()
                .code(401)
                .setHeader("WWW-Authenticate", "Bearer realm=\"" + authorization(request) + "\"")
                .body(
                    "{\"error\":{\"code\":401,\"message\":\"No auth credentials found for "
                        + authorization(request)
                        + "\"}}")
                .build());
    upstream.answerEach(
        "echo/server-error",
        request ->
            new MockResponse.Builder()
                .code(500)
                .body("Internal error while handling:\n" + request.getHeaders())
                .build());
    upstream.answerEach(
        "echo/in-json",
        request ->
            FixtureUpstream.ok(
                "{\"data\":{\"endpoints\":[\""
                    + authorization(request)
                    + "\"]},\"seen\":\""
                    + authorization(request)
                    + "\"}"));
    // The account paths echo what they were sent too: /key in a 200 whose label and usage hold it,
    // /credits in a 401's header and body, /activity in a 500's body.
    upstream.answerAccount(
        "/api/v1/key",
        request ->
            FixtureUpstream.ok(
                "{\"data\":{\"label\":\""
                    + authorization(request)
                    + "\",\"usage\":\""
                    + authorization(request)
                    + "\",\"limit_reset\":\"monthly\"}}"));
    upstream.answerAccount(
        "/api/v1/credits",
        request ->
            new MockResponse.Builder()
                .code(401)
                .setHeader("WWW-Authenticate", "Bearer realm=\"" + authorization(request) + "\"")
                .body("{\"error\":{\"code\":401,\"message\":\"" + authorization(request) + "\"}}")
                .build());
    upstream.answerAccount(
        "/api/v1/activity",
        request ->
            new MockResponse.Builder()
                .code(500)
                .body("Internal error while handling:\n" + request.getHeaders())
                .build());
    upstream.answer(
        "slow/headers",
        () ->
            FixtureUpstream.ok(Captures.read(FixtureUpstream.CAPTURES.get("moonshotai/kimi-k3")))
                .newBuilder()
                .headersDelay(5, TimeUnit.SECONDS)
                .build());
    upstream.answer(
        "slow/body",
        () ->
            FixtureUpstream.ok(Captures.read(FixtureUpstream.CAPTURES.get("moonshotai/kimi-k3")))
                .newBuilder()
                .throttleBody(16, 1, TimeUnit.SECONDS)
                .build());
    upstream.answer(
        "away/redirect",
        () ->
            new MockResponse.Builder()
                .code(302)
                .setHeader("Location", "http://localhost:" + elsewhere.getPort() + "/steal")
                .build());
  }

  private static String authorization(RecordedRequest request) {
    return String.valueOf(request.getHeaders().get("Authorization"));
  }

  @AfterAll
  static void stopElsewhere() {
    if (elsewhere != null) {
      elsewhere.close();
    }
  }

  @Test
  void everyPollFailedTheWayItShouldHaveSoEveryPathWasTaken() throws Exception {
    String metrics = exporter.metrics();

    assertThat(metrics)
        .contains("openrouter_up{model=\"moonshotai/kimi-k3\"} 1.0")
        .contains(
            "openrouter_poll_errors_total{model=\"echo/unauthorized\",reason=\"http_error\"} 1.0")
        .contains(
            "openrouter_poll_errors_total{model=\"echo/server-error\",reason=\"http_error\"} 1.0")
        .contains(
            "openrouter_poll_errors_total{model=\"echo/in-json\",reason=\"bad_response\"} 1.0")
        .contains("openrouter_poll_errors_total{model=\"slow/headers\",reason=\"timeout\"} 1.0")
        .contains("openrouter_poll_errors_total{model=\"slow/body\",reason=\"timeout\"} 1.0")
        .contains(
            "openrouter_poll_errors_total{model=\"away/redirect\",reason=\"http_error\"} 1.0");
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(exporter.metrics())
                    .contains("openrouter_account_up{source=\"key\"} 1.0")
                    .contains(
                        "openrouter_account_errors_total{reason=\"http_error\",source=\"credits\"} 1.0")
                    .contains(
                        "openrouter_account_errors_total{reason=\"http_error\",source=\"activity\"}"
                            + " 1.0"));
    assertThat(exporter.output())
        .contains("level=debug")
        .contains("Reading /credits failed (http_error): HTTP 401")
        .contains("Reading /activity failed (http_error): HTTP 500")
        .contains("Poll of echo/unauthorized failed (http_error): HTTP 401")
        .contains("Poll of echo/in-json failed (bad_response)");
  }

  @Test
  void theKeyIsSentInTheAuthorizationHeaderToBaseUrlOnly() {
    List<RecordedRequest> requests = exporter.upstream().requests();

    assertThat(requests).hasSizeGreaterThanOrEqualTo(MODELS.size());
    assertThat(requests)
        .extracting(request -> request.getUrl().encodedPath())
        .contains("/api/v1/key", "/api/v1/credits", "/api/v1/activity");
    for (RecordedRequest request : requests) {
      boolean management = MANAGEMENT_PATHS.contains(request.getUrl().encodedPath());
      assertThat(request.getHeaders().get("Authorization"))
          .isEqualTo("Bearer " + (management ? MANAGEMENT_KEY : KEY));
      // Each key in that one header only: never the other's, never elsewhere in the request.
      assertThat(request.getHeaders().toString())
          .doesNotContain(management ? SECRET_PART : MANAGEMENT_SECRET_PART);
      assertThat(request.getUrl().toString())
          .doesNotContain(SECRET_PART)
          .doesNotContain(MANAGEMENT_SECRET_PART);
      assertThat(request.getHeaders().names()).doesNotContain("Cookie", "X-Api-Key");
    }
    // The redirect pointed at another host: with redirects off nothing went there.
    assertThat(elsewhere.getRequestCount()).isZero();
  }

  @Test
  void theKeyIsInNoPageMetricOrLogLine() throws Exception {
    int port = exporter.port();
    HttpClient http = HttpClient.newHttpClient();
    List<String> seen = new ArrayList<>();
    for (String path : List.of("/", "/metrics", "/-/ready", "/-/healthy", "/nothing")) {
      seen.add(Scrapes.get(port, path).body());
    }
    seen.add(
        Scrapes.get(port, "/metrics", "Accept", "application/openmetrics-text; version=1.0.0")
            .body());
    // A reload that fails on a file holding the key where keys do not belong.
    Path config = exporter.config();
    Files.writeString(
        config,
        Files.readString(config).replace("openrouter:\n", "openrouter:\n  api_key: " + KEY + "\n"));
    HttpResponse<String> reload =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/-/reload"))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    seen.add(reload.body());

    assertThat(reload.statusCode()).isEqualTo(500);
    assertThat(reload.body()).contains("openrouter.api_key: unknown key");
    // The log line reaches the test through the process's output pipe, after the answer may have.
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(exporter.output()).contains("Reload failed"));
    seen.add(exporter.output());
    assertThat(seen.get(0)).contains("<h2>Account</h2>").contains("/credits");
    assertThat(seen)
        .allSatisfy(
            text ->
                assertThat(text)
                    .doesNotContain(SECRET_PART)
                    .doesNotContain(MANAGEMENT_SECRET_PART));
  }

  @Test
  void aConfigurationErrorNamesTheKeyButNeverShowsIt() throws Exception {
    List<ExporterProcess.Result> results = new ArrayList<>();
    // The key where a duration belongs, under a key that does not exist, in a file of two lines,
    // with a character no header allows, and as a password hash of the web configuration.
    Path asDuration = write("as-duration.yml", "poll:\n  interval: " + KEY + "\nmodels: [a/b]\n");
    Path asUnknownKey =
        write("as-unknown-key.yml", "openrouter:\n  apikey: " + KEY + "\nmodels: [a/b]\n");
    write("two-lines.txt", KEY + "\n" + KEY + "\n");
    Path twoLineKeyFile =
        write("two-line-key.yml", "openrouter:\n  api_key_file: two-lines.txt\nmodels: [a/b]\n");
    Path asHash = write("web.yml", "basic_auth_users:\n  alice: " + KEY + "\n");
    Path valid = write("valid.yml", "models: [a/b]\n");
    Path managementAsUnknownKey =
        write(
            "management-as-unknown-key.yml",
            "account:\n  management_key: " + MANAGEMENT_KEY + "\nmodels: [a/b]\n");
    write("management-two-lines.txt", MANAGEMENT_KEY + "\n" + MANAGEMENT_KEY + "\n");
    Path twoLineManagementKeyFile =
        write(
            "two-line-management-key.yml",
            "account:\n  management_key_file: management-two-lines.txt\nmodels: [a/b]\n");
    results.add(ExporterProcess.run(Map.of(), "--config.file=" + asDuration));
    results.add(ExporterProcess.run(Map.of(), "--config.file=" + asUnknownKey));
    results.add(ExporterProcess.run(Map.of(), "--config.file=" + twoLineKeyFile, "--config.check"));
    results.add(
        ExporterProcess.run(
            Map.of("OPENROUTER_API_KEY", KEY + " trailing words"), "--config.file=" + valid));
    results.add(
        ExporterProcess.run(
            Map.of(),
            "--config.file=" + valid,
            "--web.config.file=" + asHash,
            "--log.level=debug"));
    results.add(ExporterProcess.run(Map.of(), "--config.file=" + managementAsUnknownKey));
    results.add(
        ExporterProcess.run(
            Map.of(), "--config.file=" + twoLineManagementKeyFile, "--config.check"));
    results.add(
        ExporterProcess.run(
            Map.of("OPENROUTER_MANAGEMENT_KEY", MANAGEMENT_KEY + " trailing words"),
            "--config.file=" + valid));
    ExporterProcess.Result check =
        ExporterProcess.run(
            Map.of("OPENROUTER_API_KEY", KEY, "OPENROUTER_MANAGEMENT_KEY", MANAGEMENT_KEY),
            "--config.file=" + valid,
            "--config.check");

    assertThat(results).extracting(ExporterProcess.Result::exitCode).containsOnly(2);
    assertThat(results.get(0).output()).contains("poll.interval: not a duration");
    assertThat(results.get(1).output()).contains("openrouter.apikey: unknown key");
    assertThat(results.get(3).output())
        .contains("OPENROUTER_API_KEY: the key has characters not allowed in an HTTP header");
    assertThat(results.get(4).output()).contains("basic_auth_users.alice: not a bcrypt hash");
    assertThat(results.get(5).output()).contains("account.management_key: unknown key");
    assertThat(results.get(6).output())
        .contains(
            "account.management_key_file: the key has characters not allowed in an HTTP header");
    assertThat(results.get(7).output())
        .contains(
            "OPENROUTER_MANAGEMENT_KEY: the key has characters not allowed in an HTTP header");
    assertThat(check.exitCode()).isZero();
    assertThat(check.output())
        .contains("set, from OPENROUTER_API_KEY")
        .contains("account management key:              set, from OPENROUTER_MANAGEMENT_KEY");
    results.add(check);
    assertThat(results)
        .allSatisfy(
            result ->
                assertThat(result.output())
                    .doesNotContain(SECRET_PART)
                    .doesNotContain(MANAGEMENT_SECRET_PART));
  }

  private static Path write(String name, String content) throws Exception {
    Path file = exporter.dir().resolve(name);
    Files.writeString(file, content);
    return file;
  }
}
