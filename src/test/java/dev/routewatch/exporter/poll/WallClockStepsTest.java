package dev.routewatch.exporter.poll;

import static org.assertj.core.api.Assertions.assertThat;

import dev.routewatch.exporter.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class WallClockStepsTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T09:00:00Z"));
  private final WallClockSteps steps = new WallClockSteps(clock);

  @Test
  void aWallClockThatKeepsPaceWithTheMonotonicOneHasNotStepped() {
    clock.advance(Duration.ofHours(3));
    assertThat(steps.check()).isEmpty();

    clock.advance(Duration.ofSeconds(1));
    clock.stepWall(WallClockSteps.TOLERANCE); // within what slewing explains
    assertThat(steps.check()).isEmpty();
  }

  @Test
  void stepsBackAndForwardAreSeenOnceWithTheirSize() {
    clock.advance(Duration.ofSeconds(1));
    clock.stepWall(Duration.ofHours(-1));
    assertThat(steps.check()).hasValue(Duration.ofHours(-1));
    clock.advance(Duration.ofSeconds(1));
    assertThat(steps.check()).isEmpty();

    clock.stepWall(Duration.ofDays(1));
    clock.advance(Duration.ofSeconds(1));
    assertThat(steps.check()).hasValue(Duration.ofDays(1));
  }
}
