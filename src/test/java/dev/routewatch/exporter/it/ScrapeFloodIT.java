package dev.routewatch.exporter.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.routewatch.exporter.bench.FakeUpstream;
import dev.routewatch.exporter.bench.UpstreamAnswers;
import io.prometheus.metrics.expositionformats.generated.com_google_protobuf_4_35_0.Metrics;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scrapes that the cached text path does not serve as such, all at once: 200 concurrent {@code
 * name[]} filtered and protobuf requests (what Prometheus sends with native histograms on) against
 * 1,000 models of 10 endpoints, in the smallest container docs/performance.md documents with its
 * JVM flags. The process must stay up, and every answer be either whole or a 503 with {@code
 * Retry-After}.
 */
@Tag("stress")
class ScrapeFloodIT {

  private static final int MODELS = 1_000;
  private static final int ENDPOINTS = 10;
  private static final int REQUESTS = 200;

  /**
   * The smallest container docs/performance.md documents (256 MiB, there for 5 endpoints a model):
   * with its {@code -XX:MaxRAMPercentage=75}, a 192 MiB heap.
   */
  private static final String CONTAINER = "-XX:MaxRAM=256m";

  private static final String PROTOBUF_ACCEPT =
      "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited";
  private static final String OPENMETRICS_ACCEPT = "application/openmetrics-text; version=1.0.0";

  /** Families whose series each answer must hold in full; a counter is named without _total. */
  private static final List<String> FAMILIES =
      List.of("openrouter_up", "openrouter_endpoint_status", "openrouter_endpoint_token_price_usd");

  private static final String FILTER =
      "?name[]=openrouter_up&name[]=openrouter_endpoint_status"
          + "&name%5B%5D=openrouter_endpoint_token_price_usd&name[]=openrouter_poll_errors"
          + "&name[]=jvm_memory_used_bytes";

  /** One kind of request in the flood. */
  private enum Kind {
    TEXT_FILTERED(FILTER, null, false),
    OPENMETRICS_FILTERED_GZIP(FILTER, OPENMETRICS_ACCEPT, true),
    PROTOBUF("", PROTOBUF_ACCEPT, false),
    PROTOBUF_GZIP("", PROTOBUF_ACCEPT, true);

    final String query;
    final String accept;
    final boolean gzip;

    Kind(String query, String accept, boolean gzip) {
      this.query = query;
      this.accept = accept;
      this.gzip = gzip;
    }
  }

  @TempDir Path dir;

  @Test
  @Timeout(value = 10, unit = TimeUnit.MINUTES)
  void concurrentFilteredAndProtobufScrapesLeaveItUpAndEachAnswerWholeOr503() throws Exception {
    List<String> models = UpstreamAnswers.modelIds(MODELS);
    try (FakeUpstream upstream = new FakeUpstream(models, ENDPOINTS, Duration.ZERO)) {
      Path config = Scrapes.writeConfig(dir, upstream.baseUrl(), models, "30s", "10m", "10s");
      Files.writeString(
          config,
          Files.readString(config)
              .replace(
                  "openrouter:\n",
                  // 16 answers in flight must fit a third of the heap: 1 MiB each, as the
                  // docs/performance.md, Memory, advises for 1000 models.
                  "openrouter:\n  max_concurrent_requests: 16\n  max_requests_per_minute: 100000\n"
                      + "  max_response_bytes: 1048576\n"));
      List<String> jvm = new ArrayList<>(DockerfileIT.readmeJvmFlags());
      jvm.add(CONTAINER);
      try (ExporterProcess exporter =
          ExporterProcess.start(jvm, Map.of(), "--config.file=" + config)) {
        int port = exporter.port();
        Scrapes.awaitReady(port, Duration.ofMinutes(2));
        Map<String, Integer> expected = seriesCounts(Scrapes.metrics(port));
        assertThat(expected.get("openrouter_up")).isEqualTo(MODELS);

        Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
        List<String> problems = flood(port, expected, outcomes);

        System.out.printf(
            "ScrapeFloodIT: %d requests, answers by kind and status %s; problems %s%n",
            REQUESTS, new TreeMap<>(outcomes), problems.size());
        assertThat(exporter.process().isAlive())
            .as("the exporter is up after the flood: %s", exporter.output())
            .isTrue();
        String heap =
            Scrapes.get(
                    port,
                    "/metrics?name[]=jvm_memory_used_bytes&name[]=jvm_memory_max_bytes"
                        + "&name[]=jvm_memory_pool_collection_used_bytes")
                .body();
        System.out.printf(
            "ScrapeFloodIT: %d requests, answers by kind and status %s; heap after: %s%n",
            REQUESTS, new TreeMap<>(outcomes), heapUsed(heap));
        assertThat(problems).as("answers neither whole nor 503").isEmpty();
        for (Kind kind : Kind.values()) {
          assertThat(outcomes.get(kind + " 200")).as("whole answers of " + kind).isNotNull();
        }
      }
    }
  }

