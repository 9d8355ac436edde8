package dev.routewatch.exporter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ReloadsTest {

  private final AtomicInteger runs = new AtomicInteger();
  private final CountDownLatch started = new CountDownLatch(1);
  private final CountDownLatch release = new CountDownLatch(1);

  /** A reload that blocks, as one reading a pipe nobody writes to, until released. */
  private Optional<String> blockingReload() {
    runs.incrementAndGet();
    started.countDown();
    try {
      release.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of("interrupted");
    }
    return Optional.empty();
  }

  @Test
  @Timeout(60)
  void manySignalsDuringAReloadLeaveOneMoreToRunAfterIt() throws Exception {
    try (Reloads reloads = new Reloads(this::blockingReload)) {
      reloads.request();
      assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
      for (int i = 0; i < 100; i++) {
        reloads.request();
      }

      release.countDown();

      // The second run ends at once (the latch is open); then the queue is idle again.
      Optional<CompletableFuture<Optional<String>>> next =
          await()
              .atMost(Duration.ofSeconds(10))
              .pollInterval(Duration.ofMillis(5))
              .until(reloads::startIfIdle, Optional::isPresent);
      assertThat(next.get().get(10, TimeUnit.SECONDS)).isEmpty();
      assertThat(runs).as("the first, the one pending, the one just asked for").hasValue(3);
    }
  }

  @Test
  @Timeout(60)
  void aRequestThatWaitsForTheOutcomeIsRefusedWhileAReloadRuns() throws Exception {
    try (Reloads reloads = new Reloads(this::blockingReload)) {
      CompletableFuture<Optional<String>> first = reloads.startIfIdle().orElseThrow();
      assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

      assertThat(reloads.startIfIdle()).isEmpty();
      assertThat(first).isNotDone();

      release.countDown();
      assertThat(first.get(10, TimeUnit.SECONDS)).isEmpty();
      assertThat(runs).hasValue(1);
    }
  }

  @Test
  @Timeout(60)
  void closingDropsTheWaitingReloadAndRefusesNewOnesWithoutWaitingForTheRunningOne()
      throws Exception {
    Reloads reloads = new Reloads(this::blockingReload);
    CompletableFuture<Optional<String>> running = reloads.startIfIdle().orElseThrow();
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
    reloads.request();

    reloads.close();
    reloads.request();

    assertThat(reloads.startIfIdle().orElseThrow())
        .isCompletedWithValue(Optional.of("the exporter is stopping"));
    assertThat(running).isNotDone();
    release.countDown();
    assertThat(running.get(10, TimeUnit.SECONDS)).isEmpty();
    assertThat(runs).as("neither the pending reload nor the one asked after close").hasValue(1);
  }
}
