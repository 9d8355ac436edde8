package dev.routewatch.exporter.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The request budget as the upstream sees it: request times recorded at the fake server while more
 * models want polling than the budget allows.
 */
@Timeout(120)
class RequestBudgetIT {

  private static final String CAPTURE = "03-jaredpalmer-kev-4b-endpoints-latency-null.json";

  @TempDir Path dir;

  @RegisterExtension
  final ExporterExtension exporters = ExporterExtension.builder().startedByTests().build();

  /** 1 s interval; {@code timeout} is there for a reload to change an upstream setting. */
  private static Path config(
      Path dir, String baseUrl, List<String> models, int perMinute, String timeout)
      throws Exception {
    Path config = dir.resolve("budget.yml");
    Files.writeString(
        config,
        String.format(
            """
            openrouter:
              base_url: %s
              timeout: %s
              max_requests_per_minute: %d
            poll:
              interval: 1s
            models: [%s]
            web:
              listen_address: 127.0.0.1:0
            """,
            baseUrl, timeout, perMinute, String.join(", ", models)));
    return config;
  }

  private static List<String> models(int count) {
    List<String> models = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      models.add("budget/model-" + i);
    }
    return models;
  }

  /** The upstream, answering each of {@code models} with the capture. */
  private FixtureUpstream serving(List<String> models) {
    FixtureUpstream upstream = exporters.upstream();
    models.forEach(model -> upstream.serve(model, CAPTURE));
    return upstream;
  }

  @Test
  void noWindowHoldsMoreThanTheRatePlusTheBurstAndTheBudgetIsUsed() throws Exception {
    // 120 a minute: 2 a second and a bucket of 20 (10 seconds' worth), while 10 models polled
    // every second would want 10 a second.
    int perSecond = 2;
    int burst = 20;
    List<String> models = models(10);
    FixtureUpstream upstream = serving(models);
    Path config = config(dir, upstream.baseUrl(), models, perSecond * 60, "10s");
    long measured;
    try (ExporterProcess exporter = exporters.startOn(config)) {
      Thread.sleep(12_000);
      measured = System.nanoTime();
    }

    List<Long> times = arrivalsUntil(upstream, measured);
    double seconds = (times.get(times.size() - 1) - times.get(0)) / 1e9;
    printFigures("request budget", times, perSecond, burst);
    assertWithinBudget(times, perSecond, burst);
    assertThat((double) times.size())
        .as("the budget is used: %d requests in %.1f s", times.size(), seconds)
        .isGreaterThanOrEqualTo(0.9 * (burst + perSecond * seconds));
  }

  @Test
  void aRateLimitPausesEveryModelUntilRetryAfterThenPollingResumes() throws Exception {
    List<String> models = models(4);
    FixtureUpstream upstream = serving(models);
    Path config = config(dir, upstream.baseUrl(), models, 6000, "10s");
    try (ExporterProcess exporter = exporters.startOn(config)) {
      Scrapes.awaitReady(exporter.port(), Duration.ofSeconds(20));
      String limited = models.get(0);
      long[] answeredAt = {0};
      upstream.answer(
          limited,
          () -> {
            answeredAt[0] = System.nanoTime();
            upstream.restore(limited); // only once
            return new MockResponse.Builder().code(429).setHeader("Retry-After", "3").build();
          });

      await().atMost(Duration.ofSeconds(10)).until(() -> answeredAt[0] != 0);
      long pausedFrom = answeredAt[0];
      await()
          .atMost(Duration.ofSeconds(15))
          .until(
              () ->
                  upstream.arrivals().stream()
                      .anyMatch(a -> a.nanos() > pausedFrom + TimeUnit.SECONDS.toNanos(3)));

      List<FixtureUpstream.Arrival> duringPause =
          upstream.arrivals().stream()
              .filter(a -> a.nanos() > pausedFrom)
              .filter(a -> a.nanos() < pausedFrom + TimeUnit.MILLISECONDS.toNanos(2_900))
              .toList();
      assertThat(duringPause).as("requests while paused").isEmpty();
      assertThat(Scrapes.metrics(exporter.port()))
          .contains(
              "openrouter_poll_errors_total{model=\"" + limited + "\",reason=\"rate_limited\"} 1");
      // Polling resumed for every model.
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  models.stream()
                      .allMatch(
                          model ->
                              upstream.arrivals().stream()
                                  .anyMatch(
                                      a ->
                                          a.nanos() > pausedFrom + TimeUnit.SECONDS.toNanos(3)
                                              && a.path().contains("/" + model + "/"))));
    }
  }

  @Test
  void reloadsThatRebuildPollingNeverSendMoreThanTheBudget() throws Exception {
    int perSecond = 2;
    int burst = 20;
    List<String> models = models(10);
    FixtureUpstream upstream = serving(models);
    Path config = config(dir, upstream.baseUrl(), models, perSecond * 60, "10s");
    int reloads = 0;
    long measured;
    try (ExporterProcess exporter = exporters.startOn(config, "--web.enable-lifecycle")) {
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(12);
      for (int i = 0; System.nanoTime() < until; i++) {
        // A changed upstream setting makes a reload build polling afresh; every third one
        // halves the rate, which must not hand out tokens when it is raised again.
        config(
            dir,
            upstream.baseUrl(),
            models,
            i % 3 == 2 ? perSecond * 30 : perSecond * 60,
            i % 3 == 0 ? "11s" : "10s");
        if (Scrapes.postReload(exporter.port()).statusCode() == 200) {
          reloads++;
        }
      }
      measured = System.nanoTime();
    }

    List<Long> times = arrivalsUntil(upstream, measured);
    printFigures(reloads + " reloads", times, perSecond, burst);
    assertThat(reloads).as("reloads applied").isGreaterThanOrEqualTo(20);
    assertWithinBudget(times, perSecond, burst);
  }

  @Test
  void aPauseOutlivesAReloadThatRebuildsPolling() throws Exception {
    List<String> models = models(4);
    FixtureUpstream upstream = serving(models);
    Path config = config(dir, upstream.baseUrl(), models, 6000, "10s");
    try (ExporterProcess exporter = exporters.startOn(config, "--web.enable-lifecycle")) {
      int port = exporter.port();
      Scrapes.awaitReady(port, Duration.ofSeconds(20));
      String limited = models.get(0);
      long[] answeredAt = {0};
      upstream.answer(
          limited,
          () -> {
            answeredAt[0] = System.nanoTime();
            upstream.restore(limited); // only once
            return new MockResponse.Builder().code(429).setHeader("Retry-After", "4").build();
          });
      // The pause is set before the failure is counted.
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> Scrapes.metrics(port).contains("reason=\"rate_limited\"} 1"));
      long pausedFrom = answeredAt[0];

      config(dir, upstream.baseUrl(), models, 6000, "11s");
      assertThat(Scrapes.postReload(port).statusCode()).isEqualTo(200);
      await()
          .atMost(Duration.ofSeconds(15))
          .until(
              () ->
                  upstream.arrivals().stream()
                      .anyMatch(a -> a.nanos() > pausedFrom + TimeUnit.SECONDS.toNanos(4)));

      assertThat(
              upstream.arrivals().stream()
                  .filter(a -> a.nanos() > pausedFrom)
                  .filter(a -> a.nanos() < pausedFrom + TimeUnit.MILLISECONDS.toNanos(3_900)))
          .as("requests while paused, across the reload")
          .isEmpty();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"999999999999", "Fri, 31 Dec 9999 23:59:59 GMT"})
  void aRetryAfterBeyondTheCapIsCountedAndPausesForTheCap(String retryAfter) throws Exception {
    String limited = "budget/model-0";
    FixtureUpstream upstream = exporters.upstream();
    upstream.answer(
        limited,
        () -> new MockResponse.Builder().code(429).setHeader("Retry-After", retryAfter).build());
    Path config = config(dir, upstream.baseUrl(), List.of(limited), 6000, "10s");
    try (ExporterProcess exporter = exporters.startOn(config)) {
      int port = exporter.port();

      // Ready once every model was polled, whatever the outcome.
      Scrapes.awaitReady(port, Duration.ofSeconds(20));
      assertThat(Scrapes.metrics(port))
          .contains(
              "openrouter_poll_errors_total{model=\"" + limited + "\",reason=\"rate_limited\"} 1")
          .contains("openrouter_up{model=\"" + limited + "\"} 0");
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> exporter.output().contains("pausing every request for 3600s"));
      assertThat(exporter.output()).doesNotContain("Exception").doesNotContain("\tat ");
    }
  }

  /** Sorted arrival times at the fake upstream up to {@code measured}. */
  private static List<Long> arrivalsUntil(FixtureUpstream upstream, long measured) {
    return upstream.arrivals().stream()
        .mapToLong(FixtureUpstream.Arrival::nanos)
        .filter(t -> t <= measured)
        .sorted()
        .boxed()
        .toList();
  }

  private static void assertWithinBudget(List<Long> times, int perSecond, int burst) {
    for (int window = 1; window <= 12; window++) {
      // One request of slack: the token of a request may be taken just before a window opens.
      assertThat(maxInWindow(times, TimeUnit.SECONDS.toNanos(window)))
          .as("requests in any %d s window", window)
          .isLessThanOrEqualTo(perSecond * window + burst + 1);
    }
  }

  /** Figures for docs/operations.md and notes, not assertions. */
  private static void printFigures(String what, List<Long> times, int perSecond, int burst) {
    System.out.printf(
        "%s: %d requests in %.1f s (rate %d/s, burst %d); most in any 1 s: %d, 5 s: %d,"
            + " 10 s: %d%n",
        what,
        times.size(),
        (times.get(times.size() - 1) - times.get(0)) / 1e9,
        perSecond,
        burst,
        maxInWindow(times, TimeUnit.SECONDS.toNanos(1)),
        maxInWindow(times, TimeUnit.SECONDS.toNanos(5)),
        maxInWindow(times, TimeUnit.SECONDS.toNanos(10)));
  }

  private static int maxInWindow(List<Long> sorted, long windowNanos) {
    int max = 0;
    int start = 0;
    for (int end = 0; end < sorted.size(); end++) {
      while (sorted.get(end) - sorted.get(start) >= windowNanos) {
        start++;
      }
      max = Math.max(max, end - start + 1);
    }
    return max;
  }
}
