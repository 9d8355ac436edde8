package dev.routewatch.exporter.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.routewatch.exporter.MutableClock;
import dev.routewatch.exporter.config.ExporterConfig;
import dev.routewatch.exporter.config.FamilyGlob;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * {@code metrics.exclude} and {@code metrics.percentiles}: checked against the families, applied
 * alike to /metrics (the cached exposition, plain and gzip) and to a whole reading of the registry.
 */
class SeriesSelectionTest {

  private static final Instant POLLED_AT = Instant.parse("2026-09-28T16:00:00Z");

  private static ExporterConfig.Metrics selection(List<String> exclude, List<String> percentiles) {
    return new ExporterConfig.Metrics(
        false, exclude.stream().map(FamilyGlob::new).toList(), percentiles);
  }

  @Test
  void anEntryThatNamesNoFamilyIsAProblemNamingTheKeyAndTheNearestFamily() {
    assertThat(
            SeriesSelection.problem(
                selection(
                    List.of("openrouter_endpoint_status", "openrouter_endpoint_workloads_*"),
                    ExporterConfig.Metrics.PERCENTILES)))
        .contains(
            "metrics.exclude[1]: names no family that can be left out (the per-endpoint and"
                + " per-model families of docs/metrics.md); nearest:"
                + " openrouter_endpoint_workload_latency_last_30m_seconds");
  }

  @Test
  void theExportersOwnFamiliesCannotBeLeftOut() {
    assertThat(
            SeriesSelection.problem(
                selection(List.of("openrouter_up"), ExporterConfig.Metrics.PERCENTILES)))
        .hasValueSatisfying(problem -> assertThat(problem).startsWith("metrics.exclude[0]: "));
    assertThat(
            SeriesSelection.problem(
                selection(List.of("jvm_*"), ExporterConfig.Metrics.PERCENTILES)))
        .isPresent();
  }

  @Test
  void globsThatNameFamiliesAreNoProblem() {
    assertThat(
            SeriesSelection.problem(
                selection(
                    List.of("openrouter_endpoint_workload_*", "openrouter_endpoint_info"),
                    ExporterConfig.Metrics.PERCENTILES)))
        .isEmpty();
  }

  @Test
  void excludedFamiliesAndPercentilesAreAbsentFromEveryReading() throws IOException {
    ExporterMetrics metrics =
        new ExporterMetrics(
            Fixtures.storeWithAllCaptures(POLLED_AT),
            Duration.ofMinutes(10),
            new BuildInfo("0.1.0", "143cd0b9a8e1", "17.0.15"),
            new MutableClock(POLLED_AT),
            new HeapPressure());
    String before = text(metrics, false);
    assertThat(before)
        .contains("openrouter_endpoint_workload_requests_last_30m{")
        .contains("openrouter_endpoint_info{")
        .contains("percentile=\"p75\"");

    metrics.configLoaded(
        Fixtures.config(
            selection(
                List.of("openrouter_endpoint_workload_*", "openrouter_endpoint_info"),
                List.of("p90", "p50"))));

    String registry = Fixtures.text(metrics.prometheusRegistry().scrape());
    for (String reading : List.of(text(metrics, false), text(metrics, true), registry)) {
      assertThat(reading)
          .doesNotContain("openrouter_endpoint_workload_")
          .doesNotContain("openrouter_endpoint_info")
          .doesNotContain("percentile=\"p75\"")
          .doesNotContain("percentile=\"p99\"")
          .contains("openrouter_endpoint_latency_last_30m_seconds{")
          .contains("openrouter_up{")
          .contains("openrouter_model_info{");
      assertThat(percentiles(reading)).containsExactly("p50", "p90");
    }
    // The rest stays as it was, line for line.
    assertThat(
            text(metrics, false)
                .lines()
                .filter(line -> line.startsWith("openrouter_endpoint_uptime")))
        .containsExactlyElementsOf(
            before.lines().filter(line -> line.startsWith("openrouter_endpoint_uptime")).toList());
  }

  @Test
  void theEstimateCountsEachFamilysMostSeriesPerEndpoint() {
    assertThat(SeriesEstimate.perEndpoint(SeriesSelection.ALL)).isEqualTo(50);
    SeriesSelection withoutWorkloads =
        SeriesSelection.of(
            selection(
                List.of("openrouter_endpoint_workload_*"), ExporterConfig.Metrics.PERCENTILES));
    assertThat(SeriesEstimate.perEndpoint(withoutWorkloads)).isEqualTo(41);
    SeriesSelection twoPercentiles =
        SeriesSelection.of(
            selection(List.of("openrouter_endpoint_workload_*"), List.of("p50", "p90")));
    assertThat(SeriesEstimate.perEndpoint(twoPercentiles)).isEqualTo(37);
    assertThat(SeriesEstimate.perModel(SeriesSelection.ALL)).isEqualTo(14);
    assertThat(
            SeriesEstimate.summary(
                selection(List.of("openrouter_endpoint_workload_*"), List.of("p50", "p90"))))
        .isEqualTo(
            """
              series per endpoint (at most):       50 of every family, 37 as configured
              series per model, besides:           14 of every family, 14 as configured
            """);
  }

  private static String text(ExporterMetrics metrics, boolean gzip) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    metrics.exposition().scrape(ScrapeFormat.TEXT, gzip, Set.of()).writeTo(out);
    if (!gzip) {
      return out.toString(StandardCharsets.UTF_8);
    }
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(out.toByteArray()))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static Set<String> percentiles(String exposition) {
    Set<String> percentiles = new TreeSet<>();
    Matcher matcher = Pattern.compile("percentile=\"(p\\d+)\"").matcher(exposition);
    while (matcher.find()) {
      percentiles.add(matcher.group(1));
    }
    return percentiles;
  }
}
