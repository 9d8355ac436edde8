package dev.routewatch.exporter.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.routewatch.exporter.config.Otlp;
import dev.routewatch.exporter.config.Secret;
import dev.routewatch.exporter.snapshot.TimeSource;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.core.metrics.StateSet;
import io.prometheus.metrics.core.metrics.Summary;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.Headers;
import okhttp3.Protocol;
import okio.Buffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The push in process, against a receiver that decodes OTLP with the protocol's generated classes:
 * every family type client_java has arrives with the names, labels and values the text format
 * writes for the same registry.
 */
class OtlpPushTest {

  @StartStop final MockWebServer collector = new MockWebServer();

  private final PrometheusRegistry registry = new PrometheusRegistry();

  @BeforeEach
  void everyKindOfFamily() {
    Counter requests =
        Counter.builder()
            .withoutExemplars()
            .name("demo_requests_total")
            .help("Requests.")
            .labelNames("code")
            .register(registry);
    requests.labelValues("200").inc(41);
    requests.labelValues("5\"0\\3").inc(0.5);
    Gauge.builder()
        .withoutExemplars()
        .name("demo_uptime_ratio")
        .help("Uptime.")
        .labelNames("model", "endpoint")
        .register(registry)
        .labelValues("moonshotai/kimi-k3", "fireworks/fast")
        .set(0.9965156794425087);
    Info.builder()
        .name("demo_build_info")
        .help("Build.")
        .labelNames("version")
        .register(registry)
        .setLabelValues("1.2.3");
    Summary latency =
        Summary.builder()
            .withoutExemplars()
            .name("demo_latency_seconds")
            .help("Latency.")
            .quantile(0.5, 0.01)
            .quantile(0.99, 0.001)
            .register(registry);
    Histogram sizes =
        Histogram.builder()
            .withoutExemplars()
            .name("demo_size_bytes")
            .help("Sizes.")
            .classicOnly()
            .classicUpperBounds(10, 100, 1000)
            .register(registry);
    for (double value : new double[] {3, 30, 300, 3000, 7}) {
      latency.observe(value / 1000);
      sizes.observe(value);
    }
    StateSet.builder()
        .name("demo_mode")
        .help("Mode.")
        .states("fast", "slow")
        .register(registry)
        .setTrue("fast");
  }

  @Test
  void everyPointArrivesAsTheTextFormatShowsIt() throws Exception {
    try (OtlpPush push = start(Map.of(), Map.of())) {
      collector.enqueue(new MockResponse.Builder().code(200).build());
      push.push();
    }
    ExportMetricsServiceRequest sent = OtlpSamples.decode(take());
    Map<String, Double> pushed = OtlpSamples.of(sent);
    Map<String, Double> scraped = OtlpSamples.ofText(text());

    assertThat(OtlpSamples.families(sent))
        .containsExactlyInAnyOrder(
            "demo_requests_total",
            "demo_uptime_ratio",
            "demo_build_info",
            "demo_latency_seconds",
            "demo_size_bytes",
            "demo_mode");
    assertThat(pushed).hasSize(16).isEqualTo(scraped);
  }

  @Test
  void theHeadersOfTheFileAndTheResourceAttributesArrive() throws Exception {
    Map<String, String> env =
        Map.of(
            "OTEL_RESOURCE_ATTRIBUTES",
            "deployment.environment=prod%2Beu,team=llm ops,broken",
            "OTEL_SERVICE_NAME",
            "router-watch");
    try (OtlpPush push =
        start(Map.of("Authorization", new Secret("Bearer s3cret")), Map.of("team", "ml"), env)) {
      collector.enqueue(new MockResponse.Builder().code(200).build());
      push.push();
    }
    RecordedRequest request = take();

    assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer s3cret");
    assertThat(request.getUrl().encodedPath()).isEqualTo("/v1/metrics");
    assertThat(resource(OtlpSamples.decode(request)))
        .containsEntry("service.name", "router-watch")
        .containsEntry("deployment.environment", "prod+eu")
        .containsEntry("team", "llm ops")
        .containsEntry("telemetry.sdk.language", "java")
        .doesNotContainKey("broken");
  }

