package dev.routewatch.exporter.poll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.routewatch.exporter.config.ModelId;
import dev.routewatch.exporter.openrouter.FailureReason;
import dev.routewatch.exporter.openrouter.ModelEndpoints;
import dev.routewatch.exporter.openrouter.UpstreamException;
import dev.routewatch.exporter.snapshot.ModelState;
import dev.routewatch.exporter.snapshot.SnapshotStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelPollerTest {

  private static final ModelId MODEL = new ModelId("a/b");
  private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
  private static final ModelEndpoints ANSWER =
      new ModelEndpoints("a/b", "A B", 1L, null, List.of());

  private final SnapshotStore store = new SnapshotStore(List.of(MODEL));
  private final RequestBudget budget = new RequestBudget(1, 600);

  private ModelState pollWith(ModelFetcher fetcher) throws InterruptedException {
    new ModelPoller(fetcher, budget, store, Clock.fixed(NOW, ZoneOffset.UTC)).poll(MODEL);
    return store.current().models().get(MODEL);
  }

  @Test
  void aSuccessfulPollStoresTheAnswerAndItsTime() throws Exception {
    ModelState state = pollWith(model -> ANSWER);

    assertThat(state.up()).isTrue();
    assertThat(state.lastGoodAnswer()).isSameAs(ANSWER);
    assertThat(state.lastSuccess()).isEqualTo(NOW);
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
}
