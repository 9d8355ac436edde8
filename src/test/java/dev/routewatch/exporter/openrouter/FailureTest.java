package dev.routewatch.exporter.openrouter;

import static dev.routewatch.exporter.openrouter.Fixtures.PATIENT;
import static dev.routewatch.exporter.openrouter.Fixtures.USER_AGENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.routewatch.exporter.Captures;
import dev.routewatch.exporter.config.ExporterConfig;
import dev.routewatch.exporter.config.ModelId;
import dev.routewatch.exporter.config.Secret;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each way a call fails maps to its reason, is counted once, and has a message safe to show. */
class FailureTest {

  private static final String SECRET = "sk-test-secret";
  private static final ModelId MODEL = new ModelId("moonshotai/kimi-k3");
  private static final String KIMI = "06-moonshotai-kimi-k3-endpoints-with-latency-reduced.json";

  /** Short, so that timeout tests are quick; only those tests use it. */
  private static final Duration IMPATIENT = Duration.ofMillis(300);

  @StartStop private final MockWebServer server = new MockWebServer();
  private final Fixtures.RecordingListener listener = new Fixtures.RecordingListener();

  private UpstreamException fail(MockResponse response) {
    return fail(response, PATIENT);
  }

  private UpstreamException fail(MockResponse response, Duration timeout) {
    server.enqueue(response);
    return failAgainst(Fixtures.settings(server, timeout, Optional.of(new Secret(SECRET))));
  }

  private UpstreamException failAgainst(ExporterConfig.Upstream settings) {
    try (OpenRouterClient client = new OpenRouterClient(settings, USER_AGENT, listener)) {
      UpstreamException failure =
          catchThrowableOfType(UpstreamException.class, () -> client.modelEndpoints(MODEL));
      assertThat(failure).as("the call fails").isNotNull();
      assertThat(failure.getMessage()).doesNotContain(SECRET).doesNotContain("Bearer");
      return failure;
    }
  }

  @Test
  void retryAfterInSecondsIsPassedOn() {
    UpstreamException failure =
        fail(new MockResponse.Builder().code(429).setHeader("Retry-After", "7").build());

    assertThat(failure.reason()).isEqualTo(FailureReason.RATE_LIMITED);
    assertThat(failure.retryAfter()).hasValue(Duration.ofSeconds(7));
  }

  @Test
  void retryAfterAsAnHttpDateIsMeasuredFromTheAnswer() {
    String in30Seconds =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(
            ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(30));

    UpstreamException failure =
        fail(new MockResponse.Builder().code(429).setHeader("Retry-After", in30Seconds).build());

    assertThat(failure.retryAfter().orElseThrow())
        .isBetween(Duration.ofSeconds(27), Duration.ofSeconds(31));
  }

  @ParameterizedTest
  @CsvSource({"''", "soon", "-5", "+5", "7s", "1e3", "'Fri, 31 Dec soon'"})
  void anUnreadableRetryAfterIsIgnored(String value) {
    UpstreamException failure =
        fail(new MockResponse.Builder().code(429).setHeader("Retry-After", value).build());

    assertThat(failure.retryAfter()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "0                                      | 0",
        "999999999999                           | 999999999999",
        "9223372036854775807                    | 9223372036854775807",
        "99999999999999999999                   | 9223372036854775807",
        "0000000000000000000000000000000000007  | 7",
        "Thu, 01 Jan 1970 00:00:00 GMT          | 0",
      })
  @Timeout(30)
  void aRetryAfterIsPassedOnAsAskedHoweverLongForTheBudgetToCap(String value, long seconds) {
    UpstreamException failure =
        fail(new MockResponse.Builder().code(429).setHeader("Retry-After", value).build());

    assertThat(failure.retryAfter()).hasValue(Duration.ofSeconds(seconds));
  }

  @Test
  @Timeout(30)
  void aRetryAfterDateInYear9999IsPassedOnAsAskedForTheBudgetToCap() {
    UpstreamException failure =
        fail(
            new MockResponse.Builder()
                .code(429)
                .setHeader("Retry-After", "Fri, 31 Dec 9999 23:59:59 GMT")
                .build());

    assertThat(failure.retryAfter().orElseThrow()).isGreaterThan(Duration.ofDays(365L * 7900));
  }

  @ParameterizedTest
  @CsvSource({
    "500, HTTP_ERROR",
    "502, HTTP_ERROR",
    "503, HTTP_ERROR",
    "401, HTTP_ERROR",
    "404, NOT_FOUND",
    "301, HTTP_ERROR",
    "429, RATE_LIMITED"
  })
  void statusOtherThan2xxFailsWithItsReasonAndIsCountedUnderItsCode(
      int code, FailureReason reason) {
    UpstreamException failure =
        fail(
            new MockResponse.Builder()
                .code(code)
                .addHeader("Location", "https://elsewhere.example/")
                .body("{\"error\":{\"code\":" + code + "}}")
                .build());

    assertThat(failure.reason()).isEqualTo(reason);
    assertThat(failure.getMessage()).isEqualTo("HTTP " + code);
    assertThat(listener.codes()).containsExactly(Integer.toString(code));
  }

