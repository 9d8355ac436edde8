package dev.routewatch.exporter.poll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.routewatch.exporter.MutableClock;
import dev.routewatch.exporter.config.ModelId;
import dev.routewatch.exporter.openrouter.FailureReason;
import dev.routewatch.exporter.openrouter.ModelEndpoints;
import dev.routewatch.exporter.openrouter.UpstreamException;
import dev.routewatch.exporter.snapshot.ModelState;
import dev.routewatch.exporter.snapshot.SnapshotStore;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ModelPollerTest {

  private static final ModelId MODEL = new ModelId("a/b");
  private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
  private static final ModelEndpoints ANSWER =
      new ModelEndpoints("a/b", "A B", 1L, null, List.of());

  private static final Duration INTERVAL = Duration.ofMinutes(1);

  private final MutableClock clock = new MutableClock(NOW);
  private final SnapshotStore store = new SnapshotStore(List.of(MODEL));
  private final RequestBudget budget = new RequestBudget(1, 600);

  private final Map<ModelFetcher, ModelPoller> pollers = new HashMap<>();

  /** Polls with one poller per fetcher, so that a test's polls share their backoff. */
  private ModelState pollWith(ModelFetcher fetcher) throws InterruptedException {
    pollers
        .computeIfAbsent(
            fetcher,
            f -> new ModelPoller(f, budget, store, new Backoff(INTERVAL, new Random(1)), clock))
        .poll(MODEL);
    return store.current().models().get(MODEL);
  }

  @Test
  void aSuccessfulPollStoresTheAnswerAndItsTime() throws Exception {
    ModelState state = pollWith(model -> ANSWER);

    assertThat(state.up()).isTrue();
    assertThat(state.lastGoodAnswer()).isSameAs(ANSWER);
    assertThat(state.lastSuccess().wall()).isEqualTo(NOW);
    assertThat(state.lastPollDuration()).isNotNull();
  }

  @Test
  void aFailedPollCountsItsReasonAndKeepsTheLastGoodAnswer() throws Exception {
    pollWith(model -> ANSWER);

    ModelState state =
        pollWith(
            model -> {
              throw new UpstreamException(FailureReason.TIMEOUT, "timed out");
            });

    assertThat(state.up()).isFalse();
    assertThat(state.lastFailure()).isEqualTo(FailureReason.TIMEOUT);
    assertThat(state.lastError()).isEqualTo("timed out");
    assertThat(state.errorCounts()).containsEntry(FailureReason.TIMEOUT, 1L);
    assertThat(state.lastGoodAnswer()).isSameAs(ANSWER);
  }

  @Test
  void anUnexpectedErrorCountsAsABadResponseInsteadOfEndingTheJob() throws Exception {
    ModelState state =
        pollWith(
            model -> {
              throw new IllegalStateException("bug");
            });

    assertThat(state.up()).isFalse();
    assertThat(state.errorCounts()).containsEntry(FailureReason.BAD_RESPONSE, 1L);
  }

  @Test
  void anInterruptedPollLeavesTheStateAsItWasAndReleasesItsSlot() {
    assertThatThrownBy(
            () ->
                pollWith(
                    model -> {
                      throw new InterruptedException();
                    }))
        .isInstanceOf(InterruptedException.class);

    assertThat(store.current().models().get(MODEL).polledOnce()).isFalse();
    assertThat(budget.availableSlots()).isEqualTo(1);
  }

  @Test
  void aModelThatKeepsFailingSkipsFiresThenASuccessResetsIt() throws Exception {
    int[] calls = {0};
    boolean[] healthy = {false};
    ModelFetcher fetcher =
        model -> {
          calls[0]++;
          if (!healthy[0]) {
            throw new UpstreamException(FailureReason.HTTP_ERROR, "HTTP 503");
          }
          return ANSWER;
        };

    pollWith(fetcher); // failure 1: the next fire is due
    clock.advance(INTERVAL);
    pollWith(fetcher); // failure 2: back off about two intervals
    clock.advance(INTERVAL);
    pollWith(fetcher); // skipped
    assertThat(calls[0]).isEqualTo(2);
    clock.advance(INTERVAL);
    healthy[0] = true;
    pollWith(fetcher); // due again, and succeeds
    assertThat(calls[0]).isEqualTo(3);
    healthy[0] = false;
    clock.advance(INTERVAL);
    pollWith(fetcher); // failure 1 again: the backoff was reset
    clock.advance(INTERVAL);
    pollWith(fetcher);

    assertThat(calls[0]).isEqualTo(5);
  }

  @Test
  void aBackoffLastsAsLongAsTheMonotonicClockSaysWhateverTheWallClockDoes() throws Exception {
    int[] calls = {0};
    ModelFetcher failing =
        model -> {
          calls[0]++;
          throw new UpstreamException(FailureReason.HTTP_ERROR, "HTTP 503");
        };
    pollWith(failing);
    clock.advance(INTERVAL);
    pollWith(failing); // failure 2: back off about two intervals

    clock.stepWall(Duration.ofDays(1));
    clock.advance(INTERVAL);
    pollWith(failing); // one interval later, a day later by the wall clock: still backing off
    assertThat(calls[0]).isEqualTo(2);

    clock.stepWall(Duration.ofDays(-1).minusHours(1));
    clock.advance(INTERVAL);
    pollWith(failing); // two intervals later, an hour earlier by the wall clock: due
    assertThat(calls[0]).isEqualTo(3);
  }

  @Test
  void aRateLimitPausesTheWholeBudgetForItsRetryAfter() throws Exception {
    pollWith(
        model -> {
          throw new UpstreamException(
              FailureReason.RATE_LIMITED, "HTTP 429", Duration.ofSeconds(30));
        });

    assertThat(Duration.ofNanos(budget.pauseLeft()))
        .isBetween(Duration.ofSeconds(29), Duration.ofSeconds(30));
  }

  @Test
  void aRateLimitWithoutRetryAfterPausesForTheDefault() throws Exception {
    pollWith(
        model -> {
          throw new UpstreamException(FailureReason.RATE_LIMITED, "HTTP 429");
        });

    assertThat(Duration.ofNanos(budget.pauseLeft()))
        .isBetween(
            RequestBudget.DEFAULT_RATE_LIMIT_PAUSE.minusSeconds(1),
            RequestBudget.DEFAULT_RATE_LIMIT_PAUSE);
  }
}
