package dev.routewatch.exporter.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.routewatch.exporter.Captures;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every upstream fault at once, one model per fault, against the packaged jar with a 128 MiB heap:
 * each costs its own model, is counted under its documented reason, keeps the last good series
 * until stale_after, and the next good answer restores everything, while a healthy model keeps
 * updating and /metrics keeps answering.
 */
class FaultMatrixIT {

  private static final String API_KEY = "sk-or-v1-fault-matrix-secret";
  private static final String CAPTURE = "06-moonshotai-kimi-k3-endpoints-with-latency-reduced.json";
  private static final String HEALTHY = "control/healthy";

  /** A fault, the reason it must be counted under, and the code label its requests get. */
  private record Fault(Supplier<MockResponse> response, String reason, String code) {}

  private static MockResponse status(int code) {
    return new MockResponse.Builder()
        .code(code)
        .body("{\"error\":{\"code\":" + code + "}}")
        .build();
  }

  private static Map<String, Fault> faults() {
    String capture = Captures.read(CAPTURE);
    Map<String, Fault> faults = new LinkedHashMap<>();
    faults.put("fault/http-500", new Fault(() -> status(500), "http_error", "500"));
    faults.put("fault/http-502", new Fault(() -> status(502), "http_error", "502"));
    faults.put("fault/http-503", new Fault(() -> status(503), "http_error", "503"));
    faults.put(
        "fault/429-seconds",
        new Fault(
            () -> new MockResponse.Builder().code(429).setHeader("Retry-After", "1").build(),
            "rate_limited",
            "429"));
    faults.put(
        "fault/429-date",
        new Fault(
            () ->
                new MockResponse.Builder()
                    .code(429)
                    .setHeader(
                        "Retry-After",
                        DateTimeFormatter.RFC_1123_DATE_TIME.format(
                            ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(1)))
                    .build(),
            "rate_limited",
            "429"));
    // A careless server echoing the request's credentials back.
    faults.put(
        "fault/http-401",
        new Fault(
            () ->
                new MockResponse.Builder()
                    .code(401)
                    .body("{\"error\":\"bad key: Bearer " + API_KEY + "\"}")
                    .build(),
            "http_error",
            "401"));
    faults.put("fault/http-403", new Fault(() -> status(403), "http_error", "403"));
    faults.put("fault/unknown-model", new Fault(() -> status(404), "not_found", "404"));
    faults.put(
        "fault/read-timeout",
        new Fault(
            () ->
                FixtureUpstream.ok(capture).newBuilder().headersDelay(3, TimeUnit.SECONDS).build(),
            "timeout",
            "none"));
    faults.put(
        "fault/slow-drip",
        new Fault(
            () ->
                FixtureUpstream.ok(capture)
                    .newBuilder()
                    .throttleBody(64, 100, TimeUnit.MILLISECONDS)
                    .build(),
            "timeout",
            "200"));
    faults.put(
        "fault/reset-mid-body",
        new Fault(
            () ->
                FixtureUpstream.ok(capture)
                    .newBuilder()
                    .onResponseBody(new SocketEffect.CloseSocket())
                    .build(),
            "io_error",
            "200"));
    faults.put(
        "fault/truncated-json",
        new Fault(
            () -> FixtureUpstream.ok(capture.substring(0, capture.length() / 2)),
            "bad_response",
            "200"));
    faults.put(
        "fault/html-200",
        new Fault(
            () -> FixtureUpstream.ok("<html><body>Just a moment...</body></html>"),
            "bad_response",
            "200"));
    faults.put(
        "fault/endpoints-string",
        new Fault(
            () -> FixtureUpstream.ok("{\"data\":{\"id\":\"x\",\"endpoints\":\"none\"}}"),
            "bad_response",
            "200"));
    faults.put(
        "fault/data-null",
        new Fault(() -> FixtureUpstream.ok("{\"data\":null}"), "bad_response", "200"));
    faults.put("fault/empty-body", new Fault(() -> FixtureUpstream.ok(""), "bad_response", "200"));
    faults.put(
        "fault/body-over-cap",
        new Fault(
            () ->
                new MockResponse.Builder()
                    .code(200)
                    .setHeader("Content-Type", "application/json")
                    .body(new Buffer().write(new byte[24 * 1024 * 1024]))
                    .build(),
            "bad_response",
            "200"));
    return faults;
  }

