package dev.routewatch.exporter.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code metrics.exclude} and {@code metrics.percentiles} as a scraper and {@code --config.check}
 * see them, against the real captures.
 */
class SeriesSelectionIT {

  private static final String SELECTION =
      "metrics:\n"
          + "  exclude: [openrouter_endpoint_workload_*, openrouter_endpoint_info]\n"
          + "  percentiles: [p50, p90]\n";

  @RegisterExtension
  static final ExporterExtension exporter =
      ExporterExtension.builder()
          .appendConfig(SELECTION)
          .env("OPENROUTER_API_KEY", "sk-or-selection")
          .awaitReady()
          .build();

  @Test
  void excludedFamiliesAndPercentilesAreAbsentFromMetrics() throws Exception {
    String metrics = exporter.metrics();

    assertThat(metrics)
        .doesNotContain("openrouter_endpoint_workload_")
        .doesNotContain("openrouter_endpoint_info")
        .doesNotContain("percentile=\"p75\"")
        .doesNotContain("percentile=\"p99\"")
        .contains("percentile=\"p50\"", "percentile=\"p90\"")
        .contains("openrouter_endpoint_uptime_last_30m_ratio{", "openrouter_up{")
        .contains("openrouter_exporter_build_info{");
  }

  @Test
  void configCheckPrintsTheSeriesPerEndpointWithAndWithoutTheSelection() throws Exception {
    ExporterProcess.Result result =
        ExporterProcess.run(Map.of(), "--config.file=" + exporter.config(), "--config.check");

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output())
        .contains(
            "  metrics.exclude:                     [openrouter_endpoint_workload_*,"
                + " openrouter_endpoint_info]\n")
        .contains("  metrics.percentiles:                 [p50, p90]\n")
        .contains("  series per endpoint (at most):       50 of every family, 36 as configured\n")
        .contains("  series per model, besides:           14 of every family, 14 as configured");
  }

  @Test
  void anExclusionThatNamesNoFamilyStopsStartUpNamingTheKey() throws Exception {
    Path config = exporter.dir().resolve("typo.yml");
    Files.writeString(
        config,
        Files.readString(exporter.config())
            .replace("openrouter_endpoint_workload_*", "openrouter_endpoint_workloads_*"));

    ExporterProcess.Result result = ExporterProcess.run(Map.of(), "--config.file=" + config);

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.output())
        .contains(
            config
                + ": metrics.exclude[0]: names no family that can be left out (the per-endpoint"
                + " and per-model families of docs/metrics.md); nearest:"
                + " openrouter_endpoint_workload_latency_last_30m_seconds");
  }
}