  @Test
  void aCatalogAnsweringNotFoundFailsAsNotFound() {
    server.enqueue(new MockResponse.Builder().code(404).build());
    try (OpenRouterClient client =
        new OpenRouterClient(
            Fixtures.settings(server, PATIENT, Optional.empty()), USER_AGENT, listener)) {
      UpstreamException failure = catchThrowableOfType(UpstreamException.class, client::catalog);

      assertThat(failure.reason()).isEqualTo(FailureReason.NOT_FOUND);
    }
  }

  @Test
  void errorBodyEchoingTheKeyStaysOutOfTheMessage() {
    UpstreamException failure =
        fail(
            new MockResponse.Builder()
                .code(401)
                .body("{\"error\":{\"message\":\"No auth: Bearer " + SECRET + "\"}}")
                .build());

    assertThat(failure.getMessage()).isEqualTo("HTTP 401");
    assertThat(failure.getCause()).isNull();
  }

  @Test
  void okAnswerEchoingTheKeyWhereAnObjectBelongsStaysOutOfTheMessage() {
    UpstreamException failure = fail(Fixtures.json("{\"data\":\"Bearer " + SECRET + "\"}"));

    assertThat(failure.reason()).isEqualTo(FailureReason.BAD_RESPONSE);
    assertThat(failure.getMessage()).isEqualTo("unexpected JSON at $.data");
    assertThat(failure.getCause()).isNull();
  }

