package dev.routewatch.exporter.poll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.routewatch.exporter.config.ModelId;
import dev.routewatch.exporter.openrouter.FailureReason;
import dev.routewatch.exporter.openrouter.ModelEndpoints;
import dev.routewatch.exporter.openrouter.UpstreamException;
import dev.routewatch.exporter.snapshot.ModelState;
import dev.routewatch.exporter.snapshot.SnapshotStore;
import dev.routewatch.exporter.snapshot.TimeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class PollSchedulerTest {

  private static final ModelId A = new ModelId("a/one");
  private static final ModelId B = new ModelId("b/two");
  private static final ModelId C = new ModelId("c/three");
  private static final ModelId D = new ModelId("d/four");

  private final Map<ModelId, List<Long>> startsMillis = new ConcurrentHashMap<>();
  private final Map<ModelId, AtomicInteger> running = new ConcurrentHashMap<>();
  private final List<String> overlaps = Collections.synchronizedList(new ArrayList<>());
  private PollScheduler scheduler;

  @AfterEach
  void stop() throws Exception {
    if (scheduler != null) {
      scheduler.close();
    }
  }

  private ModelEndpoints recordCall(ModelId model, Duration takes) throws InterruptedException {
    startsMillis
        .computeIfAbsent(model, m -> Collections.synchronizedList(new ArrayList<>()))
        .add(System.currentTimeMillis());
    if (running.computeIfAbsent(model, m -> new AtomicInteger()).incrementAndGet() > 1) {
      overlaps.add(model.value());
    }
    try {
      Thread.sleep(takes.toMillis());
    } finally {
      running.get(model).decrementAndGet();
    }
    return new ModelEndpoints(model.value(), null, null, null, List.of());
  }

  private SnapshotStore start(List<ModelId> models, Duration interval, ModelFetcher fetcher)
      throws Exception {
    SnapshotStore store = new SnapshotStore(models);
    ModelPoller poller =
        new ModelPoller(
            fetcher,
            new RequestBudget(4, 100_000),
            store,
            PollResults.into(store),
            interval,
            "https://openrouter.ai/api/v1",
            TimeSource.SYSTEM);
    scheduler = new PollScheduler(poller, interval, 4, ScheduleStore.IN_MEMORY, TimeSource.SYSTEM);
    scheduler.start(models);
    return store;
  }

  @Test
  void theFirstRoundPollsEveryModelAtOnce() throws Exception {
    long started = System.currentTimeMillis();
    SnapshotStore store =
        start(List.of(A, B, C, D), Duration.ofHours(1), m -> recordCall(m, Duration.ZERO));

    await().atMost(Duration.ofSeconds(5)).until(() -> store.current().allPolledOnce());
    assertThat(startsMillis).containsOnlyKeys(A, B, C, D);
    assertThat(startsMillis.values())
        .allSatisfy(starts -> assertThat(starts.get(0) - started).isLessThan(2_000));
    assertThat(store.current().states()).allMatch(ModelState::up);
  }

  @Test
  void laterPollsAreSpreadAcrossTheInterval() throws Exception {
    start(List.of(A, B, C, D), Duration.ofSeconds(2), m -> recordCall(m, Duration.ZERO));

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> startsMillis.values().stream().allMatch(starts -> starts.size() >= 2));
    List<Long> secondPolls = new ArrayList<>();
    for (ModelId model : List.of(A, B, C, D)) {
      secondPolls.add(startsMillis.get(model).get(1));
    }
    // Model i of 4 repeats from 1 + i / 4 intervals on: 500 ms apart.
    for (int i = 1; i < secondPolls.size(); i++) {
      assertThat(secondPolls.get(i) - secondPolls.get(i - 1)).isBetween(300L, 700L);
    }
  }

  @Test
  @Timeout(10)
  void afterAWallClockStepATriggerFiresWithinOneIntervalAtItsPlaceInTheInterval() {
    Instant now = Instant.parse("2026-12-02T09:00:00Z");
    Duration interval = Duration.ofSeconds(30);
    Duration back = Duration.ofHours(-1);
    Duration ahead = Duration.ofDays(1).plusSeconds(7);

    // Due 10 s from now before the clock went back an hour: still 10 s from now.
    assertThat(PollScheduler.afterStep(now.minus(back).plusSeconds(10), back, now, interval))
        .isEqualTo(now.plusSeconds(10));
    // Due 10 s from now in the old time, noticed 2 s late after a step forward: 8 s from now.
    Instant before = now.minusSeconds(2).minus(ahead);
    assertThat(PollScheduler.afterStep(before.plusSeconds(10), ahead, now, interval))
        .isEqualTo(now.plusSeconds(8));
    // Already moved by Quartz's misfire handling to its next slot in the new time: no later than
    // one interval from now.
    assertThat(PollScheduler.afterStep(now.plusSeconds(20), ahead, now, interval))
        .isBetween(now, now.plus(interval));
    // Its time passed while the step went unnoticed: late by less than half an interval, it runs
    // now, as Quartz runs a late fire; later than that, the next one waits for its time.
    assertThat(PollScheduler.afterStep(now.minusSeconds(3).minus(back), back, now, interval))
        .isEqualTo(now);
    assertThat(PollScheduler.afterStep(now.minusSeconds(20).minus(back), back, now, interval))
        .isEqualTo(now.plusSeconds(10));
    // A first poll not yet run: at once.
    assertThat(PollScheduler.afterStep(now.minusSeconds(3).minus(back), back, now, Duration.ZERO))
        .isEqualTo(now);
  }

  @Test
  void aPollThatOutlastsTheIntervalNeverOverlapsItselfNorCatchesUpInABurst() throws Exception {
    // Each poll takes 2.2 intervals. Catching up would start the next poll the moment one ends
    // (2.2 s apart); skipping the missed fires waits for the next slot (3 s apart). The bound sits
    // halfway, so that a poll started late on a busy machine (which shortens the wait for the
    // next slot) is not taken for a burst.
    start(List.of(A), Duration.ofSeconds(1), m -> recordCall(m, Duration.ofMillis(2_200)));

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> startsMillis.getOrDefault(A, List.of()).size() >= 4);

    assertThat(overlaps).isEmpty();
    List<Long> starts = List.copyOf(startsMillis.get(A));
    for (int i = 1; i < starts.size(); i++) {
      assertThat(starts.get(i) - starts.get(i - 1))
          .as("gap before poll %d", i)
          .isGreaterThan(2_600);
    }
  }

  @Test
  void aFailingModelDoesNotStopTheOthers() throws Exception {
    SnapshotStore store =
        start(
            List.of(A, B),
            Duration.ofMillis(300),
            m -> {
              if (m.equals(A)) {
                throw new UpstreamException(FailureReason.HTTP_ERROR, "HTTP 500");
              }
              return recordCall(m, Duration.ZERO);
            });

    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () -> store.current().models().get(A).errorCounts().get(FailureReason.HTTP_ERROR) >= 3);
    assertThat(store.current().models().get(A).up()).isFalse();
    assertThat(store.current().models().get(B).up()).isTrue();
  }

  @Test
  void closingInterruptsAPollThatWaitsForTheBudget() throws Exception {
    SnapshotStore store = new SnapshotStore(List.of(A, B));
    // One request a minute: B's first poll waits a minute for its token.
    ModelPoller poller =
        new ModelPoller(
            m -> recordCall(m, Duration.ZERO),
            new RequestBudget(1, 1),
            store,
            PollResults.into(store),
            Duration.ofMinutes(5),
            "https://openrouter.ai/api/v1",
            TimeSource.SYSTEM);
    scheduler =
        new PollScheduler(
            poller, Duration.ofMinutes(5), 2, ScheduleStore.IN_MEMORY, TimeSource.SYSTEM);
    scheduler.start(List.of(A, B));
    await().atMost(Duration.ofSeconds(5)).until(() -> startsMillis.size() == 1);

    long closing = System.nanoTime();
    scheduler.close();
    scheduler = null;

    assertThat(Duration.ofNanos(System.nanoTime() - closing)).isLessThan(Duration.ofSeconds(2));
    assertThat(startsMillis).hasSize(1);
  }
}
