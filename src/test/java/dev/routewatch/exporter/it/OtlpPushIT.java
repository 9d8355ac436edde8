package dev.routewatch.exporter.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.routewatch.exporter.otlp.OtlpSamples;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The jar pushing over OTLP/HTTP to a receiver that decodes the protocol's messages: a push carries
 * every family and series a scrape of /metrics shows right after it, with the same values but for
 * the JVM's, which move on their own; the headers file's headers arrive; a collector answering 503
 * is counted and logged once while polls go on.
 */
class OtlpPushIT {

  private static final String SECRET = "Bearer otlp-it-secret";
  private static final Pattern PUSH_ERRORS =
      Pattern.compile("(?m)^openrouter_otlp_push_errors_total (\\S+)$");
  private static final Pattern OK_REQUESTS =
      Pattern.compile("(?m)^openrouter_api_requests_total\\{code=\"200\"} (\\S+)$");

  @RegisterExtension
  static final ExporterExtension exporter =
      ExporterExtension.builder()
          .startedByTests()
          .awaitReady()
          .env("OTEL_RESOURCE_ATTRIBUTES", "deployment.environment=it")
          .build();

  @StartStop final MockWebServer collector = new MockWebServer();

  private final AtomicBoolean failing = new AtomicBoolean();

  @Test
  void aPushCarriesEverySeriesOfAScrapeWithTheSameNamesLabelsAndValues() throws Exception {
    collector.setDispatcher(answering());
    ExporterProcess running = exporter.startOn(config(FixtureUpstream.MODELS, "1h"));
    int pushedBeforeReady = collector.getRequestCount();
    for (int i = 0; i < pushedBeforeReady; i++) {
      collector.takeRequest();
    }

    RecordedRequest push = collector.takeRequest(10, TimeUnit.SECONDS);
    String scrape = Scrapes.metrics(running.port());

    assertThat(push).as("a push after the first polls").isNotNull();
    assertThat(push.getHeaders().get("Authorization")).isEqualTo(SECRET);
    assertThat(push.getHeaders().get("X-Scope-OrgID")).isEqualTo("tenant-1");
    ExportMetricsServiceRequest sent = OtlpSamples.decode(push);
    assertThat(sent.getResourceMetrics(0).getResource().getAttributesList())
        .anySatisfy(
            attribute -> {
              assertThat(attribute.getKey()).isEqualTo("deployment.environment");
              assertThat(attribute.getValue().getStringValue()).isEqualTo("it");
            });
    assertThat(new TreeSet<>(OtlpSamples.families(sent))).isEqualTo(families(scrape));
    Map<String, Double> pushed = OtlpSamples.of(sent);
    Map<String, Double> scraped = OtlpSamples.ofText(scrape);
    assertThat(pushed.keySet()).isEqualTo(scraped.keySet());
    assertThat(steady(pushed)).isEqualTo(steady(scraped)).hasSizeGreaterThan(400);
    System.out.printf(
        "OTLP push (%d bytes, %s) compared with a scrape: %d families, %d series, %d of them by"
            + " value%n",
        push.getBodySize(),
        push.getHeaders().get("Content-Encoding"),
        families(scrape).size(),
        scraped.size(),
        steady(scraped).size());
  }

  @Test
  void aFailingCollectorIsCountedAndLoggedOnceWhilePollsGoOn() throws Exception {
    failing.set(true);
    collector.setDispatcher(answering());
    ExporterProcess running = exporter.startOn(config(List.of("moonshotai/kimi-k3"), "1s"));
    int port = running.port();

    await().atMost(Duration.ofSeconds(20)).until(() -> value(PUSH_ERRORS, port) >= 3);
    double polledWhileFailing = value(OK_REQUESTS, port);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> value(OK_REQUESTS, port) > polledWhileFailing);
    failing.set(false);
    await().atMost(Duration.ofSeconds(10)).until(() -> running.output().contains("works again"));

    String log = running.output();
    assertThat(log.split("failed: HTTP 503", -1)).hasSize(2);
    assertThat(log.split("works again", -1)).hasSize(2);
    assertThat(log).as("the SDK's own line per failure").doesNotContain("Failed to export");
    assertThat(log).doesNotContain("otlp-it-secret");
  }

  /** 200 to every push, or 503 while {@link #failing}. */
  private Dispatcher answering() {
    return new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return new MockResponse.Builder().code(failing.get() ? 503 : 200).build();
      }
    };
  }

  /**
   * A configuration polling {@code models} every {@code pollInterval}, with a budget that does not
   * hold up the first round, and pushing every second.
   */
  private Path config(Collection<String> models, String pollInterval) throws Exception {
    Path dir = exporter.dir();
    Files.writeString(
        dir.resolve("otlp-headers.txt"),
        "# for the collector\nAuthorization: " + SECRET + "\n\nX-Scope-OrgID: tenant-1\n");
    StringBuilder yaml =
        new StringBuilder()
            .append("openrouter:\n  base_url: ")
            .append(exporter.upstream().baseUrl())
            .append("\n  max_requests_per_minute: 6000\n  max_concurrent_requests: 16\n")
            .append("poll:\n  interval: ")
            .append(pollInterval)
            .append("\n  stale_after: 2h\nmodels:\n");
    models.forEach(model -> yaml.append("  - \"").append(model).append("\"\n"));
    yaml.append("web:\n  listen_address: 127.0.0.1:0\n")
        .append("otlp:\n  endpoint: ")
        .append(collector.url("/v1/metrics"))
        .append("\n  interval: 1s\n  headers_file: otlp-headers.txt\n");
    return Files.writeString(dir.resolve("otlp.yml"), yaml);
  }

  /** The families of a scrape as its TYPE lines name them. */
  private static Set<String> families(String scrape) {
    Set<String> families = new TreeSet<>();
    Matcher type = Pattern.compile("(?m)^# TYPE (\\S+) ").matcher(scrape);
    while (type.find()) {
      families.add(type.group(1));
    }
    return families;
  }

  /**
   * The series whose values hold still between a push and the scrape after it: all but the JVM's
   * and process's, and the heap's fill after the latest collection.
   */
  private static Map<String, Double> steady(Map<String, Double> samples) {
    Map<String, Double> steady = new TreeMap<>(samples);
    steady
        .keySet()
        .removeIf(
            key ->
                key.startsWith("jvm_")
                    || key.startsWith("process_")
                    || key.startsWith("openrouter_exporter_heap_after_gc_ratio"));
    return steady;
  }

  private static double value(Pattern series, int port) throws Exception {
    Matcher matcher = series.matcher(Scrapes.metrics(port));
    return matcher.find() ? Double.parseDouble(matcher.group(1)) : -1;
  }
}