  @Test
  void refusedConnectionIsAnIoErrorCountedWithoutCode() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }

    UpstreamException failure =
        failAgainst(Fixtures.settings("http://127.0.0.1:" + closedPort, PATIENT, Optional.empty()));

    assertThat(failure.reason()).isEqualTo(FailureReason.IO_ERROR);
    assertThat(failure.getMessage())
        .isEqualTo(
            "cannot connect to 127.0.0.1:"
                + closedPort
                + " (connection refused or no network; behind a proxy, set -Dhttps.proxyHost)");
    assertThat(listener.codes()).containsExactly("none");
  }

  @Test
  void aHostThatDoesNotResolveIsAnIoErrorNamingTheHostAndTheLikelyCause() {
    // .invalid never resolves (RFC 2606 section 2).
    UpstreamException failure =
        failAgainst(
            Fixtures.settings("http://openrouter.invalid/api/v1", PATIENT, Optional.empty()));

    assertThat(failure.reason()).isEqualTo(FailureReason.IO_ERROR);
    assertThat(failure.getMessage())
        .isEqualTo(
            "cannot resolve openrouter.invalid (DNS failure or no network; behind a proxy, set"
                + " -Dhttps.proxyHost)");
  }

  @Test
  void headersLaterThanTheTimeoutAreATimeoutCountedWithoutCode() {
    UpstreamException failure =
        fail(
            new MockResponse.Builder()
                .headersDelay(2, TimeUnit.SECONDS)
                .body("{\"data\":{\"endpoints\":[]}}")
                .build(),
            IMPATIENT);

    assertThat(failure.reason()).isEqualTo(FailureReason.TIMEOUT);
    assertThat(failure.getMessage()).isEqualTo("timed out waiting for " + server.getHostName());
    assertThat(listener.codes()).containsExactly("none");
  }

  @Test
  void bodySlowerThanTheTimeoutIsATimeoutCountedUnderItsCode() {
    UpstreamException failure =
        fail(
            Fixtures.capture(KIMI).newBuilder().throttleBody(64, 1, TimeUnit.SECONDS).build(),
            IMPATIENT);

    assertThat(failure.reason()).isEqualTo(FailureReason.TIMEOUT);
    assertThat(listener.codes()).containsExactly("200");
  }

  @Test
  void connectionClosedBeforeTheAnswerIsAnIoError() {
    UpstreamException failure =
        fail(
            Fixtures.capture(KIMI)
                .newBuilder()
                .onResponseStart(new SocketEffect.CloseSocket())
                .build());

    assertThat(failure.reason()).isEqualTo(FailureReason.IO_ERROR);
    assertThat(listener.codes()).containsExactly("none");
  }

  @Test
  void connectionClosedInTheMiddleOfTheBodyIsAnIoError() {
    UpstreamException failure =
        fail(
            Fixtures.capture(KIMI)
                .newBuilder()
                .onResponseBody(new SocketEffect.CloseSocket())
                .build());

    assertThat(failure.reason()).isEqualTo(FailureReason.IO_ERROR);
    assertThat(failure.getMessage()).isEqualTo("no complete answer (ProtocolException)");
    assertThat(listener.codes()).containsExactly("200");
  }

  @Test
  void completeBodyWithTruncatedJsonIsABadResponse() {
    byte[] capture = Captures.bytes(KIMI);
    byte[] half = Arrays.copyOf(capture, capture.length / 2);

    UpstreamException failure = fail(Fixtures.json(new Buffer().write(half)));

    assertThat(failure.reason()).isEqualTo(FailureReason.BAD_RESPONSE);
    assertThat(failure.getMessage()).startsWith("malformed JSON");
    assertThat(listener.codes()).containsExactly("200");
  }

  @Test
  void htmlPageWithStatus200IsABadResponse() {
    UpstreamException failure =
        fail(
            new MockResponse.Builder()
                .addHeader("Content-Type", "text/html")
                .body("<html><body>Just a moment... Bearer " + SECRET + "</body></html>")
                .build());

    assertThat(failure.reason()).isEqualTo(FailureReason.BAD_RESPONSE);
    assertThat(failure.getMessage()).isEqualTo("malformed JSON");
  }

  @Test
  void emptyBodyIsABadResponse() {
    UpstreamException failure = fail(Fixtures.json(""));

    assertThat(failure.reason()).isEqualTo(FailureReason.BAD_RESPONSE);
    assertThat(failure.getMessage()).isEqualTo("empty body");
  }

  @Test
  void nullDataIsABadResponse() {
    UpstreamException failure = fail(Fixtures.json("{\"data\":null}"));

    assertThat(failure.reason()).isEqualTo(FailureReason.BAD_RESPONSE);
    assertThat(failure.getMessage()).isEqualTo("unexpected JSON at $.data");
  }

  @Test
  void endpointsAsAStringIsABadResponse() {
    UpstreamException failure =
        fail(Fixtures.json("{\"data\":{\"id\":\"moonshotai/kimi-k3\",\"endpoints\":\"none\"}}"));

    assertThat(failure.reason()).isEqualTo(FailureReason.BAD_RESPONSE);
    assertThat(failure.getMessage()).isEqualTo("unexpected JSON at $.data.endpoints");
  }

  @Test
  void bodyDeclaredLargerThanTheCapIsABadResponseWithoutReadingIt() {
    UpstreamException failure = fail(Fixtures.json(oversizedBody()));

    assertThat(failure.reason()).isEqualTo(FailureReason.BAD_RESPONSE);
    assertThat(failure.getMessage()).isEqualTo("body larger than 8388608 bytes");
  }

  @Test
  void chunkedBodyGrowingPastTheCapIsABadResponse() {
    UpstreamException failure =
        fail(new MockResponse.Builder().chunkedBody(oversizedBody(), 64 * 1024).build());

    assertThat(failure.reason()).isEqualTo(FailureReason.BAD_RESPONSE);
    assertThat(failure.getMessage()).isEqualTo("body larger than 8388608 bytes");
  }

  @Test
  void moreEndpointsThanTheCapIsABadResponseFoundWithoutReadingThemAll() {
    // 8 MiB of empty endpoints would be millions of records; reading stops at the 257th.
    String endpoints = "{},".repeat(2_000_000);
    UpstreamException failure =
        fail(Fixtures.json("{\"data\":{\"endpoints\":[" + endpoints + "{}]}}"));

    assertThat(failure.reason()).isEqualTo(FailureReason.BAD_RESPONSE);
    assertThat(failure.getMessage()).isEqualTo("more than 256 endpoints");
  }

  @Test
  void endpointsUpToTheCapAreReadAndNullElementsDoNotCount() throws Exception {
    server.enqueue(
        Fixtures.json(
            "{\"data\":{\"id\":\"a/b\",\"endpoints\":[null,"
                + "{\"tag\":\"t\"},".repeat(255)
                + "{},null]}}"));

    try (OpenRouterClient client = Fixtures.patientClient(server, listener)) {
      assertThat(client.modelEndpoints(new ModelId("a/b")).endpoints()).hasSize(256);
    }
  }

  /** Valid JSON up to the cap, so only its size is wrong. */
  private static Buffer oversizedBody() {
    Buffer body = new Buffer().writeUtf8("{\"data\":{\"endpoints\":[]},\"padding\":\"");
    byte[] padding = new byte[(int) Fixtures.MAX_BODY_BYTES];
    Arrays.fill(padding, (byte) 'x');
    return body.write(padding).writeUtf8("\"}");
  }

  @Test
  void requestThatOkHttpRepeatsByItselfIsCountedTwice() throws Exception {
    // OkHttp retries a 503 with "Retry-After: 0" without asking.
    server.enqueue(new MockResponse.Builder().code(503).addHeader("Retry-After", "0").build());
    server.enqueue(Fixtures.capture(KIMI));

    try (OpenRouterClient client = Fixtures.patientClient(server, listener)) {
      assertThat(client.modelEndpoints(MODEL).endpoints()).hasSize(4);
    }

    assertThat(server.getRequestCount()).isEqualTo(2);
    assertThat(listener.codes()).containsExactlyInAnyOrder("503", "200");
  }
}