  @Test
  void serviceNameDefaultsToTheExportersName() throws Exception {
    try (OtlpPush push = start(Map.of(), Map.of("deployment.environment", "test"))) {
      collector.enqueue(new MockResponse.Builder().code(200).build());
      push.push();
    }

    assertThat(resource(OtlpSamples.decode(take())))
        .containsEntry("service.name", "openrouter-exporter")
        .containsEntry("service.version", "9.9.9")
        .containsEntry("deployment.environment", "test");
  }

  @Test
  void aFailingCollectorIsCountedOncePerPushAndNotRetried() throws Exception {
    try (OtlpPush push = start(Map.of(), Map.of())) {
      collector.enqueue(new MockResponse.Builder().code(503).build());
      collector.enqueue(new MockResponse.Builder().code(503).build());
      collector.enqueue(new MockResponse.Builder().code(200).build());
      push.push();
      push.push();
      assertThat(push.failedPushes()).isEqualTo(2);
      push.push();
      assertThat(push.failedPushes()).isEqualTo(2);
    }
    assertThat(collector.getRequestCount()).isEqualTo(3);
  }

  @Test
  void aCollectorThatDoesNotAnswerFailsThePushAtItsTimeLimitNotLater() throws Exception {
    Otlp settings =
        new Otlp(
            Optional.of(URI.create(collector.url("/v1/metrics").toString())),
            Otlp.Protocol.HTTP_PROTOBUF,
            Duration.ofSeconds(1),
            Map.of(),
            Map.of());
    collector.enqueue(new MockResponse.Builder().headersDelay(5, TimeUnit.MINUTES).build());
    try (OtlpPush push = OtlpPush.start(settings, registry, Map.of(), "9.9.9", TimeSource.SYSTEM)) {
      assertTimeoutPreemptively(Duration.ofSeconds(30), push::push);
      // The schedule's own push, a second in, may have failed too.
      assertThat(push.failedPushes()).isPositive();
    }
  }

  @Test
  void grpcCarriesTheSamePoints() throws Exception {
    collector.setProtocols(List.of(Protocol.H2_PRIOR_KNOWLEDGE));
    Otlp settings =
        new Otlp(
            Optional.of(URI.create(collector.url("/").toString())),
            Otlp.Protocol.GRPC,
            Duration.ofHours(1),
            Map.of("Authorization", new Secret("Bearer s3cret")),
            Map.of());
    try (OtlpPush push = OtlpPush.start(settings, registry, Map.of(), "9.9.9", TimeSource.SYSTEM)) {
      collector.enqueue(
          new MockResponse.Builder()
              .addHeader("Content-Type", "application/grpc")
              .body(new Buffer().write(new byte[5]))
              .trailers(Headers.of("grpc-status", "0"))
              .build());
      push.push();
      assertThat(push.failedPushes()).isZero();
    }
    RecordedRequest request = take();

    assertThat(request.getUrl().encodedPath())
        .isEqualTo("/opentelemetry.proto.collector.metrics.v1.MetricsService/Export");
    assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer s3cret");
    assertThat(OtlpSamples.of(OtlpSamples.decodeGrpc(request)))
        .isEqualTo(OtlpSamples.ofText(text()));
  }

  private OtlpPush start(Map<String, Secret> headers, Map<String, String> attributes) {
    return start(headers, attributes, Map.of());
  }

  private OtlpPush start(
      Map<String, Secret> headers, Map<String, String> attributes, Map<String, String> env) {
    Otlp settings =
        new Otlp(
            Optional.of(URI.create(collector.url("/v1/metrics").toString())),
            Otlp.Protocol.HTTP_PROTOBUF,
            Duration.ofHours(1),
            headers,
            attributes);
    return OtlpPush.start(settings, registry, env, "9.9.9", TimeSource.SYSTEM);
  }

  private RecordedRequest take() throws InterruptedException {
    RecordedRequest request = collector.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request).as("a push arrived").isNotNull();
    return request;
  }

  private String text() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrometheusTextFormatWriter.create().write(out, registry.scrape());
    return out.toString(StandardCharsets.UTF_8);
  }

  private static Map<String, String> resource(ExportMetricsServiceRequest request) {
    return request.getResourceMetrics(0).getResource().getAttributesList().stream()
        .collect(
            Collectors.toMap(
                KeyValue::getKey,
                attribute -> attribute.getValue().getStringValue(),
                (a, b) -> b,
                TreeMap::new));
  }
}
