package dev.routewatch.exporter.poll;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {

  private static final Duration INTERVAL = Duration.ofMinutes(1);
  private final Backoff backoff = new Backoff(INTERVAL, new Random(42));

  @Test
  void theDelayDoublesWithEachFailureWithinTwentyPercent() {
    for (int failures = 1; failures <= 3; failures++) {
      Duration nominal = INTERVAL.multipliedBy(1L << (failures - 1));
      for (int i = 0; i < 200; i++) {
        assertThat(backoff.delay(failures))
            .isBetween(
                nominal.multipliedBy(8).dividedBy(10), nominal.multipliedBy(12).dividedBy(10));
      }
    }
  }

  @Test
  void theDelayIsCappedAtFourIntervals() {
    for (int failures : new int[] {4, 5, 10, 64, Integer.MAX_VALUE}) {
      assertThat(backoff.delay(failures))
          .isLessThanOrEqualTo(INTERVAL.multipliedBy(48).dividedBy(10));
    }
  }

  @Test
  void theDelayIsJittered() {
    assertThat(backoff.delay(3)).isNotEqualTo(backoff.delay(3));
  }
}
