package dev.routewatch.exporter.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jar under libfaketime, whose wall clock the test steps as chrony or ntpd would: back an hour,
 * forward a day, back to the true time. Polling keeps its rhythm throughout (measured by this JVM's
 * monotonic clock at the fake upstream), the last-success timestamps follow the wall clock the
 * exporter sees, and a failing model's series go stale after {@code stale_after} of real time.
 */
class ClockStepIT {

  private static final Path LIBFAKETIME =
      Path.of("/usr/lib/x86_64-linux-gnu/faketime/libfaketimeMT.so.1");
  private static final Duration INTERVAL = Duration.ofSeconds(2);
  private static final Duration PHASE = Duration.ofSeconds(12);
  private static final List<String> HEALTHY =
      List.of("moonshotai/kimi-k3", "upstage/solar-decide", "jaredpalmer/kev-4b");
  private static final String FAILING = "typesafe/jev-1.13";
  private static final Pattern FAILING_SERIES =
      Pattern.compile("openrouter_endpoint_[a-z_0-9]+\\{[^}]*model=\"typesafe/jev-1.13\"");

  @TempDir Path dir;

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void everyModelIsPolledOnScheduleWhileTheWallClockStepsBackAndForward() throws Exception {
    assumeTrue(libfaketimeInstalled(), "libfaketime is not installed");
    Path offset = dir.resolve("faketime");
    Files.writeString(offset, "+0\n");
    List<String> models = new ArrayList<>(HEALTHY);
    models.add(FAILING);
    try (FixtureUpstream upstream = new FixtureUpstream()) {
      Path config =
          Scrapes.writeConfig(
              dir, upstream.baseUrl(), models, INTERVAL.toSeconds() + "s", "6s", "2s");
      Map<String, String> env =
          Map.of(
              "LD_PRELOAD",
              LIBFAKETIME.toString(),
              "FAKETIME_TIMESTAMP_FILE",
              offset.toString(),
              // The JVM hangs when its monotonic clock is faked; the point is that it is not.
              "FAKETIME_DONT_FAKE_MONOTONIC",
              "1",
              // Read the file again at most a second after it changed.
              "FAKETIME_CACHE_DURATION",
              "1",
              // With glibc 2.36 libfaketime turns this on by itself, and then the JVM's timed
              // waits return early: start-up took 40 s instead of 4 on a busy machine.
              "FAKETIME_FORCE_MONOTONIC_FIX",
              "0");
      try (ExporterProcess exporter = ExporterProcess.start(env, "--config.file=" + config)) {
        try {
          stepAndCheck(upstream, exporter.port(), offset);
        } finally {
          // Stopped rather than killed, the process lets libfaketime remove its shared memory.
          exporter.process().destroy();
          exporter.process().waitFor(10, TimeUnit.SECONDS);
        }
      }
    }
  }

  private static void stepAndCheck(FixtureUpstream upstream, int port, Path offset)
      throws Exception {
    Scrapes.awaitReady(port, Duration.ofSeconds(30));
    long start = System.nanoTime();
    Phase normal = Phase.run(port, offset, 0);

    upstream.answer(FAILING, () -> new MockResponse.Builder().code(500).body("down").build());
    Phase back = Phase.run(port, offset, -3600);
    Phase ahead = Phase.run(port, offset, 86_400);
    Phase corrected = Phase.run(port, offset, 0);
    long end = System.nanoTime();

    List<FixtureUpstream.Arrival> arrivals = upstream.arrivals();
    Map<String, Duration> gaps = new LinkedHashMap<>();
    for (String model : HEALTHY) {
      List<Long> times = times(arrivals, model, start, end);
      gaps.put(model, largestGap(times, start, end));
      System.out.printf(
          "Clock steps: %s polled %d times in %d s, largest gap %d ms%n",
          model,
          times.size(),
          TimeUnit.NANOSECONDS.toSeconds(end - start),
          gaps.get(model).toMillis());
    }
    Duration failingGap = largestGap(times(arrivals, FAILING, back.start, end), back.start, end);
    System.out.printf(
        "Clock steps: failing model's largest gap %d ms; its series gone %s after it began"
            + " failing (stale_after 6 s)%n",
        failingGap.toMillis(),
        back.failingGoneAfter == null ? "never" : back.failingGoneAfter.toMillis() + " ms");
    for (Phase phase : List.of(normal, back, ahead, corrected)) {
      System.out.printf(
          "Clock steps: offset %+d s: last-success timestamps off the exporter's clock by %s s%n",
          phase.offsetSeconds, phase.timestampErrors);
    }

    gaps.forEach(
        (model, gap) -> assertThat(gap).as(model).isLessThanOrEqualTo(INTERVAL.multipliedBy(3)));
    for (Phase phase : List.of(normal, back, ahead, corrected)) {
      assertThat(phase.timestampErrors.values())
          .as("last-success timestamps at offset %d s", phase.offsetSeconds)
          .allSatisfy(error -> assertThat(error).isLessThanOrEqualTo(6.0));
    }
    assertThat(back.failingGoneAfter)
        .as("the failing model's series go after stale_after of real time")
        .isNotNull()
        .isLessThanOrEqualTo(Duration.ofSeconds(10));
    // Backing off, the failing model waits at most four intervals (and a fifth of that).
    assertThat(failingGap).isLessThanOrEqualTo(INTERVAL.multipliedBy(7));
    assertThat(Scrapes.get(port, "/-/ready").statusCode()).isEqualTo(200);
  }

