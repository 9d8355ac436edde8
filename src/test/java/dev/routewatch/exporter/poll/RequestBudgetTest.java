package dev.routewatch.exporter.poll;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@Timeout(30)
class RequestBudgetTest {

  private final AtomicLong nanos = new AtomicLong();

  @Test
  void aFullBucketAllowsTenSecondsWorthOfRequestsAtOnce() {
    RequestBudget budget = new RequestBudget(4, 120, nanos::get);

    for (int i = 0; i < 20; i++) {
      assertThat(budget.reserveToken()).as("request %d", i).isZero();
    }
    assertThat(budget.reserveToken()).isEqualTo(TimeUnit.MILLISECONDS.toNanos(500));
  }

  @Test
  void waitingRequestsQueueUpAtTheRefillRate() {
    RequestBudget budget = new RequestBudget(4, 60, nanos::get);
    for (int i = 0; i < 10; i++) {
      budget.reserveToken();
    }

    assertThat(budget.reserveToken()).isEqualTo(TimeUnit.SECONDS.toNanos(1));
    assertThat(budget.reserveToken()).isEqualTo(TimeUnit.SECONDS.toNanos(2));
    nanos.addAndGet(TimeUnit.SECONDS.toNanos(2));
    assertThat(budget.reserveToken()).isEqualTo(TimeUnit.SECONDS.toNanos(1));
  }

  @Test
  void anIdleBucketRefillsOnlyUpToItsBurst() {
    RequestBudget budget = new RequestBudget(4, 60, nanos::get);
    nanos.addAndGet(TimeUnit.HOURS.toNanos(1));

    for (int i = 0; i < 10; i++) {
      assertThat(budget.reserveToken()).isZero();
    }
    assertThat(budget.reserveToken()).isPositive();
  }

  @Test
  void aBudgetBelowSixPerMinuteStillAllowsOneRequest() {
    RequestBudget budget = new RequestBudget(1, 1, nanos::get);

    assertThat(budget.reserveToken()).isZero();
    assertThat(budget.reserveToken()).isEqualTo(TimeUnit.MINUTES.toNanos(1));
  }

  @Test
  void concurrencyIsBoundedBySlots() throws Exception {
    RequestBudget budget = new RequestBudget(2, 6000);
    RequestBudget.Permit first = budget.acquire();
    RequestBudget.Permit second = budget.acquire();
    CountDownLatch thirdAcquired = new CountDownLatch(1);
    Thread third =
        new Thread(
            () -> {
              try (RequestBudget.Permit ignored = budget.acquire()) {
                thirdAcquired.countDown();
              } catch (InterruptedException ignored) {
                // the test ends it
              }
            });
    third.start();

    assertThat(thirdAcquired.await(200, TimeUnit.MILLISECONDS)).isFalse();
    first.close();
    assertThat(thirdAcquired.await(5, TimeUnit.SECONDS)).isTrue();
    second.close();
    third.join();
  }

  @Test
  void aRequestWaitingForItsTokenGivesUpItsSlotWhenInterrupted() throws Exception {
    RequestBudget budget = new RequestBudget(1, 1);
    budget.acquire().close();
    Thread waiter =
        new Thread(
            () -> {
              try {
                budget.acquire().close();
              } catch (InterruptedException expected) {
                // what the test wants
              }
            });
    waiter.start();
    while (budget.availableSlots() != 0) {
      Thread.onSpinWait();
    }

    waiter.interrupt();
    waiter.join(5_000);

    assertThat(waiter.isAlive()).isFalse();
    assertThat(budget.availableSlots()).isEqualTo(1);
  }

  @Test
  void aPauseHoldsEveryRequestBackAndTheLongerPauseWins() {
    RequestBudget budget = new RequestBudget(4, 60, nanos::get);

    budget.pauseFor(Duration.ofSeconds(5));
    nanos.addAndGet(TimeUnit.SECONDS.toNanos(2));
    budget.pauseFor(Duration.ofSeconds(1));

    assertThat(budget.pauseLeft()).isEqualTo(TimeUnit.SECONDS.toNanos(3));
    budget.pauseFor(Duration.ofHours(5));
    assertThat(budget.pauseLeft()).isEqualTo(RequestBudget.MAX_PAUSE.toNanos());
  }

  @Test
  void aCallerWaitsOutAPauseBeforeItsRequest() throws Exception {
    RequestBudget budget = new RequestBudget(1, 6000);
    budget.pauseFor(Duration.ofMillis(300));
    long started = System.nanoTime();

    budget.acquire().close();

    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .isGreaterThanOrEqualTo(Duration.ofMillis(250));
  }

