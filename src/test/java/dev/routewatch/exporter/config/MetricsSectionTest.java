package dev.routewatch.exporter.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code metrics.exclude} and {@code metrics.percentiles} as the loader reads and checks them. */
class MetricsSectionTest {

  private static final Path VALID = Path.of("src/test/resources/config/valid");
  private static final Path INVALID = Path.of("src/test/resources/config/invalid");

  @Test
  void leftOutTheyExportEveryFamilyAndEveryPercentile() throws Exception {
    ExporterConfig config = ConfigLoader.load(VALID.resolve("minimal.yml"), Map.of());

    assertThat(config.metrics().exclude()).isEmpty();
    assertThat(config.metrics().percentiles()).containsExactly("p50", "p75", "p90", "p99");
  }

  @Test
  void readsGlobsAndPercentilesAsWritten() throws Exception {
    ExporterConfig config = ConfigLoader.load(VALID.resolve("metrics-selection.yml"), Map.of());

    assertThat(config.metrics())
        .isEqualTo(
            new ExporterConfig.Metrics(
                false,
                List.of(
                    new FamilyGlob("openrouter_endpoint_workload_*"),
                    new FamilyGlob("openrouter_endpoint_unit_price_usd")),
                List.of("p90", "p50")));
  }

  @Test
  void aGlobMatchesWholeNames() {
    FamilyGlob workload = new FamilyGlob("openrouter_endpoint_workload_*");

    assertThat(workload.matches("openrouter_endpoint_workload_requests_last_30m")).isTrue();
    assertThat(workload.matches("openrouter_endpoint_info")).isFalse();
    assertThat(
            new FamilyGlob("openrouter_endpoint_uptime_last_?m_ratio")
                .matches("openrouter_endpoint_uptime_last_5m_ratio"))
        .isTrue();
    assertThat(new FamilyGlob("openrouter_endpoint").matches("openrouter_endpoint_info")).isFalse();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          metrics-unknown-percentile.yml   | metrics.percentiles[1]: not one of p50, p75, p90, p99
          metrics-duplicate-percentile.yml | metrics.percentiles[2]: duplicate percentile
          metrics-no-percentiles.yml       | metrics.percentiles: must list at least one of p50, p75, p90, p99 (to leave a family out, use metrics.exclude)
          metrics-exclude-with-space.yml   | metrics.exclude[1]: not a family name pattern (letters, digits, _ : and the wildcards * ?)
          metrics-exclude-null.yml         | metrics.exclude[0]: expected a family name or pattern
          metrics-exclude-not-a-list.yml   | metrics.exclude: expected a list
          """)
  void rejectsAnInvalidSelectionNamingTheKey(String name, String problem) {
    Path file = INVALID.resolve(name);

    assertThatExceptionOfType(ConfigException.class)
        .isThrownBy(() -> ConfigLoader.load(file, Map.of()))
        .withMessage(file + ": " + problem);
  }
}
