package dev.routewatch.exporter.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.routewatch.exporter.MutableClock;
import dev.routewatch.exporter.config.ModelId;
import dev.routewatch.exporter.openrouter.FailureReason;
import dev.routewatch.exporter.snapshot.SnapshotStore;
import io.prometheus.metrics.expositionformats.generated.com_google_protobuf_4_35_0.Metrics;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The cached answers against their oracle: for every format, whole or filtered by {@code name[]},
 * plain or gzip, the families and bytes are those client_java's writers write for the same registry
 * at the same moment ({@link RenderedExposition}).
 */
@Timeout(60)
class CachedExpositionTest {

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
  private final MutableClock clock = new MutableClock(POLLED_AT.plusSeconds(61));
  private final ExporterMetrics metrics;
  private final Exposition cached;
  private final Exposition rendered;

  CachedExpositionTest() {
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
            clock,
            // A figure of the test's: the JVM's changes with every collection.
            new HeapPressure());
    metrics.apiRequestListener().requestCompleted("200");
    cached = metrics.exposition();
    rendered = new RenderedExposition(metrics.prometheusRegistry());
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

  private static String text(ScrapeBody body) throws IOException {
    return new String(body(body, false), StandardCharsets.UTF_8);
  }

  /**
   * Each family as its lines (text) or fields (protobuf): its header, then its series in sorted
   * order. The JVM and process families, read at most once a second, keep only their header.
   */
  private static List<List<String>> families(ScrapeFormat format, byte[] exposition)
      throws IOException {
    List<List<String>> families = new ArrayList<>();
    if (format == ScrapeFormat.PROTOBUF) {
      ByteArrayInputStream in = new ByteArrayInputStream(exposition);
      Metrics.MetricFamily family;
      while ((family = Metrics.MetricFamily.parseDelimitedFrom(in)) != null) {
        List<String> lines = new ArrayList<>();
        lines.add(family.toBuilder().clearMetric().build().toString());
        if (!sampled(family.getName())) {
          family.getMetricList().forEach(metric -> lines.add(metric.toString()));
        }
        families.add(lines);
      }
    } else {
      List<String> lines = null;
      boolean header = false;
      for (String line : new String(exposition, StandardCharsets.UTF_8).lines().toList()) {
        // A family's header is its lines starting with #, before its first series.
        if (line.startsWith("#") && !header) {
          lines = new ArrayList<>();
          families.add(lines);
        }
        header = line.startsWith("#");
        if (header || !sampled(line)) {
          lines.add(line);
        }
      }
    }
    for (List<String> lines : families) {
      lines
          .subList(1, lines.size())
          .sort(Comparator.comparing(line -> line.startsWith("#") ? "" : line));
    }
    return families;
  }

  static Stream<Arguments> everyFormatPlainAndGzip() {
    return Stream.of(ScrapeFormat.values())
        .flatMap(format -> Stream.of(Arguments.of(format, false), Arguments.of(format, true)));
  }

  private static boolean sampled(String name) {
    return name.startsWith("jvm_") || name.startsWith("process_");
  }

  @ParameterizedTest
  @MethodSource("everyFormatPlainAndGzip")
  void aWholeScrapeHoldsTheFamiliesClientJavasWritersWriteForTheSameRegistry(
      ScrapeFormat format, boolean gzip) throws IOException {
    List<List<String>> answered =
        families(format, body(cached.scrape(format, gzip, Set.of()), gzip));
    List<List<String>> expected =
        families(format, body(rendered.scrape(format, gzip, Set.of()), gzip));

    // The snapshot store's families come first, the rest after them: the same families.
    Comparator<List<String>> byHeader = Comparator.comparing(lines -> lines.get(0));
    assertThat(answered.stream().sorted(byHeader).toList())
        .isEqualTo(expected.stream().sorted(byHeader).toList());
    assertThat(answered.size()).isGreaterThan(50);
    if (format == ScrapeFormat.OPENMETRICS) {
      assertThat(answered.get(answered.size() - 1)).containsExactly("# EOF");
    }
  }

  @ParameterizedTest
  @MethodSource("everyFormatPlainAndGzip")
  void aNameFilterAnswersTheBytesClientJavasWritersWriteForTheSameFilter(
      ScrapeFormat format, boolean gzip) throws IOException {
    byte[] expected = body(rendered.scrape(format, gzip, NAMES), gzip);

    byte[] filtered = body(cached.scrape(format, gzip, NAMES), gzip);

    // The same bytes but for the order of series within a family: client_java sorts them by
    // labels, the cache keeps them by model (as for a whole scrape).
    assertThat(families(format, filtered)).isEqualTo(families(format, expected));
    assertThat(filtered).hasSameSizeAs(expected);
    assertThat(filtered.length).isGreaterThan(5_000);
  }

  @Test
  void aCountersNameSelectsItWithoutTotalAndNotWithIt() throws IOException {
    String with = text(cached.scrape(ScrapeFormat.TEXT, false, Set.of("openrouter_poll_errors")));
    String withTotal =
        text(cached.scrape(ScrapeFormat.TEXT, false, Set.of("openrouter_poll_errors_total")));

    assertThat(with)
        .startsWith("# HELP openrouter_poll_errors_total ")
        .contains(
            "openrouter_poll_errors_total{model=\"moonshotai/kimi-k3\",reason=\"timeout\"} 1.0\n");
    assertThat(withTotal).isEmpty();
  }

  @Test
  void openMetricsEndsOnceWithEof() throws IOException {
    String scrape = text(cached.scrape(ScrapeFormat.OPENMETRICS, false, Set.of()));

    assertThat(scrape).endsWith("\n# EOF\n");
    assertThat(scrape.indexOf("# EOF")).isEqualTo(scrape.length() - "# EOF\n".length());
  }

  @Test
  void theExportersOwnMetersAreReadAtEveryScrape() throws IOException {
    String before = text(cached.scrape(ScrapeFormat.TEXT, false, Set.of()));
    metrics.apiRequestListener().requestCompleted("503");
    String after = text(cached.scrape(ScrapeFormat.TEXT, false, Set.of()));

    assertThat(before).doesNotContain("code=\"503\"");
    assertThat(after).contains("openrouter_api_requests_total{code=\"503\"} 1.0\n");
  }

  @Test
  void aFilteredGzipAnswerReusesTheCachedPiecesOfItsFamilies() {
    ScrapeCache cache =
        new ScrapeCache(
            store,
            new SnapshotCollector(
                store, new SnapshotCollector.Settings(Duration.ofMinutes(10), false), clock),
            clock);
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
