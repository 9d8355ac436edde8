package dev.routewatch.exporter.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

  @ParameterizedTest
  @CsvSource({
    "0, PT0S",
    "0s, PT0S",
    "500ms, PT0.5S",
    "90s, PT1M30S",
    "5m, PT5M",
    "1h30m, PT1H30M",
    "1h0m, PT1H",
    "2d, PT48H",
    "1w, PT168H",
    "1y, PT8760H",
    "1y2w3d4h5m6s7ms, PT9172H5M6.007S",
    "0010s, PT10S"
  })
  void parsesUnitsWrittenFromLargestToSmallest(String text, Duration expected) {
    assertThat(Durations.parse(text)).isEqualTo(expected);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {
        "10",
        "-5s",
        "1.5m",
        "1,5m",
        "5 m",
        " 5m",
        "5M",
        "5sec",
        "5min",
        "1us",
        "1ns",
        "30m1h",
        "1s500ms1m",
        "1m1m",
        "ms",
        "s",
        "h1",
        "+5s",
        "5m ",
        "PT5M"
      })
  void rejectsAnythingElseWithoutQuotingIt(String text) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Durations.parse(text))
        .withMessage("not a duration (e.g. 30s, 5m, 1h)");
  }

  @ParameterizedTest
  @ValueSource(strings = {"293y", "99999999999999999999s", "9223372036854775807ms"})
  void rejectsDurationsBeyondPrometheusRange(String text) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Durations.parse(text))
        .withMessage("duration out of range");
  }

  @ParameterizedTest
  @CsvSource({"PT0S, 0s", "PT0.5S, 500ms", "PT1M30S, 1m30s", "PT1H, 1h", "PT240H, 1w3d"})
  void formatsTheShortestPrometheusSpelling(Duration duration, String expected) {
    assertThat(Durations.format(duration)).isEqualTo(expected);
  }

  @Test
  void formatReadsBackAsTheSameDuration() {
    Duration duration = Duration.ofDays(400).plusHours(5).plusMillis(7);

    assertThat(Durations.parse(Durations.format(duration))).isEqualTo(duration);
  }
}