  private static List<String> flood(
      int port, Map<String, Integer> expected, Map<String, AtomicInteger> outcomes)
      throws InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
    ExecutorService pool = Executors.newFixedThreadPool(REQUESTS);
    List<Future<String>> answers = new ArrayList<>();
    for (int i = 0; i < REQUESTS; i++) {
      Kind kind = Kind.values()[i % Kind.values().length];
      answers.add(pool.submit(() -> request(http, port, kind, expected, outcomes)));
    }
    pool.shutdown();
    List<String> problems = new ArrayList<>();
    for (Future<String> answer : answers) {
      try {
        String problem = answer.get(5, TimeUnit.MINUTES);
        if (problem != null) {
          problems.add(problem);
        }
      } catch (Exception e) {
        problems.add(e.toString());
      }
    }
    pool.shutdownNow();
    return problems;
  }

  /** Sends one request and reads its answer; what is wrong with it, or null. */
  private static String request(
      HttpClient http,
      int port,
      Kind kind,
      Map<String, Integer> expected,
      Map<String, AtomicInteger> outcomes) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics" + kind.query))
            .timeout(Duration.ofMinutes(3));
    if (kind.accept != null) {
      request.header("Accept", kind.accept);
    }
    if (kind.gzip) {
      request.header("Accept-Encoding", "gzip");
    }
    try {
      HttpResponse<InputStream> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
      outcomes
          .computeIfAbsent(kind + " " + response.statusCode(), key -> new AtomicInteger())
          .incrementAndGet();
      try (InputStream body =
          kind.gzip && response.headers().firstValue("Content-Encoding").isPresent()
              ? new GZIPInputStream(response.body())
              : response.body()) {
        if (response.statusCode() == 503) {
          String text = new String(body.readAllBytes(), StandardCharsets.UTF_8);
          return response.headers().firstValue("Retry-After").isPresent() && !text.isBlank()
              ? null
              : kind + ": a 503 without Retry-After or body";
        }
        if (response.statusCode() != 200) {
          return kind + ": status " + response.statusCode();
        }
        Map<String, Integer> counts =
            kind.accept == PROTOBUF_ACCEPT ? protobufCounts(body) : textCounts(kind, body);
        for (String family : FAMILIES) {
          if (!expected.get(family).equals(counts.get(family))) {
            return kind + ": " + family + " has " + counts.get(family) + " series, not " + expected;
          }
        }
        return null;
      }
    } catch (IOException | InterruptedException | RuntimeException e) {
      return kind + ": " + e;
    }
  }

  private static Map<String, Integer> textCounts(Kind kind, InputStream body) throws IOException {
    String text = new String(body.readAllBytes(), StandardCharsets.UTF_8);
    String end = kind.accept == OPENMETRICS_ACCEPT ? "# EOF\n" : "\n";
    if (!text.endsWith(end)) {
      throw new IllegalStateException("the answer does not end with " + end.strip());
    }
    return seriesCounts(text);
  }

  /** Series per family of a text answer, by the line's metric name. */
  private static Map<String, Integer> seriesCounts(String text) {
    Map<String, Integer> counts = new TreeMap<>();
    for (String line : text.split("\n")) {
      if (!line.startsWith("#") && !line.isEmpty()) {
        counts.merge(line.split("[{ ]", 2)[0], 1, Integer::sum);
      }
    }
    return counts;
  }

  /** Series per family of a whole delimited protobuf stream; throws if it is cut short. */
  private static Map<String, Integer> protobufCounts(InputStream body) throws IOException {
    Map<String, Integer> counts = new TreeMap<>();
    Metrics.MetricFamily family;
    while ((family = Metrics.MetricFamily.parseDelimitedFrom(body)) != null) {
      counts.merge(family.getName(), family.getMetricCount(), Integer::sum);
    }
    return counts;
  }

  /** The heap in use now, its size, and what the old generation held after its last collection. */
  private static String heapUsed(String metrics) {
    return mebibytes(metrics, "jvm_memory_used_bytes{area=\"heap\"}")
        + " used of "
        + mebibytes(metrics, "jvm_memory_max_bytes{area=\"heap\"}")
        + ", "
        + mebibytes(metrics, "jvm_memory_pool_collection_used_bytes{pool=\"Tenured Gen\"}")
        + " in the old generation after its last collection";
  }

  private static String mebibytes(String metrics, String series) {
    Matcher value = Pattern.compile(Pattern.quote(series) + " (\\S+)").matcher(metrics);
    return value.find()
        ? String.format("%.1f MiB", Double.parseDouble(value.group(1)) / (1 << 20))
        : "? MiB";
  }
}
