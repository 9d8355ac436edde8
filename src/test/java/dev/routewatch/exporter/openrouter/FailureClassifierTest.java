package dev.routewatch.exporter.openrouter;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FailureClassifierTest {

  @ParameterizedTest
  @CsvSource({
    "404, NOT_FOUND",
    "429, RATE_LIMITED",
    "400, HTTP_ERROR",
    "401, HTTP_ERROR",
    "403, HTTP_ERROR",
    "410, HTTP_ERROR",
    "301, HTTP_ERROR",
    "500, HTTP_ERROR",
    "503, HTTP_ERROR"
  })
  void onlyA404IsNotFoundAndOnlyA429IsRateLimited(int code, FailureReason reason) {
    assertThat(FailureClassifier.reason(code)).isEqualTo(reason);
  }
}