  @TempDir Path dir;

  @Test
  void everyFaultCostsOnlyItsModelIsCountedGoesStaleAndRecovers() throws Exception {
    Map<String, Fault> faults = faults();
    try (FixtureUpstream upstream = new FixtureUpstream()) {
      List<String> models = new ArrayList<>(faults.keySet());
      models.add(HEALTHY);
      models.forEach(model -> upstream.serve(model, CAPTURE));
      // Slots for the slow faults (each holds one for its whole timeout) beside the others, and
      // a budget for 19 models a second; 8 answers of 4 MiB at once fit a 128 MiB heap.
      Path config = dir.resolve("faults.yml");
      Files.writeString(
          config,
          String.format(
              """
              openrouter:
                base_url: %s
                timeout: 1s
                max_concurrent_requests: 8
                max_requests_per_minute: 6000
                max_response_bytes: 4194304
              poll:
                interval: 1s
                stale_after: 8s
              models: [%s]
              web:
                listen_address: 127.0.0.1:0
              """,
              upstream.baseUrl(), String.join(", ", models)));
      try (ExporterProcess exporter =
          ExporterProcess.start(
              List.of("-Xmx128m"),
              Map.of("OPENROUTER_API_KEY", API_KEY),
              "--config.file=" + config)) {
        int port = exporter.port();
        Scrapes.awaitReady(port, Duration.ofSeconds(30));
        await().atMost(Duration.ofSeconds(10)).until(() -> allUp(Scrapes.metrics(port), models));

        faults.forEach((model, fault) -> upstream.answer(model, fault.response()));

        // Each fault is counted under its reason while its last good series stay.
        await()
            .atMost(Duration.ofSeconds(30))
            .untilAsserted(
                () -> {
                  String metrics = Scrapes.metrics(port);
                  assertThat(faults.entrySet())
                      .as("faults not yet counted under their reason")
                      .filteredOn(f -> errors(metrics, f.getKey(), f.getValue().reason()) < 1)
                      .extracting(
                          f ->
                              f.getKey()
                                  + " polled "
                                  + polls(upstream, f.getKey())
                                  + ": "
                                  + Scrapes.families(metrics, "openrouter_poll_errors"::equals))
                      .isEmpty();
                });
        long healthySuccessBefore = lastSuccess(Scrapes.metrics(port), HEALTHY);
        String failing = Scrapes.metrics(port);
        for (Map.Entry<String, Fault> fault : faults.entrySet()) {
          String model = fault.getKey();
          assertThat(failing)
              .as(model)
              .contains("openrouter_up{model=\"" + model + "\"} 0")
              .contains("openrouter_model_endpoints{model=\"" + model + "\"} 4")
              .contains("openrouter_api_requests_total{code=\"" + fault.getValue().code() + "\"}");
        }

        // The healthy model keeps updating, and /metrics keeps answering fast.
        await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> lastSuccess(Scrapes.metrics(port), HEALTHY) > healthySuccessBefore);
        long scrapeStarted = System.nanoTime();
        Scrapes.metrics(port);
        assertThat(Duration.ofNanos(System.nanoTime() - scrapeStarted))
            .isLessThan(Duration.ofSeconds(1));

        // After stale_after the failing models lose their series but keep up and the counters.
        await()
            .atMost(Duration.ofSeconds(20))
            .until(
                () -> {
                  String metrics = Scrapes.metrics(port);
                  return faults.keySet().stream()
                      .noneMatch(
                          model -> metrics.contains("openrouter_model_endpoints{model=\"" + model));
                });
        String stale = Scrapes.metrics(port);
        assertThat(stale).contains("openrouter_model_endpoints{model=\"" + HEALTHY + "\"} 4");
        faults
            .keySet()
            .forEach(
                model ->
                    assertThat(stale)
                        .contains("openrouter_up{model=\"" + model + "\"} 0")
                        .contains(
                            "openrouter_last_successful_poll_timestamp_seconds{model=\""
                                + model
                                + "\"}"));

        // The next good answer restores everything (backoff waits at most four intervals).
        faults.keySet().forEach(upstream::restore);
        long restored = System.nanoTime();
        Map<String, Long> recoveredAfterMillis = new LinkedHashMap<>();
        await()
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(100))
            .until(
                () -> {
                  String metrics = Scrapes.metrics(port);
                  for (String model : faults.keySet()) {
                    if (metrics.contains("openrouter_up{model=\"" + model + "\"} 1")) {
                      recoveredAfterMillis.putIfAbsent(
                          model, (System.nanoTime() - restored) / 1_000_000);
                    }
                  }
                  return recoveredAfterMillis.size() == faults.size();
                });
        // Figures for the fault table of docs/operations.md, not assertions: recovery waits out the
        // backoff.
        faults.forEach(
            (model, fault) ->
                System.out.printf(
                    "fault matrix: %-22s counted as %-13s code %-4s recovered %5d ms after the"
                        + " good answer returned%n",
                    model, fault.reason(), fault.code(), recoveredAfterMillis.get(model)));
        String recovered = Scrapes.metrics(port);
        models.forEach(
            model ->
                assertThat(recovered)
                    .contains("openrouter_model_endpoints{model=\"" + model + "\"} 4"));

        String output = exporter.output();
        assertThat(output).doesNotContain(API_KEY).doesNotContain("OutOfMemoryError");
        assertThat(recovered).doesNotContain(API_KEY);
        assertThat(Scrapes.get(port, "/").body()).doesNotContain(API_KEY);
        // A bad key is logged when the trouble starts, not at every poll.
        assertThat(count(output, "Poll of fault/http-401 failed (http_error)")).isEqualTo(1);
        assertThat(exporter.process().isAlive()).isTrue();
      }
    }
  }

  /**
   * A port that never completes a connection: its accept queue is full and nobody accepts, so the
   * kernel drops further handshakes and the client's connect times out.
   */
  @Test
  void aConnectTimeoutIsCountedAsATimeoutAndMetricsKeepAnswering() throws Exception {
    try (ServerSocket blackHole = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      List<Socket> queued = new ArrayList<>();
      try {
        while (true) {
          Socket socket = new Socket();
          queued.add(socket);
          socket.connect(blackHole.getLocalSocketAddress(), 200);
        }
      } catch (SocketTimeoutException full) {
        // The accept queue is full now.
      }
      Path config =
          Scrapes.writeConfig(
              dir,
              "http://127.0.0.1:" + blackHole.getLocalPort() + "/api/v1",
              List.of(HEALTHY),
              "1s",
              "8s",
              "1s");
      try (ExporterProcess exporter = ExporterProcess.start(Map.of(), "--config.file=" + config)) {
        int port = exporter.port();
        await()
            .atMost(Duration.ofSeconds(15))
            .until(() -> errors(Scrapes.metrics(port), HEALTHY, "timeout") >= 1);
        assertThat(Scrapes.metrics(port))
            .contains("openrouter_up{model=\"" + HEALTHY + "\"} 0")
            .contains("openrouter_api_requests_total{code=\"none\"}");
      } finally {
        for (Socket socket : queued) {
          socket.close();
        }
      }
    }
  }

  private static long polls(FixtureUpstream upstream, String model) {
    return upstream.requests().stream()
        .filter(request -> request.getUrl().encodedPath().contains("/" + model + "/"))
        .count();
  }

  private static boolean allUp(String metrics, List<String> models) {
    return models.stream().allMatch(m -> metrics.contains("openrouter_up{model=\"" + m + "\"} 1"));
  }

  private static double errors(String metrics, String model, String reason) {
    return value(
        metrics, "openrouter_poll_errors_total{model=\"" + model + "\",reason=\"" + reason + "\"}");
  }

  private static long lastSuccess(String metrics, String model) {
    return (long)
        (value(
                metrics,
                "openrouter_last_successful_poll_timestamp_seconds{model=\"" + model + "\"}")
            * 1000);
  }

  private static double value(String metrics, String series) {
    Matcher matcher =
        Pattern.compile("^" + Pattern.quote(series) + " (\\S+)$", Pattern.MULTILINE)
            .matcher(metrics);
    return matcher.find() ? Double.parseDouble(matcher.group(1)) : -1;
  }

  private static int count(String text, String part) {
    int count = 0;
    for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
      count++;
    }
    return count;
  }
}