  static Stream<Arguments> pauses() {
    Duration cap = RequestBudget.MAX_PAUSE;
    return Stream.of(
        Arguments.of(Duration.ZERO, Duration.ZERO),
        Arguments.of(Duration.ofNanos(1), Duration.ofNanos(1)),
        Arguments.of(Duration.ofSeconds(-5), Duration.ZERO),
        Arguments.of(Duration.ofSeconds(Long.MIN_VALUE), Duration.ZERO),
        Arguments.of(cap, cap),
        Arguments.of(cap.plusNanos(1), cap),
        Arguments.of(Duration.ofSeconds(999_999_999_999L), cap),
        Arguments.of(Duration.ofDays(365L * 8000), cap),
        Arguments.of(Duration.ofSeconds(Long.MAX_VALUE, 999_999_999), cap));
  }

  @ParameterizedTest(name = "asked {0}, paused {1}")
  @MethodSource("pauses")
  void aPauseLastsWhatWasAskedBetweenZeroAndTheCap(Duration asked, Duration applied) {
    RequestBudget budget = new RequestBudget(4, 60, nanos::get);

    assertThat(budget.pauseFor(asked)).isEqualTo(applied);
    assertThat(budget.pauseLeft()).isEqualTo(applied.toNanos());
  }

  @Test
  void aShorterPauseReportsTheLongerOneStillRunning() {
    RequestBudget budget = new RequestBudget(4, 60, nanos::get);
    budget.pauseFor(Duration.ofSeconds(30));
    nanos.addAndGet(TimeUnit.SECONDS.toNanos(10));

    assertThat(budget.pauseFor(Duration.ofSeconds(5))).isEqualTo(Duration.ofSeconds(20));
  }

  @Test
  void newLimitsKeepTheTokensSpentAndNeverHandOutMore() {
    RequestBudget budget = new RequestBudget(4, 120, nanos::get);
    for (int i = 0; i < 15; i++) {
      budget.reserveToken(); // 5 of 20 left
    }

    budget.limit(4, 6000); // a bucket of 1000: still 5 left
    for (int i = 0; i < 5; i++) {
      assertThat(budget.reserveToken()).as("request %d", i).isZero();
    }
    assertThat(budget.reserveToken()).isPositive();
  }

  @Test
  void aSmallerBucketKeepsOnlyWhatFitsAndItsDebt() {
    RequestBudget budget = new RequestBudget(4, 120, nanos::get);

    budget.limit(4, 60); // 20 left, a bucket of 10
    for (int i = 0; i < 10; i++) {
      assertThat(budget.reserveToken()).as("request %d", i).isZero();
    }
    assertThat(budget.reserveToken()).isEqualTo(TimeUnit.SECONDS.toNanos(1));
    budget.limit(4, 30); // one token in debt, now earned at one per 2 s
    assertThat(budget.reserveToken()).isEqualTo(TimeUnit.SECONDS.toNanos(4));
  }

  @Test
  void newLimitsKeepARunningPause() {
    RequestBudget budget = new RequestBudget(4, 120, nanos::get);
    budget.pauseFor(Duration.ofSeconds(30));

    budget.limit(8, 600);

    assertThat(budget.pauseLeft()).isEqualTo(TimeUnit.SECONDS.toNanos(30));
  }

  @Test
  void fewerSlotsWaitForTheCallsInFlightAndMoreAreFreeAtOnce() throws Exception {
    RequestBudget budget = new RequestBudget(3, 6000);
    RequestBudget.Permit first = budget.acquire();
    RequestBudget.Permit second = budget.acquire();

    budget.limit(1, 6000);
    assertThat(budget.availableSlots()).isEqualTo(-1);
    first.close();
    second.close();
    assertThat(budget.availableSlots()).isEqualTo(1);

    budget.limit(4, 6000);
    assertThat(budget.availableSlots()).isEqualTo(4);
  }

  @Test
  void aRequestInterruptedBeforeItIsSentGivesItsTokenBack() throws Exception {
    RequestBudget budget = new RequestBudget(2, 60, nanos::get);
    for (int i = 0; i < 10; i++) {
      budget.reserveToken();
    }
    Thread waiter =
        new Thread(
            () -> {
              try {
                budget.acquire().close(); // one token in debt: waits a second
              } catch (InterruptedException expected) {
                // what the test wants
              }
            });
    waiter.start();
    while (budget.availableSlots() != 1) {
      Thread.onSpinWait();
    }

    waiter.interrupt();
    waiter.join(5_000);

    assertThat(waiter.isAlive()).isFalse();
    assertThat(budget.reserveToken()).isEqualTo(TimeUnit.SECONDS.toNanos(1));
  }
}
