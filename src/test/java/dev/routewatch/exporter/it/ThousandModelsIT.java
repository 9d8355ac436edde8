package dev.routewatch.exporter.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scheduling under load: 1,000 models against an upstream that takes 200 ms per answer, on this
 * 2-core machine. When the budget allows it (here 64 calls at once: a round needs about 3.1 s of
 * the 5 s interval), every model is polled in every interval.
 */
@Tag("stress")
class ThousandModelsIT {

  private static final int MODELS = 1_000;
  private static final long INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(5);

  @TempDir Path dir;

  @Test
  void everyModelIsPolledInEveryInterval() throws Exception {
    List<String> models = new ArrayList<>();
    for (int i = 0; i < MODELS; i++) {
      models.add("load/model-" + i);
    }
    try (FixtureUpstream upstream = new FixtureUpstream()) {
      String capture = "03-jaredpalmer-kev-4b-endpoints-latency-null.json";
      models.forEach(
          model ->
              upstream.answer(
                  model,
                  () ->
                      FixtureUpstream.ok(FixtureUpstream.captureFor(model, capture))
                          .newBuilder()
                          .headersDelay(200, TimeUnit.MILLISECONDS)
                          .build()));
      Path config = dir.resolve("thousand.yml");
      Files.writeString(
          config,
          String.format(
              """
              openrouter:
                base_url: %s
                max_concurrent_requests: 64
                max_requests_per_minute: 100000
              poll:
                interval: 5s
              models: [%s]
              web:
                listen_address: 127.0.0.1:0
              """,
              upstream.baseUrl(), String.join(", ", models)));
      try (ExporterProcess exporter = ExporterProcess.start(Map.of(), "--config.file=" + config)) {
        Thread.sleep(TimeUnit.NANOSECONDS.toMillis(4 * INTERVAL_NANOS));
      }

      // From its second poll on (the first repeat waits for the spread slot, up to two
      // intervals after the first round), each model is polled one interval apart: none misses.
      Map<String, List<Long>> arrivals = new HashMap<>();
      for (FixtureUpstream.Arrival arrival : upstream.arrivals()) {
        // The catalog read (GET /models), scheduled without patterns too, is no model's poll.
        if (arrival.path().endsWith("/endpoints")) {
          arrivals.computeIfAbsent(arrival.path(), path -> new ArrayList<>()).add(arrival.nanos());
        }
      }
      assertThat(arrivals).hasSize(MODELS);
      List<String> late = new ArrayList<>();
      arrivals.forEach(
          (path, times) -> {
            if (times.size() < 3) {
              late.add(path + " was polled only " + times.size() + " times");
            }
            for (int i = 2; i < times.size(); i++) {
              long gap = times.get(i) - times.get(i - 1);
              if (gap > INTERVAL_NANOS + TimeUnit.MILLISECONDS.toNanos(1_500)) {
                late.add(path + " waited " + TimeUnit.NANOSECONDS.toMillis(gap) + " ms");
              }
            }
          });
      assertThat(late).as("polls that missed their interval").isEmpty();
    }
  }
}
