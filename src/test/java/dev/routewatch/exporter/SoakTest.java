package dev.routewatch.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.routewatch.exporter.config.ExporterConfig;
import dev.routewatch.exporter.config.ModelId;
import dev.routewatch.exporter.metrics.BuildInfo;
import dev.routewatch.exporter.metrics.ExporterMetrics;
import dev.routewatch.exporter.openrouter.OpenRouterClient;
import dev.routewatch.exporter.poll.ModelPoller;
import dev.routewatch.exporter.poll.PollResults;
import dev.routewatch.exporter.poll.RequestBudget;
import dev.routewatch.exporter.snapshot.SnapshotStore;
import dev.routewatch.exporter.snapshot.TimeSource;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Thousands of poll rounds through the real client, store and collector over a catalog that keeps
 * changing: endpoints appear, disappear, change tags and duplicate them. At the end the series are
 * exactly what the last answers describe, and the heap after GC has not grown.
 */
@Tag("soak")
class SoakTest {

  private static final int MODELS = 8;
  private static final int ROUNDS = 1_500;
  private static final List<String> TAGS = List.of("a", "b", "c", "a/fast", "d");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Random random = new Random(20261125);
  private final Map<String, ObjectNode> lastAnswers = new ConcurrentHashMap<>();

  @Test
  void manyRoundsOverAChangingCatalogLeakNeitherSeriesNorHeap() throws Exception {
    List<ModelId> models = new ArrayList<>();
    for (int i = 0; i < MODELS; i++) {
      models.add(new ModelId("soak/model-" + i));
    }
    try (MockWebServer server = new MockWebServer()) {
      server.setServerSocketFactory(new NoDelayServerSockets());
      server.setDispatcher(
          new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
              String model = request.getUrl().encodedPath().split("/")[5];
              ObjectNode answer = randomAnswer("soak/" + model);
              lastAnswers.put("soak/" + model, answer);
              return new MockResponse.Builder().code(200).body(answer.toString()).build();
            }
          });
      server.start();
      SnapshotStore store = new SnapshotStore(models);
      ExporterMetrics metrics =
          new ExporterMetrics(store, Duration.ofMinutes(10), BuildInfo.load(), TimeSource.SYSTEM);
      ExporterConfig.Upstream upstream =
          new ExporterConfig.Upstream(
              server.url("/api/v1").toString(),
              Optional.empty(),
              Duration.ofSeconds(5),
              4,
              100_000,
              8 * 1024 * 1024,
              256);
      ExecutorService pollers = Executors.newFixedThreadPool(4);
      try (OpenRouterClient client =
          new OpenRouterClient(upstream, "soak", metrics.apiRequestListener())) {
        ModelPoller poller =
            new ModelPoller(
                client::modelEndpoints,
                new RequestBudget(4, 100_000),
                store,
                PollResults.into(store),
                Duration.ofMinutes(1),
                "https://openrouter.ai/api/v1",
                TimeSource.SYSTEM);
        List<Long> heapAfterThirds = new ArrayList<>();
        String scrape = "";
        for (int round = 1; round <= ROUNDS; round++) {
          List<Future<?>> polls = new ArrayList<>();
          for (ModelId model : models) {
            polls.add(
                pollers.submit(
                    () -> {
                      poller.poll(model);
                      return null;
                    }));
          }
          for (Future<?> poll : polls) {
            poll.get();
          }
          // MockWebServer keeps every request for takeRequest(): drop them, they are not ours.
          while (server.takeRequest(0, TimeUnit.SECONDS) != null) {
            // drained
          }
          scrape = text(metrics.prometheusRegistry().scrape());
          if (round % (ROUNDS / 3) == 0) {
            heapAfterThirds.add(heapAfterGc());
          }
        }

        assertThat(endpointSeries(scrape)).isEqualTo(expectedSeries());
        assertThat(scrape).doesNotContain("openrouter_up{model=\"soak/model-0\"} 0");
        long first = heapAfterThirds.get(0);
        long last = heapAfterThirds.get(heapAfterThirds.size() - 1);
        System.out.printf(
            "soak: %d rounds x %d models, heap after GC by thirds (MiB): %s%n",
            ROUNDS, MODELS, heapAfterThirds.stream().map(bytes -> bytes / (1024 * 1024)).toList());
        assertThat(last).as("heap after GC, last third").isLessThan(first + 8L * 1024 * 1024);
      } finally {
        pollers.shutdownNow();
      }
    }
  }

  /**
   * An answer for {@code model}: 0 to 6 endpoints with tags drawn from a small pool (so tags repeat
   * and move).
   */
  private ObjectNode randomAnswer(String model) {
    ArrayNode endpoints = JSON.createArrayNode();
    int count = random.nextInt(7);
    for (int i = 0; i < count; i++) {
      ObjectNode endpoint = endpoints.addObject();
      endpoint.put("tag", TAGS.get(random.nextInt(TAGS.size())));
      endpoint.put("provider_name", "Provider " + random.nextInt(3));
      endpoint.put("name", "endpoint " + random.nextInt(1_000_000));
      if (random.nextBoolean()) {
        endpoint.put("uptime_last_30m", random.nextDouble() * 100);
      } else {
        endpoint.putNull("uptime_last_30m");
      }
      endpoint.putObject("pricing").put("prompt", Double.toString(random.nextDouble() / 1e5));
    }
    ObjectNode answer = JSON.createObjectNode();
    ObjectNode data = answer.putObject("data");
    data.put("id", model);
    data.set("endpoints", endpoints);
    return answer;
  }

  /** What the last answers describe, worked out here without the exporter's code. */
  private Set<String> expectedSeries() {
    Set<String> expected = new TreeSet<>();
    lastAnswers.forEach(
        (model, answer) -> {
          Set<String> used = new HashSet<>();
          answer.get("data").get("endpoints").forEach(e -> used.add(e.get("tag").asText()));
          Set<String> seen = new HashSet<>();
          for (var endpoint : answer.get("data").get("endpoints")) {
            String tag = endpoint.get("tag").asText();
            String label = tag;
            if (!seen.add(tag)) {
              for (int n = 2; ; n++) {
                label = tag + "#" + n;
                if (!used.contains(label) && !seen.contains(label)) {
                  break;
                }
              }
              seen.add(label);
            }
            String series = "model=" + model + ",endpoint=" + label;
            expected.add("info " + series);
            expected.add("prompt " + series);
            expected.add("effective " + series);
            if (!endpoint.get("uptime_last_30m").isNull()) {
              expected.add("uptime " + series);
            }
          }
        });
    return expected;
  }

  private static Set<String> endpointSeries(String scrape) {
    Set<String> series = new TreeSet<>();
    for (String line : scrape.split("\n")) {
      String kind =
          line.startsWith("openrouter_endpoint_info{")
              ? "info"
              : line.startsWith("openrouter_endpoint_token_price_usd{")
                  ? "prompt"
                  : line.startsWith("openrouter_endpoint_effective_token_price_usd{")
                      ? "effective"
                      : line.startsWith("openrouter_endpoint_uptime_last_30m_ratio{")
                          ? "uptime"
                          : null;
      if (kind != null) {
        series.add(
            kind + " model=" + label(line, "model") + ",endpoint=" + label(line, "endpoint"));
      } else if (line.startsWith("openrouter_endpoint_")) {
        throw new AssertionError("a family the soak answers do not carry: " + line);
      }
    }
    return series;
  }

  private static String label(String line, String name) {
    int start = line.indexOf("," + name + "=\"");
    start = start >= 0 ? start + 1 : line.indexOf("{" + name + "=\"") + 1;
    int from = start + name.length() + 2;
    return line.substring(from, line.indexOf('"', from));
  }

  private static String text(MetricSnapshots snapshots) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrometheusTextFormatWriter.create().write(out, snapshots);
    return out.toString(java.nio.charset.StandardCharsets.UTF_8);
  }

  private static long heapAfterGc() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(50);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
