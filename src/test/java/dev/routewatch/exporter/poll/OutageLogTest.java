package dev.routewatch.exporter.poll;

import static org.assertj.core.api.Assertions.assertThat;

import dev.routewatch.exporter.MutableClock;
import dev.routewatch.exporter.config.ModelId;
import dev.routewatch.exporter.openrouter.FailureReason;
import dev.routewatch.exporter.openrouter.ModelEndpoints;
import dev.routewatch.exporter.snapshot.Moment;
import dev.routewatch.exporter.snapshot.SnapshotStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutageLogTest {

  private static final ModelId A = new ModelId("a/one");
  private static final ModelId B = new ModelId("b/two");
  private static final ModelId C = new ModelId("c/three");
  private static final String UPSTREAM = "https://openrouter.ai/api/v1";
  private static final String NO_DNS =
      "cannot resolve openrouter.ai (DNS failure or no network; behind a proxy, set"
          + " -Dhttps.proxyHost)";

  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T12:00:30Z"));
  private final SnapshotStore store = new SnapshotStore(List.of(A, B, C));
  private final OutageLog outage = new OutageLog(store, UPSTREAM);

  private Moment fail(ModelId model, FailureReason reason) {
    Moment now = clock.now();
    store.update(model, state -> state.failed(reason, NO_DNS, now, Duration.ZERO));
    return now;
  }

  @Test
  void summarisesOnlyWhileEveryModelFailsAndEveryFiveMinutesAtMost() {
    assertThat(outage.afterFailure(fail(A, FailureReason.IO_ERROR))).isEmpty();
    assertThat(outage.afterFailure(fail(B, FailureReason.IO_ERROR))).isEmpty();
    clock.advance(Duration.ofSeconds(40));

    String first = outage.afterFailure(fail(C, FailureReason.TIMEOUT)).orElseThrow();
    clock.advance(Duration.ofMinutes(2));
    boolean soonAfter = outage.afterFailure(fail(A, FailureReason.IO_ERROR)).isPresent();
    clock.advance(Duration.ofMinutes(3));
    String fiveMinutesLater = outage.afterFailure(fail(B, FailureReason.IO_ERROR)).orElseThrow();

    assertThat(first)
        .isEqualTo(
            "3 of 3 models failing since 12:01 UTC: io_error, timeout, upstream " + UPSTREAM);
    assertThat(soonAfter).isFalse();
    assertThat(fiveMinutesLater).isEqualTo(first);
  }

  @Test
  void oneSuccessEndsTheOutageWithOneLine() {
    fail(A, FailureReason.IO_ERROR);
    fail(B, FailureReason.IO_ERROR);
    outage.afterFailure(fail(C, FailureReason.IO_ERROR)).orElseThrow();
    store.update(
        B,
        state ->
            state.succeeded(
                new ModelEndpoints("b/two", "B", 1L, null, List.of()), clock.now(), Duration.ZERO));

    assertThat(outage.afterSuccess(B))
        .contains(
            "Poll of b/two succeeded: upstream "
                + UPSTREAM
                + " answers again after every model failed since 12:00 UTC");
    assertThat(outage.afterSuccess(A)).isEmpty();
    assertThat(outage.afterFailure(fail(A, FailureReason.IO_ERROR))).isEmpty();
  }

  @Test
  void anUnreachableUpstreamIsReportedOnceForAllModelsUntilAPollSucceeds() {
    boolean first = outage.alreadyReported(FailureReason.IO_ERROR, NO_DNS);
    boolean second = outage.alreadyReported(FailureReason.IO_ERROR, NO_DNS);
    boolean otherFault = outage.alreadyReported(FailureReason.IO_ERROR, "no route to x:443");
    boolean modelFault = outage.alreadyReported(FailureReason.HTTP_ERROR, "HTTP 500");
    boolean modelFaultAgain = outage.alreadyReported(FailureReason.HTTP_ERROR, "HTTP 500");
    outage.afterSuccess(A);
    boolean afterSuccess = outage.alreadyReported(FailureReason.IO_ERROR, "no route to x:443");

    assertThat(first).isFalse();
    assertThat(second).isTrue();
    assertThat(otherFault).isFalse();
    assertThat(modelFault).isFalse();
    assertThat(modelFaultAgain).isFalse();
    assertThat(afterSuccess).isFalse();
  }
}
