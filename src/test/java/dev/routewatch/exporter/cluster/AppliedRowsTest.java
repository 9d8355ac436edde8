package dev.routewatch.exporter.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.routewatch.exporter.MutableClock;
import dev.routewatch.exporter.config.ModelId;
import dev.routewatch.exporter.openrouter.FailureReason;
import dev.routewatch.exporter.openrouter.ModelEndpoints;
import dev.routewatch.exporter.snapshot.ModelState;
import dev.routewatch.exporter.snapshot.SnapshotStore;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AppliedRowsTest {

  private static final ModelId MODEL = new ModelId("moonshotai/kimi-k3");
  private static final Instant AT = Instant.parse("2026-11-26T01:00:00Z");

  private final SnapshotStore store = new SnapshotStore(List.of(MODEL));
  private final MutableClock clock = new MutableClock(AT.plusSeconds(90));
  private final AppliedRows applied = new AppliedRows(store, 256, clock);

  private static byte[] capture() throws Exception {
    try (InputStream in =
        AppliedRowsTest.class.getResourceAsStream(
            "/openrouter/real/06-moonshotai-kimi-k3-endpoints-with-latency-reduced.json")) {
      return in.readAllBytes();
    }
  }

  private static StateTable.Row row(byte[] answer, boolean up, long version) {
    return new StateTable.Row(
        MODEL.value(),
        answer,
        AT,
        AT.plusSeconds(60),
        Duration.ofMillis(120),
        up,
        up ? null : "http_error",
        up ? null : "HTTP 500",
        Map.of("http_error", 2L),
        version,
        AT.minusSeconds(162));
  }

  @Test
  void aRowBecomesTheStateThePollingReplicaHadWithTheAnswerParsedAsTheClientParsesIt()
      throws Exception {
    byte[] body = capture();

    applied.apply(row(body, false, 3));

    ModelState state = store.current().models().get(MODEL);
    assertThat(state.lastGoodAnswer())
        .isEqualTo(ModelEndpoints.read(body, 256).withProducedAt(AT.minusSeconds(162)));
    assertThat(state.dataTime()).isEqualTo(AT.minusSeconds(162));
    assertThat(state.lastSuccess().wall()).isEqualTo(AT);
    assertThat(state.lastAttempt().wall()).isEqualTo(AT.plusSeconds(60));
    assertThat(state.lastPollDuration()).isEqualTo(Duration.ofMillis(120));
    assertThat(state.up()).isFalse();
    assertThat(state.lastFailure()).isEqualTo(FailureReason.HTTP_ERROR);
    assertThat(state.lastError()).isEqualTo("HTTP 500");
    assertThat(state.errorCounts())
        .containsEntry(FailureReason.HTTP_ERROR, 2L)
        .containsEntry(FailureReason.TIMEOUT, 0L)
        .hasSize(FailureReason.values().length);
  }

  @Test
  void storedTimesAgeByThisReplicasMonotonicClockFromWhenTheRowIsApplied() throws Exception {
    applied.apply(row(capture(), false, 1));
    clock.stepWall(Duration.ofHours(-1));
    clock.advance(Duration.ofSeconds(30));

    ModelState state = store.current().models().get(MODEL);
    assertThat(state.lastSuccess().until(clock.now())).isEqualTo(Duration.ofSeconds(120));
    assertThat(state.lastAttempt().until(clock.now())).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void aTimeAheadOfThisReplicasClockCountsAsNow() throws Exception {
    clock.stepWall(Duration.ofMinutes(-5));

    applied.apply(row(capture(), true, 1));

    assertThat(store.current().models().get(MODEL).lastSuccess().until(clock.now()))
        .isEqualTo(Duration.ZERO);
  }

  @Test
  void anOlderVersionNeverReplacesANewerOne() throws Exception {
    applied.apply(row(capture(), true, 5));
    applied.apply(row(null, false, 4));

    assertThat(store.current().models().get(MODEL).up()).isTrue();
    assertThat(applied.behind(Map.of(MODEL.value(), 5L))).isEmpty();
    assertThat(applied.behind(Map.of(MODEL.value(), 6L))).containsExactly(MODEL.value());
  }

  @Test
  void rowsOfModelsThisReplicaDoesNotPollAreLeftOut() {
    assertThat(applied.behind(Map.of("other/model", 1L))).isEmpty();
  }
}
