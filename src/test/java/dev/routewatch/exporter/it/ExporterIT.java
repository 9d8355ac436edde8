package dev.routewatch.exporter.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The packaged jar against a fake upstream serving every real capture and the synthetic payload,
 * with every optional family turned on: the whole /metrics output, its formats, and what went over
 * the wire.
 */
class ExporterIT {

  private static final String API_KEY = "sk-or-v1-it-0123456789abcdef";
  private static final Path GOLDEN = Path.of("src/test/resources/golden/metrics.txt");

  /** Families whose values change from run to run: time, durations, JVM, build. */
  private static final Set<String> VARYING =
      Set.of(
          "openrouter_exporter_build_info",
          "openrouter_exporter_heap_after_gc_ratio",
          "openrouter_api_requests",
          "openrouter_poll_duration_seconds",
          "openrouter_last_successful_poll_timestamp_seconds",
          "openrouter_model_data_timestamp_seconds",
          "openrouter_config_last_reload_success_timestamp_seconds",
          "openrouter_account_last_success_timestamp_seconds");

  @RegisterExtension
  static final ExporterExtension exporter =
      ExporterExtension.builder()
          .appendConfig("metrics:\n  supported_parameters: true\n")
          .env("OPENROUTER_API_KEY", API_KEY)
          .flags("--log.level=debug")
          .awaitReady()
          .build();

  /** The catalog is read beside the first polls, which readiness does not wait for. */
  @BeforeAll
  static void awaitTheCatalog() {
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> exporter.metrics().contains("openrouter_model_alias_target_info{"));
  }

  private static boolean stable(String family) {
    return !VARYING.contains(family)
        && !family.startsWith("jvm_")
        && !family.startsWith("process_");
  }

  /**
   * /metrics once the API key's account read has finished too: readiness waits for the polls only,
   * and the read runs next to them.
   */
  private static String metricsWithTheKeyRead() {
    return await()
        .atMost(Duration.ofSeconds(20))
        .until(
            exporter::metrics,
            metrics -> metrics.contains("openrouter_account_up{source=\"key\"} 1"));
  }

  @Test
  void metricsForTheRealCapturesEqualTheGoldenFile() throws Exception {
    String stableFamilies = Scrapes.families(metricsWithTheKeyRead(), ExporterIT::stable);

    // To regenerate after an intended change: ./mvnw verify -Dgolden.update=true, then review
    // the diff of src/test/resources/golden/metrics.txt.
    if (Boolean.getBoolean("golden.update")) {
      Files.createDirectories(GOLDEN.getParent());
      Files.writeString(GOLDEN, stableFamilies);
    }
    assertThat(stableFamilies).isEqualTo(Files.readString(GOLDEN));
  }

  @Test
  void theWholeOutputPassesPromtool() throws Exception {
    assumeTrue(Scrapes.promtoolInstalled(), "promtool not installed");

    assertThat(Scrapes.promtoolCheck(exporter.metrics())).isEqualTo("exit 0");
  }

  @Test
  void theOutputHoldsSelfAndJvmMetricsFromOneSource() throws Exception {
    String metrics = metricsWithTheKeyRead();

    // Ten model polls, the catalog read and the API key's account read (GET /key).
    assertThat(metrics)
        .containsPattern("openrouter_exporter_build_info\\{java_version=\"[^\"]+\",revision=\"")
        .contains("openrouter_api_requests_total{code=\"200\"} 12.0")
        .contains("openrouter_up{model=\"~typesafe/jev-latest\"} 1")
        .containsPattern("openrouter_poll_duration_seconds\\{model=\"moonshotai/kimi-k3\"} ")
        .contains("jvm_memory_used_bytes")
        .contains("process_cpu_seconds_total")
        .doesNotContain("jvm_memory_used_bytes_total");
  }

  @Test
  void pricingOverridesThatAreNeitherATierNorAWindowAreCountedInADebugLine() {
    assertThat(exporter.output())
        .contains(
            "Polled routewatch/synthetic-api-surface: ignored 3 pricing.overrides entries that are"
                + " neither a tier nor a time window");
  }

  @Test
  void openMetricsIsServedWhenAsked() throws Exception {
    HttpResponse<String> response =
        exporter.get("/metrics", "Accept", "application/openmetrics-text; version=1.0.0");

    assertThat(response.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/openmetrics-text");
    assertThat(response.body())
        .contains("# TYPE openrouter_endpoint info")
        .contains("openrouter_up{model=\"moonshotai/kimi-k3\"} 1")
        .endsWith("# EOF\n");
  }

  @Test
  void gzipIsServedWhenAccepted() throws Exception {
    HttpResponse<byte[]> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + exporter.port() + "/metrics"))
                    .header("Accept-Encoding", "gzip")
                    .build(),
                HttpResponse.BodyHandlers.ofByteArray());

    assertThat(response.headers().firstValue("Content-Encoding")).hasValue("gzip");
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(response.body()))) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
          .contains("openrouter_endpoint_uptime_last_30m_ratio{");
    }
  }

  @Test
  void everyModelIdWasPathEncodedAndSentWithUserAgentAndKey() {
    assertThat(exporter.upstream().requests())
        .extracting(request -> request.getUrl().encodedPath())
        .contains(
            "/api/v1/models/nex-agi/nex-n2.5-pro:free/endpoints",
            "/api/v1/models/~typesafe/jev-latest/endpoints",
            "/api/v1/models/deepseek/deepseek-chat-v3.1/endpoints");
    for (RecordedRequest request : exporter.upstream().requests()) {
      assertThat(request.getHeaders().get("User-Agent")).matches("openrouter-exporter/\\S+");
      assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + API_KEY);
    }
  }

  @Test
  void theKeyAppearsInNoLogLineMetricOrPage() throws Exception {
    assertThat(exporter.output()).doesNotContain(API_KEY).contains("Listening on");
    assertThat(exporter.metrics()).doesNotContain(API_KEY);
    assertThat(exporter.get("/").body()).doesNotContain(API_KEY).contains("moonshotai/kimi-k3");
  }
}
