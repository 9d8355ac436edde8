package dev.routewatch.exporter.metrics;

import static dev.routewatch.exporter.metrics.Fixtures.openMetrics;
import static dev.routewatch.exporter.metrics.Fixtures.storeWithAllCaptures;
import static dev.routewatch.exporter.metrics.Fixtures.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.routewatch.exporter.MutableClock;
import dev.routewatch.exporter.config.ExporterConfig;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ExporterMetricsTest {

  private static final Instant POLLED_AT = Instant.parse("2026-09-28T16:00:00Z");
  private static final BuildInfo BUILD = new BuildInfo("0.1.0", "143cd0b9a8e1", "17.0.15");

  private final ExporterMetrics metrics =
      new ExporterMetrics(
          storeWithAllCaptures(POLLED_AT),
          Duration.ofMinutes(10),
          BUILD,
          new MutableClock(POLLED_AT));

  @Test
  void buildInfoHasItsExactName() {
    assertThat(text(metrics.prometheusRegistry().scrape()))
        .contains(
            """
            # TYPE openrouter_exporter_build_info gauge
            openrouter_exporter_build_info{java_version="17.0.15",revision="143cd0b9a8e1",version="0.1.0"} 1
            """);
  }

  @Test
  void everyUpstreamRequestIsCountedByCodeUnderItsExactName() {
    metrics.apiRequestListener().requestCompleted("200");
    metrics.apiRequestListener().requestCompleted("200");
    metrics.apiRequestListener().requestCompleted("none");

    assertThat(text(metrics.prometheusRegistry().scrape()))
        .contains(
            """
            # TYPE openrouter_api_requests_total counter
            openrouter_api_requests_total{code="200"} 2.0
            openrouter_api_requests_total{code="none"} 1.0
            """);
  }

  @Test
  void jvmMetricsComeFromClientJavaOnly() {
    String text = text(metrics.prometheusRegistry().scrape());

    assertThat(text).contains("\njvm_threads_current ").contains("\nprocess_start_time_seconds ");
    // Names only Micrometer's JVM binders use.
    assertThat(text).doesNotContain("jvm_threads_live_threads").doesNotContain("jvm_info{");
  }

  @Test
  void theWholeOpenMetricsOutputForAllCapturesDeclaresOnlyUnitsItsNamesEndWith() {
    metrics.apiRequestListener().requestCompleted("429");
    metrics.configLoaded(
        new ExporterConfig(
            new ExporterConfig.Upstream(
                "https://openrouter.ai/api/v1",
                Optional.empty(),
                Duration.ofSeconds(10),
                4,
                120,
                1024,
                256),
            new ExporterConfig.Poll(Duration.ofSeconds(60), Duration.ofMinutes(10)),
            List.of(),
            new ExporterConfig.Discovery(List.of(), List.of(), Duration.ofHours(1), 500),
            new InetSocketAddress(0),
            new ExporterConfig.Metrics(true),
            Optional.empty(),
            Optional.empty()));
    String openMetrics = openMetrics(metrics.prometheusRegistry().scrape());

    assertThat(openMetrics).endsWith("\n# EOF\n").contains("# UNIT ");
    // OpenMetrics 1.0: a family with a UNIT must have the unit as the suffix of its name.
    Matcher unit = Pattern.compile("(?m)^# UNIT (\\S+) (\\S+)$").matcher(openMetrics);
    while (unit.find()) {
      assertThat(unit.group(1)).endsWith("_" + unit.group(2));
    }
    assertThat(openMetrics)
        .contains(
            """
            # TYPE openrouter_exporter_build info
            """)
        .contains(
            """
            openrouter_exporter_build_info{java_version="17.0.15",revision="143cd0b9a8e1",version="0.1.0"} 1
            """)
        .contains(
            """
            # TYPE openrouter_endpoint_latency_last_30m_seconds gauge
            # UNIT openrouter_endpoint_latency_last_30m_seconds seconds
            """)
        .contains(
            """
            # TYPE openrouter_endpoint_workload_throughput_last_30m_tokens_per_second gauge
            # UNIT openrouter_endpoint_workload_throughput_last_30m_tokens_per_second tokens_per_second
            """)
        .contains(
            """
            # TYPE openrouter_endpoint_tool_choice info
            """)
        .contains(
            """
            openrouter_api_requests_total{code="429"} 1.0
            """);
  }
}
