package dev.routewatch.exporter.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.zip.GZIPOutputStream;
import mockwebserver3.MockResponse;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jar with the README's JVM flags under a small heap: answers as large as the cap arriving
 * together and a gzip bomb cost at most their own model's poll, never the process; answers in
 * flight that could not fit the heap are refused at start and on reload, naming both keys.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class MemoryIT {

  /** The README's and the image's flags, with the heap given outright. */
  private static List<String> jvm(String maxHeap) {
    return List.of(
        "-XX:MaxRAMPercentage=75",
        "-Xms16m",
        "-XX:+UseSerialGC",
        "-XX:TieredStopAtLevel=1",
        "-XX:+ExitOnOutOfMemoryError",
        "-Xss512k",
        "-Xmx" + maxHeap);
  }

  private static final String HEALTHY = "moonshotai/kimi-k3";
  private static final String BOMB = "bomb/gzip";

  /**
   * Four answers of about 8 MB (the default cap is 8 MiB), large in different ways: a list of
   * 800,000 short strings would take several times its size once parsed.
   */
  private static final Map<String, String> LARGE =
      Map.of(
          "large/long-names", longNames("large/long-names", "N".repeat(31_000)),
          "large/non-latin-names", longNames("large/non-latin-names", "€".repeat(10_000)),
          "large/many-parameters", manyParameters("large/many-parameters"),
          "large/many-parameters-2", manyParameters("large/many-parameters-2"));

  /** About 8 MB, most of it a field the exporter does not read. */
  private static final String UNREAD_FIELD =
      "{\"data\":{\"id\":\"large/unread-field\",\"endpoints\":[{\"tag\":\"t\"}]},"
          + "\"description\":\""
          + "x".repeat(8_000_000)
          + "\"}";

  private static String manyParameters(String id) {
    return "{\"data\":{\"id\":\""
        + id
        + "\",\"endpoints\":[{\"tag\":\"t\",\"supported_parameters\":["
        + IntStream.range(0, 800_000)
            .mapToObj(i -> "\"p" + i + "\"")
            .collect(Collectors.joining(","))
        + "]}]}}";
  }

  /** 256 endpoints (the default cap) with a long name each. */
  private static String longNames(String id, String name) {
    return "{\"data\":{\"id\":\""
        + id
        + "\",\"name\":\"Large\",\"endpoints\":["
        + IntStream.range(0, 256)
            .mapToObj(
                i ->
                    "{\"name\":\""
                        + name
                        + "\",\"provider_name\":\"P"
                        + i
                        + "\",\"tag\":\"t"
                        + i
                        + "\",\"status\":0,\"uptime_last_30m\":99.5,"
                        + "\"pricing\":{\"prompt\":\"0.000001\"}}")
            .collect(Collectors.joining(","))
        + "]}}";
  }

  /** 320 MiB of spaces, gzipped to a few hundred KiB: past any cap once inflated. */
  private static Buffer gzipBomb() {
    Buffer compressed = new Buffer();
    byte[] spaces = new byte[1024 * 1024];
    Arrays.fill(spaces, (byte) ' ');
    try (GZIPOutputStream gzip = new GZIPOutputStream(compressed.outputStream())) {
      gzip.write("{\"data\":".getBytes());
      for (int i = 0; i < 320; i++) {
        gzip.write(spaces);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return compressed;
  }

  private static MockResponse gzipped(Buffer body) {
    return new MockResponse.Builder()
        .code(200)
        .setHeader("Content-Type", "application/json")
        .setHeader("Content-Encoding", "gzip")
        .body(body.clone())
        .build();
  }

  @TempDir Path dir;

  @Test
  void answersAsLargeAsTheCapArrivingTogetherAndAGzipBombCostOnlyTheirModelsPoll()
      throws Exception {
    try (FixtureUpstream upstream = new FixtureUpstream()) {
      // The first polls of the large models are held until all four are in flight.
      CountDownLatch together = new CountDownLatch(LARGE.size());
      LARGE.forEach(
          (model, body) ->
              upstream.answerEach(
                  model,
                  request -> {
                    together.countDown();
                    try {
                      together.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                    return FixtureUpstream.ok(body);
                  }));
      Buffer bomb = gzipBomb();
      upstream.answer(BOMB, () -> gzipped(bomb));
      upstream.answer("large/unread-field", () -> FixtureUpstream.ok(UNREAD_FIELD));
      upstream.serve(HEALTHY, "06-moonshotai-kimi-k3-endpoints-with-latency-reduced.json");
      List<String> models = new ArrayList<>(LARGE.keySet());
      models.add("large/unread-field");
      models.add(BOMB);
      models.add(HEALTHY);
      Path config = Scrapes.writeConfig(dir, upstream.baseUrl(), models, "5s", "1h", "30s");

      try (ExporterProcess exporter =
          ExporterProcess.start(
              jvm("128m"), Map.of(), "--config.file=" + config, "--web.enable-lifecycle")) {
        int port = exporter.port();
        awaitReady(exporter);
        assertThat(together.getCount()).as("the four large answers were sent together").isZero();
        // Two more rounds of the models that succeed, each 8 MB again.
        await()
            .atMost(Duration.ofSeconds(90))
            .until(() -> polls(upstream, "large/long-names") >= 3);

        assertThat(exporter.process().isAlive()).isTrue();
        assertThat(exporter.output()).doesNotContain("OutOfMemoryError");
        String metrics = Scrapes.metrics(port);
        System.out.printf(
            "MemoryIT (-Xmx128m): heap used %s bytes, polls of large/long-names %d%n",
            value(metrics, "jvm_memory_used_bytes{area=\"heap\"}"),
            polls(upstream, "large/long-names"));
        for (String model :
            List.of("large/long-names", "large/non-latin-names", "large/unread-field", HEALTHY)) {
          assertThat(metrics).contains("openrouter_up{model=\"" + model + "\"} 1");
        }
        assertThat(metrics)
            .contains("openrouter_model_endpoints{model=\"large/long-names\"} 256")
            .contains("openrouter_up{model=\"large/many-parameters\"} 0")
            .contains("openrouter_up{model=\"large/many-parameters-2\"} 0")
            .contains("openrouter_up{model=\"" + BOMB + "\"} 0");
        assertThat(exporter.output())
            .contains(
                "Poll of large/many-parameters failed (bad_response): JSON beyond parser limits")
            .contains("Poll of " + BOMB + " failed (bad_response): body larger than 8388608 bytes");
        String heapAfterGc = value(metrics, "openrouter_exporter_heap_after_gc_ratio");
        System.out.println("MemoryIT (-Xmx128m): heap after GC " + heapAfterGc);
        assertThat(Double.parseDouble(heapAfterGc)).isBetween(0.0, 0.9);
        assertThat(Scrapes.get(port, "/-/ready").statusCode()).isEqualTo(200);

        // A reload to answers that could not fit changes nothing.
        Files.writeString(
            config,
            Files.readString(config)
                .replace("openrouter:\n", "openrouter:\n  max_response_bytes: 268435456\n"));
        HttpResponse<String> reload = postReload(port);
        assertThat(reload.statusCode()).isEqualTo(500);
        assertThat(reload.body())
            .contains(
                "openrouter.max_response_bytes: answers this large,"
                    + " openrouter.max_concurrent_requests at once, need more than the 41 MiB");
        long before = polls(upstream, HEALTHY);
        await().atMost(Duration.ofSeconds(30)).until(() -> polls(upstream, HEALTHY) > before);
        assertThat(Scrapes.metrics(port)).contains("openrouter_config_last_reload_successful 0");
        assertThat(exporter.process().isAlive()).isTrue();
      }
    }
  }

  @Test
  void answersInFlightThatCannotFitTheHeapAreRefusedAtStartNamingBothKeys() throws Exception {
    Path config =
        Files.writeString(
            dir.resolve("exporter.yml"),
            """
            openrouter:
              base_url: http://127.0.0.1:9/api/v1
              max_response_bytes: 268435456
            models: [a/b]
            """);

    ExporterProcess.Result result =
        ExporterProcess.run(jvm("128m"), Map.of(), "--config.file=" + config);

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.output())
        .contains(
            config
                + ": openrouter.max_response_bytes: answers this large,"
                + " openrouter.max_concurrent_requests at once, need more than the 41 MiB they may"
                + " take (a third of the 123 MiB heap): lower either, or give the JVM a larger heap"
                + " (-Xmx, or a larger container memory limit with -XX:MaxRAMPercentage)");
  }

  @Test
  void aGzipBombAtTheLargestCapIsReadToTheCapWithoutFillingTheHeap() throws Exception {
    try (FixtureUpstream upstream = new FixtureUpstream()) {
      Buffer bomb = gzipBomb();
      upstream.answer(BOMB, () -> gzipped(bomb));
      Path config = Scrapes.writeConfig(dir, upstream.baseUrl(), List.of(BOMB), "1h", "2h", "60s");
      Files.writeString(
          config,
          Files.readString(config)
              .replace(
                  "openrouter:\n",
                  "openrouter:\n  max_response_bytes: 268435456\n  max_concurrent_requests: 1\n"));

      // A third of this heap holds one answer of 256 MiB.
      try (ExporterProcess exporter =
          ExporterProcess.start(jvm("832m"), Map.of(), "--config.file=" + config)) {
        int port = exporter.port();
        awaitReady(exporter);

        String metrics = Scrapes.metrics(port);
        System.out.printf(
            "MemoryIT (-Xmx832m, 256 MiB cap): heap used %s bytes%n",
            value(metrics, "jvm_memory_used_bytes{area=\"heap\"}"));
        assertThat(exporter.output())
            .contains(
                "Poll of " + BOMB + " failed (bad_response): body larger than 268435456 bytes")
            .doesNotContain("OutOfMemoryError");
        assertThat(metrics).contains("openrouter_up{model=\"" + BOMB + "\"} 0");
        // Read as it arrived: the heap never had to hold the 256 MiB.
        assertThat(Double.parseDouble(value(metrics, "jvm_memory_used_bytes{area=\"heap\"}")))
            .isLessThan(128.0 * 1024 * 1024);
      }
    }
  }

  /** Waits until ready; fails with the exporter's output if it died meanwhile. */
  private static void awaitReady(ExporterProcess exporter) throws Exception {
    try {
      Scrapes.awaitReady(exporter.port(), Duration.ofSeconds(90));
    } catch (Exception | AssertionError e) {
      throw new AssertionError(
          "not ready (process alive: " + exporter.process().isAlive() + "): " + exporter.output(),
          e);
    }
  }

  private static long polls(FixtureUpstream upstream, String model) {
    String path = "/api/v1/models/" + model + "/endpoints";
    return upstream.arrivals().stream().filter(arrival -> arrival.path().equals(path)).count();
  }

  private static String value(String metrics, String series) {
    Matcher matcher =
        Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(metrics);
    assertThat(matcher.find()).as(series).isTrue();
    return matcher.group(1);
  }

  private static HttpResponse<String> postReload(int port) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/-/reload"))
                .POST(HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofSeconds(30))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }
}
