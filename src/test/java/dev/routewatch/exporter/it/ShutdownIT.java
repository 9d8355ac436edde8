package dev.routewatch.exporter.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGTERM ends the exporter promptly even while upstream calls hang. */
class ShutdownIT {

  @TempDir Path dir;

  @Test
  void sigtermStopsPollingCancelsHangingCallsAndExitsWithinFiveSeconds() throws Exception {
    try (FixtureUpstream upstream = new FixtureUpstream()) {
      // The answer's headers never come within the test: the call is in flight at SIGTERM.
      upstream.answer(
          "moonshotai/kimi-k3",
          () -> new MockResponse.Builder().headersDelay(60, TimeUnit.SECONDS).build());
      // A generous timeout, so only cancellation can end the call.
      Path config =
          Scrapes.writeConfig(
              dir, upstream.baseUrl(), List.of("moonshotai/kimi-k3"), "1h", "2h", "5m");
      ExporterProcess exporter = ExporterProcess.start(Map.of(), "--config.file=" + config);
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(20))
          .until(() -> !upstream.requests().isEmpty());

      long signalled = System.nanoTime();
      // SIGTERM through the handle: Process.destroy() would also close the output pipe.
      exporter.process().toHandle().destroy();
      boolean exited = exporter.process().waitFor(10, TimeUnit.SECONDS);
      Duration took = Duration.ofNanos(System.nanoTime() - signalled);
      String output = exporter.finalOutput();
      exporter.close();

      assertThat(exited).as(output).isTrue();
      assertThat(took).isLessThan(Duration.ofSeconds(5));
      assertThat(output).contains("Stopped");
      assertThat(exporter.process().exitValue()).as("exit code after SIGTERM").isZero();
    }
  }

  @Test
  void sigtermRightAfterTheListeningLineStillStopsCleanly() throws Exception {
    try (FixtureUpstream upstream = new FixtureUpstream()) {
      Path config =
          Scrapes.writeConfig(dir, upstream.baseUrl(), List.of("moonshotai/kimi-k3"), "1h", "2h");
      // Several launches: the signal lands at a slightly different moment of the start each time.
      for (int launch = 0; launch < 5; launch++) {
        ExporterProcess exporter = ExporterProcess.start(Map.of(), "--config.file=" + config);
        exporter.process().toHandle().destroy();
        boolean exited = exporter.process().waitFor(10, TimeUnit.SECONDS);
        String output = exporter.finalOutput();
        exporter.close();

        assertThat(exited).as(output).isTrue();
        assertThat(exporter.process().exitValue()).as("exit code; " + output).isZero();
        assertThat(output).contains("Stopped");
      }
    }
  }
}
