package dev.routewatch.exporter.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.routewatch.exporter.account.AccountStore;
import dev.routewatch.exporter.config.ModelId;
import dev.routewatch.exporter.config.WebConfig;
import dev.routewatch.exporter.config.WebFlags;
import dev.routewatch.exporter.metrics.BuildInfo;
import dev.routewatch.exporter.metrics.ExporterMetrics;
import dev.routewatch.exporter.openrouter.Answers;
import dev.routewatch.exporter.openrouter.FailureReason;
import dev.routewatch.exporter.openrouter.ModelEndpoints;
import dev.routewatch.exporter.snapshot.Moment;
import dev.routewatch.exporter.snapshot.SnapshotStore;
import dev.routewatch.exporter.snapshot.TimeSource;
import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WebServerTest {

  private static final ModelId GOOD = new ModelId("a/good");
  private static final ModelId BAD = new ModelId("b/bad");

  private final HttpClient http = HttpClient.newHttpClient();
  private final SnapshotStore store = new SnapshotStore(List.of(GOOD, BAD));
  private final BuildInfo build = new BuildInfo("1.2.3", "abc123", "17");
  private final ExporterMetrics metrics =
      new ExporterMetrics(store, Duration.ofMinutes(10), build, TimeSource.SYSTEM);
  private WebServer server;
  private ReloadOutcome reloadOutcome = new ReloadOutcome.Applied();

  @BeforeEach
  void start() throws Exception {
    server =
        new WebServer(
            new InetSocketAddress("127.0.0.1", 0),
            WebFlags.DEFAULTS,
            metrics,
            store,
            new AccountStore(),
            Optional::empty,
            build,
            Optional.of(() -> reloadOutcome),
            WebConfig.NONE,
            TimeSource.SYSTEM,
            Configs.MINIMAL);
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<byte[]> request(String method, String path, String... headers)
      throws Exception {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.address().getPort() + path))
            .method(method, HttpRequest.BodyPublishers.noBody())
            .timeout(Duration.ofSeconds(10));
    if (headers.length > 0) {
      builder.headers(headers);
    }
    return http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static String text(HttpResponse<byte[]> response) {
    return new String(response.body(), StandardCharsets.UTF_8);
  }

  @Test
  void metricsAreServedInTheTextFormatByDefault() throws Exception {
    store.update(GOOD, s -> s.succeeded(answer(), TimeSource.SYSTEM.now(), Duration.ofMillis(5)));
    HttpResponse<byte[]> response = request("GET", "/metrics");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValue("text/plain; version=0.0.4; charset=utf-8");
    assertThat(text(response))
        .contains("# TYPE openrouter_up gauge\nopenrouter_up{model=\"a/good\"} 1.0\n")
        .contains("# TYPE openrouter_exporter_build_info gauge\n");
  }

  @Test
  void metricsAreServedAsOpenMetricsWhenAsked() throws Exception {
    store.update(GOOD, s -> s.succeeded(answer(), TimeSource.SYSTEM.now(), Duration.ofMillis(5)));
    HttpResponse<byte[]> response =
        request("GET", "/metrics", "Accept", "application/openmetrics-text; version=1.0.0");

    assertThat(response.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/openmetrics-text; version=1.0.0");
    assertThat(text(response))
        .contains("# TYPE openrouter_exporter_build info\n")
        .contains("openrouter_up{model=\"a/good\"} 1.0\n")
        .endsWith("# EOF\n");
  }

  @Test
  void metricsAreGzippedWhenTheClientAccepts() throws Exception {
    store.update(GOOD, s -> s.succeeded(answer(), TimeSource.SYSTEM.now(), Duration.ofMillis(5)));
    HttpResponse<byte[]> response = request("GET", "/metrics", "Accept-Encoding", "gzip");

    assertThat(response.headers().firstValue("Content-Encoding")).hasValue("gzip");
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(response.body()))) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
          .contains("openrouter_up{model=\"a/good\"} 1.0\n")
          .contains("openrouter_exporter_build_info{");
    }
  }

  @Test
  void healthyAnswersWhileTheProcessRuns() throws Exception {
    assertThat(request("GET", "/-/healthy").statusCode()).isEqualTo(200);
  }

  @Test
  void readyWaitsUntilEveryModelWasPolledOnce() throws Exception {
    HttpResponse<byte[]> before = request("GET", "/-/ready");
    store.update(GOOD, s -> s.succeeded(answer(), TimeSource.SYSTEM.now(), Duration.ofMillis(5)));
    HttpResponse<byte[]> half = request("GET", "/-/ready");
    store.update(
        BAD,
        s ->
            s.failed(FailureReason.HTTP_ERROR, "HTTP 500", TimeSource.SYSTEM.now(), Duration.ZERO));
    HttpResponse<byte[]> after = request("GET", "/-/ready");

    assertThat(before.statusCode()).isEqualTo(503);
    assertThat(text(half)).isEqualTo("Not ready: 1 of 2 models polled\n");
    assertThat(half.statusCode()).isEqualTo(503);
    assertThat(after.statusCode()).isEqualTo(200);
  }

  @Test
  void theLandingPageShowsVersionLinksAndModelsWithErrorsEscaped() throws Exception {
    store.update(GOOD, s -> s.succeeded(answer(), TimeSource.SYSTEM.now(), Duration.ofMillis(5)));
    store.update(
        BAD,
        s ->
            s.failed(
                FailureReason.BAD_RESPONSE,
                "<script>alert(1)</script>",
                new Moment(Instant.parse("2026-11-25T10:00:00.123Z"), System.nanoTime()),
                Duration.ZERO));

    HttpResponse<byte[]> response = request("GET", "/");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue(Responses.HTML);
    assertThat(text(response))
        .contains("Version 1.2.3 (revision abc123")
        .contains("<a href=\"metrics\">")
        .contains("<td>a/good</td><td><span class=\"up\">up</span></td>")
        .contains(
            "<td>b/bad</td><td><span class=\"failed\">last poll failed</span></td>"
                + "<td>2026-11-25T10:00:00Z</td><td>never</td>")
        .contains("bad_response: &lt;script&gt;alert(1)&lt;/script&gt;")
        .doesNotContain("<script>");
  }

  @Test
  void theLandingPageCountsEndpointsOnlyWhileTheirSeriesAreShown() throws Exception {
    ModelEndpoints two =
        Answers.modelEndpoints(
            "{\"data\": {\"id\": \"a/good\", \"endpoints\": [{\"tag\": \"x\"}, {\"tag\": \"y\"}]}}"
                .getBytes(StandardCharsets.UTF_8));
    Moment longAgo = TimeSource.SYSTEM.now().plus(Duration.ofMinutes(-11));
    store.update(GOOD, s -> s.succeeded(two, TimeSource.SYSTEM.now(), Duration.ZERO));
    store.update(BAD, s -> s.succeeded(two, longAgo, Duration.ZERO));
    store.update(
        BAD,
        s ->
            s.failed(
                FailureReason.TIMEOUT,
                "timed out",
                longAgo.plus(Duration.ofSeconds(60)),
                Duration.ZERO));

    String page = text(request("GET", "/"));

    // stale_after is 10 minutes: b/bad's last success is 11 minutes old, its series are gone.
    assertThat(page)
        .containsPattern("<td>a/good</td><td>.*?</td><td>[^<]*</td><td>[^<]*</td><td>2</td>")
        .containsPattern("<td>b/bad</td><td>.*?</td><td>[^<]*</td><td>[^<]*</td><td></td>");
  }

  @Test
  @Timeout(30)
  void theLandingPageSaysWhenAModelIsUpButNoPollHasFinishedWithinStaleAfter() throws Exception {
    // Every request held back by a rate limit: b/bad's last poll succeeded 11 minutes ago.
    store.update(GOOD, s -> s.succeeded(answer(), TimeSource.SYSTEM.now(), Duration.ZERO));
    store.update(
        BAD,
        s ->
            s.succeeded(
                answer(), TimeSource.SYSTEM.now().plus(Duration.ofMinutes(-11)), Duration.ZERO));

    String page = text(request("GET", "/"));

    assertThat(page)
        .contains("<td>a/good</td><td><span class=\"up\">up</span></td>")
        .containsPattern(
            "<td>b/bad</td><td><span class=\"failed\">up, stale \\(no poll finished since\\)"
                + "</span></td><td>[^<]*</td><td>[^<]*</td><td></td>");
  }

  @ParameterizedTest
  @CsvSource({
    "GET, /nope, 404",
    "GET, /metricsfoo, 404",
    "GET, /-/ready/x, 404",
    "POST, /metrics, 405",
    "PUT, /, 405",
    "DELETE, /-/healthy, 405",
    "HEAD, /metrics, 200",
    "HEAD, /, 200",
    "GET, /-/reload, 405",
    "DELETE, /-/reload, 405",
  })
  void pathsAndMethodsOutsideTheTableAreRefused(String method, String path, int status)
      throws Exception {
    HttpResponse<byte[]> response = request(method, path);

    assertThat(response.statusCode()).isEqualTo(status);
    if (status == 405) {
      assertThat(response.headers().firstValue("Allow"))
          .hasValue(path.equals("/-/reload") ? "POST, PUT" : "GET, HEAD");
    }
    if (method.equals("HEAD")) {
      assertThat(response.body()).isEmpty();
    }
  }

  private static ModelEndpoints answer() {
    return new ModelEndpoints("a/good", "Good", 1L, null, List.of());
  }

  @Test
  void reloadRunsTheReloadAndSaysHowItWent() throws Exception {
    HttpResponse<byte[]> reloaded = request("POST", "/-/reload");
    reloadOutcome =
        new ReloadOutcome.Failed("exporter.yml: poll.interval: not a duration (e.g. 30s, 5m, 1h)");
    HttpResponse<byte[]> failed = request("PUT", "/-/reload");

    assertThat(reloaded.statusCode()).isEqualTo(200);
    assertThat(failed.statusCode()).isEqualTo(500);
    assertThat(text(failed))
        .isEqualTo(
            "Reload failed: exporter.yml: poll.interval: not a duration (e.g. 30s, 5m, 1h)\n");
  }

  @Test
  @Timeout(60)
  void aReloadWhileAnotherRunsIsAnswered503() throws Exception {
    reloadOutcome = new ReloadOutcome.Busy();

    HttpResponse<byte[]> busy = request("POST", "/-/reload");

    assertThat(busy.statusCode()).isEqualTo(503);
    assertThat(text(busy)).isEqualTo("A reload is running; try again later\n");
  }

  @Test
  void withoutTheLifecycleFlagThereIsNoReloadPath() throws Exception {
    server.close();
    server =
        new WebServer(
            new InetSocketAddress("127.0.0.1", 0),
            WebFlags.DEFAULTS,
            metrics,
            store,
            new AccountStore(),
            Optional::empty,
            build,
            Optional.empty(),
            WebConfig.NONE,
            TimeSource.SYSTEM,
            Configs.MINIMAL);
    server.start();

    assertThat(request("POST", "/-/reload").statusCode()).isEqualTo(404);
  }

  @Test
  void headOnMetricsAnswersWithoutABodyEvenWhenGzipIsAccepted() throws Exception {
    HttpResponse<byte[]> response = request("HEAD", "/metrics", "Accept-Encoding", "gzip");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValue("text/plain; version=0.0.4; charset=utf-8");
    assertThat(response.body()).isEmpty();
  }
}
