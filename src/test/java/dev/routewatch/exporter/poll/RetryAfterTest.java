package dev.routewatch.exporter.poll;

import static org.assertj.core.api.Assertions.assertThat;

import dev.routewatch.exporter.config.ExporterConfig;
import dev.routewatch.exporter.config.ModelId;
import dev.routewatch.exporter.openrouter.FailureReason;
import dev.routewatch.exporter.openrouter.OpenRouterClient;
import dev.routewatch.exporter.snapshot.ModelState;
import dev.routewatch.exporter.snapshot.SnapshotStore;
import dev.routewatch.exporter.snapshot.TimeSource;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A 429 through the real client and poller: whatever its {@code Retry-After} says, the poll counts
 * as rate limited and the whole budget pauses for what the header asks, at most the cap. The
 * budget's clock stands still, so the pause left is exactly the pause applied.
 */
@Timeout(30)
class RetryAfterTest {

  private static final ModelId MODEL = new ModelId("a/b");

  @StartStop private final MockWebServer server = new MockWebServer();
  private final SnapshotStore store = new SnapshotStore(List.of(MODEL));
  private final RequestBudget budget = new RequestBudget(1, 600, () -> 0L);

  /** "cap" for the longest pause, "default" for a 429 without a readable Retry-After. */
  private static Duration pause(String expected) {
    return switch (expected) {
      case "cap" -> RequestBudget.MAX_PAUSE;
      case "default" -> RequestBudget.DEFAULT_RATE_LIMIT_PAUSE;
      default -> Duration.ofSeconds(Long.parseLong(expected));
    };
  }

  @ParameterizedTest(name = "Retry-After: [{0}] pauses for {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "999999999999                  | cap",
        "99999999999999999999999999999 | cap",
        "Fri, 31 Dec 9999 23:59:59 GMT | cap",
        "3601                          | cap",
        "3600                          | 3600",
        "'  7  '                       | 7",
        "0                             | 0",
        "Thu, 01 Jan 1970 00:00:00 GMT | 0",
        "-5                            | default",
        "-999999999999999999999        | default",
        "1e3                           | default",
        "soon                          | default",
        "''                            | default",
        "Fri, 31 Dec 99999 23:59:59 GMT | cap",
      })
  void everyRetryAfterIsCountedAsRateLimitedAndPausesForAtMostTheCap(
      String retryAfter, String expected) throws Exception {
    server.enqueue(
        new MockResponse.Builder().code(429).setHeader("Retry-After", retryAfter).build());

    ModelState state = poll();

    assertThat(state.up()).isFalse();
    assertThat(state.errorCounts()).containsEntry(FailureReason.RATE_LIMITED, 1L);
    assertThat(state.errorCounts().values().stream().mapToLong(Long::longValue).sum())
        .as("failures counted")
        .isOne();
    assertThat(Duration.ofNanos(budget.pauseLeft())).isEqualTo(pause(expected));
  }

  private ModelState poll() throws InterruptedException {
    ExporterConfig.Upstream settings =
        new ExporterConfig.Upstream(
            server.url("/api/v1").toString(),
            Optional.empty(),
            Duration.ofSeconds(10),
            1,
            600,
            1024 * 1024,
            256);
    try (OpenRouterClient client = new OpenRouterClient(settings, "test", code -> {})) {
      new ModelPoller(
              client::modelEndpoints,
              budget,
              store,
              PollResults.into(store),
              Duration.ofMinutes(1),
              "https://openrouter.ai/api/v1",
              TimeSource.SYSTEM)
          .poll(MODEL);
    }
    return store.current().models().get(MODEL);
  }
}