  /**
   * One stretch of time at a wall-clock offset: the offset is written at its start, /metrics is
   * read throughout.
   */
  private static final class Phase {
    final long offsetSeconds;
    final long start = System.nanoTime();

    /** How far each healthy model's last success is from the exporter's wall clock, at the end. */
    final Map<String, Double> timestampErrors = new LinkedHashMap<>();

    /** When the failing model's endpoint series were first missing; null if they stayed. */
    Duration failingGoneAfter;

    private Phase(long offsetSeconds) {
      this.offsetSeconds = offsetSeconds;
    }

    static Phase run(int port, Path offsetFile, long offsetSeconds) throws Exception {
      Files.writeString(offsetFile, (offsetSeconds < 0 ? "" : "+") + offsetSeconds + "\n");
      Phase phase = new Phase(offsetSeconds);
      String metrics;
      do {
        Thread.sleep(250);
        metrics = Scrapes.metrics(port);
        if (phase.failingGoneAfter == null && !FAILING_SERIES.matcher(metrics).find()) {
          phase.failingGoneAfter = Duration.ofNanos(System.nanoTime() - phase.start);
        }
      } while (System.nanoTime() - phase.start < PHASE.toNanos());
      double exporterNow = System.currentTimeMillis() / 1e3 + offsetSeconds;
      for (String model : HEALTHY) {
        double error = Math.abs(lastSuccess(metrics, model) - exporterNow);
        phase.timestampErrors.put(model, Math.round(error * 10) / 10.0);
      }
      return phase;
    }
  }

  private static double lastSuccess(String metrics, String model) {
    Matcher matcher =
        Pattern.compile(
                "openrouter_last_successful_poll_timestamp_seconds\\{model=\""
                    + Pattern.quote(model)
                    + "\"} (\\S+)")
            .matcher(metrics);
    assertThat(matcher.find()).as("timestamp of %s", model).isTrue();
    return Double.parseDouble(matcher.group(1));
  }

  private static List<Long> times(
      List<FixtureUpstream.Arrival> arrivals, String model, long from, long to) {
    String path = "/api/v1/models/" + model + "/endpoints";
    return arrivals.stream()
        .filter(arrival -> arrival.path().equals(path))
        .map(FixtureUpstream.Arrival::nanos)
        .filter(nanos -> nanos >= from && nanos <= to)
        .toList();
  }

  /** The longest time without a request, counting from {@code from} and up to {@code to}. */
  private static Duration largestGap(List<Long> times, long from, long to) {
    long largest = 0;
    long previous = from;
    for (long time : times) {
      largest = Math.max(largest, time - previous);
      previous = time;
    }
    return Duration.ofNanos(Math.max(largest, to - previous));
  }

  /** Whether libfaketime is installed; CI installs it, so there its absence is a failure. */
  private static boolean libfaketimeInstalled() {
    if (Files.isRegularFile(LIBFAKETIME)) {
      return true;
    }
    if (System.getenv("CI") != null) {
      throw new AssertionError("libfaketime is missing; .ci/run installs Debian's faketime");
    }
    return false;
  }
}
