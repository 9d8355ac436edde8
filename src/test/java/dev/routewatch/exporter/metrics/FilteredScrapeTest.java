package dev.routewatch.exporter.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.routewatch.exporter.MutableClock;
import dev.routewatch.exporter.config.ModelId;
import dev.routewatch.exporter.openrouter.FailureReason;
import dev.routewatch.exporter.snapshot.SnapshotStore;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusProtobufWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code name[]} filters served from the cached bytes: the answer is byte for byte what
 * client_java's writer gives for the registry filtered the same way.
 */
@Timeout(60)
class FilteredScrapeTest {

  private static final Instant POLLED_AT = Instant.parse("2026-09-28T16:00:00Z");
  private static final ModelId FAILING = new ModelId("moonshotai/kimi-k3");

  /**
   * Cached families (a gauge, an info by its name without {@code _info}, a counter by its name
   * without {@code _total}), live ones (a counter, the build info), a name that is no family and
   * one that is only a sample's name.
   */
  private static final Set<String> NAMES =
      Set.of(
          "openrouter_up",
          "openrouter_endpoint_token_price_usd",
          "openrouter_endpoint",
          "openrouter_poll_errors",
          "openrouter_api_requests",
          "openrouter_exporter_build_info",
          "openrouter_last_successful_poll_timestamp_seconds_total",
          "no_such_family");

  private final SnapshotStore store = Fixtures.storeWithAllCaptures(POLLED_AT);
  private final ExporterMetrics metrics;

  FilteredScrapeTest() {
    store.update(
        FAILING,
        state ->
            state.failed(
                FailureReason.TIMEOUT,
                "timed out",
                MutableClock.moment(POLLED_AT.plusSeconds(60)),
                Duration.ZERO));
    metrics =
        new ExporterMetrics(
            store,
            Duration.ofMinutes(10),
            new BuildInfo("0.1.0", "143cd0b9a8e1", "17.0.15"),
            new MutableClock(POLLED_AT.plusSeconds(61)));
    metrics.apiRequestListener().requestCompleted("200");
  }

  private static ExpositionFormatWriter writer(ScrapeFormat format) {
    return switch (format) {
      case TEXT -> PrometheusTextFormatWriter.create();
      case OPENMETRICS -> OpenMetricsTextFormatWriter.create();
      case PROTOBUF -> new PrometheusProtobufWriter();
    };
  }

  private static byte[] written(ScrapeFormat format, MetricSnapshots snapshots) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    writer(format).write(out, snapshots);
    return out.toByteArray();
  }

  private static byte[] body(ScrapeBody body, boolean gzip) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    body.writeTo(out);
    assertThat((long) out.size()).isEqualTo(body.length());
    if (!gzip) {
      return out.toByteArray();
    }
    // GZIPInputStream checks the CRC-32 and length of the member.
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(out.toByteArray()))) {
      return in.readAllBytes();
    }
  }

  private static List<String> seriesByFamily(ScrapeFormat format, byte[] exposition)
      throws IOException {
    return format == ScrapeFormat.PROTOBUF
        ? Fixtures.seriesByFamily(exposition)
        : Fixtures.seriesByFamily(new String(exposition, StandardCharsets.UTF_8));
  }

  @ParameterizedTest
  @CsvSource({
    "TEXT, false",
    "TEXT, true",
    "OPENMETRICS, false",
    "OPENMETRICS, true",
    "PROTOBUF, false",
    "PROTOBUF, true"
  })
  void aNameFilterAnswersTheBytesClientJavasWriterWritesForTheSameFilter(
      ScrapeFormat format, boolean gzip) throws IOException {
    byte[] expected = written(format, metrics.prometheusRegistry().scrape(NAMES::contains));

    byte[] filtered = body(metrics.scrape(format, gzip, NAMES), gzip);

    // The same bytes but for the order of series within a family: client_java sorts them by
    // labels, the cache keeps them by model (as for a whole scrape).
    assertThat(seriesByFamily(format, filtered)).isEqualTo(seriesByFamily(format, expected));
    assertThat(filtered).hasSameSizeAs(expected);
    assertThat(filtered.length).isGreaterThan(5_000);
  }

  @Test
  void aCountersNameSelectsItWithoutTotalAndNotWithIt() throws IOException {
    String with =
        new String(
            body(
                metrics.scrape(ScrapeFormat.TEXT, false, Set.of("openrouter_poll_errors")), false));
    String withTotal =
        new String(
            body(
                metrics.scrape(ScrapeFormat.TEXT, false, Set.of("openrouter_poll_errors_total")),
                false),
            StandardCharsets.UTF_8);

    assertThat(with)
        .startsWith("# HELP openrouter_poll_errors_total ")
        .contains(
            "openrouter_poll_errors_total{model=\"moonshotai/kimi-k3\",reason=\"timeout\"} 1.0\n");
    assertThat(withTotal).isEmpty();
  }

  @Test
  void aFilteredGzipAnswerReusesTheCachedPiecesOfItsFamilies() {
    ScrapeCache cache =
        new ScrapeCache(
            store,
            new SnapshotCollector(
                store,
                new SnapshotCollector.Settings(Duration.ofMinutes(10), false),
                new MutableClock(POLLED_AT.plusSeconds(61))),
            new MutableClock(POLLED_AT.plusSeconds(61)));
    Set<byte[]> whole = Collections.newSetFromMap(new IdentityHashMap<>());
    whole.addAll(cache.encoded(ScrapeFormat.TEXT, true).parts());

    var families = cache.families(ScrapeFormat.TEXT, true, NAMES::contains);

    assertThat(families)
        .extracting(ScrapeCache.Family::name)
        .containsExactly(
            "openrouter_endpoint",
            "openrouter_endpoint_token_price_usd",
            "openrouter_poll_errors",
            "openrouter_up");
    // Nothing compressed for this answer: every part is one the whole scrape already holds.
    assertThat(families)
        .flatExtracting(family -> family.encoded().parts())
        .allMatch(whole::contains);
  }
}
