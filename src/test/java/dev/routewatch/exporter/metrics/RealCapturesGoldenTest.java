package dev.routewatch.exporter.metrics;

import static dev.routewatch.exporter.metrics.Fixtures.storeWithAllCaptures;
import static dev.routewatch.exporter.metrics.Fixtures.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * The collector's whole text output for every real capture, against a golden file, so that a change
 * of any name, label, unit or conversion shows up as a reviewed diff. After a deliberate change,
 * regenerate the file and review it:
 *
 * <pre>
 * ./mvnw -B -q test -Dtest=RealCapturesGoldenTest -Dgolden.update=true
 * git diff src/test/resources/metrics/
 * </pre>
 */
class RealCapturesGoldenTest {

  private static final Path GOLDEN = Path.of("src/test/resources/metrics/real-captures.txt");
  private static final Instant POLLED_AT = Instant.parse("2026-09-28T16:00:00Z");

  @Test
  void allRealCapturesRenderAsTheGoldenFile() throws IOException {
    SnapshotCollector collector =
        new SnapshotCollector(
            storeWithAllCaptures(POLLED_AT),
            Duration.ofMinutes(10),
            Clock.fixed(POLLED_AT, ZoneOffset.UTC));
    String actual = text(collector.collect());

    if (Boolean.getBoolean("golden.update")) {
      Files.writeString(GOLDEN, actual, StandardCharsets.UTF_8);
    }
    assertThat(actual).isEqualTo(Files.readString(GOLDEN, StandardCharsets.UTF_8));
  }
}
