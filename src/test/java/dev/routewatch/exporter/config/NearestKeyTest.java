package dev.routewatch.exporter.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NearestKeyTest {

  private static final List<String> KEYS = ConfigKeys.of(ExporterConfig.class);

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          poll.intervall                 | poll.interval
          poll.intreval                  | poll.interval
          openrouter.baseurl             | openrouter.base_url
          poll.timeout                   | openrouter.timeout
          listen_address                 | web.listen_address
          openrouter.api_key             | openrouter.api_key_file
          cluster.password               | cluster.password_file
          metrics.supportedparameters    | metrics.supported_parameters
          """)
  void suggestsTheKeyMeant(String unknown, String meant) {
    assertThat(NearestKey.of(KEYS, unknown)).contains(meant);
  }

  @ParameterizedTest
  @CsvSource(
      textBlock =
          """
          scrape
          prometheus.job
          models[0].id
          poll.frequency
          """)
  void suggestsNothingFarFromEveryKey(String unknown) {
    assertThat(NearestKey.of(KEYS, unknown)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({"kitten, sitting, 3", "interval, intervall, 1", "'', abc, 3", "same, same, 0"})
  void distanceCountsEdits(String a, String b, int edits) {
    assertThat(NearestKey.distance(a, b)).isEqualTo(edits);
    assertThat(NearestKey.distance(b, a)).isEqualTo(edits);
  }
}
