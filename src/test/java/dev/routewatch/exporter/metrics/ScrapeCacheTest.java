package dev.routewatch.exporter.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.routewatch.exporter.MutableClock;
import dev.routewatch.exporter.config.ModelId;
import dev.routewatch.exporter.openrouter.FailureReason;
import dev.routewatch.exporter.openrouter.ModelEndpoints;
import dev.routewatch.exporter.snapshot.SnapshotStore;
import io.prometheus.metrics.expositionformats.PrometheusProtobufWriter;
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
import java.util.stream.IntStream;
import java.util.zip.CRC32;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ScrapeCacheTest {

  private static final Instant POLLED_AT = Instant.parse("2026-07-15T10:29:00Z");
  private static final Duration STALE_AFTER = Duration.ofMinutes(10);

  private final MutableClock clock = new MutableClock(POLLED_AT.plusSeconds(5));

  private ScrapeCache cache(SnapshotStore store, boolean supportedParameters) {
    SnapshotCollector collector =
        new SnapshotCollector(
            store, new SnapshotCollector.Settings(STALE_AFTER, supportedParameters), clock);
    return new ScrapeCache(store, collector, clock);
  }

  private String rendered(SnapshotStore store, ScrapeFormat format) {
    SnapshotCollector collector =
        new SnapshotCollector(store, new SnapshotCollector.Settings(STALE_AFTER, true), clock);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    format.write(collector.collect(), out);
    return out.toString(StandardCharsets.UTF_8);
  }

  private static String plain(ScrapeCache.Encoded encoded) throws IOException {
    return new String(bytes(encoded), StandardCharsets.UTF_8);
  }

  private static byte[] bytes(ScrapeCache.Encoded encoded) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : encoded.parts()) {
      out.write(part);
    }
    assertThat((long) out.size()).isEqualTo(encoded.length());
    return out.toByteArray();
  }

  /** The member the scrape would send: the cached parts, then the trailer for nothing more. */
  private static byte[] member(ScrapeCache.Encoded encoded) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : encoded.parts()) {
      out.write(part);
    }
    out.write(GzipPieces.trailer(encoded.checksum()));
    return out.toByteArray();
  }

  private static String gunzip(byte[] member) throws IOException {
    // GZIPInputStream checks the CRC-32 and the length in the trailer.
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(member))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = ScrapeFormat.class,
      names = {"TEXT", "OPENMETRICS"})
  void theCachedBytesHoldWhatClientJavasWriterWritesForTheSameSnapshot(ScrapeFormat format)
      throws IOException {
    SnapshotStore store = Fixtures.storeWithAllCaptures(POLLED_AT);
    ScrapeCache cache = cache(store, true);

    String cached = plain(cache.encoded(format, false));
    String expected = rendered(store, format);
    // OpenMetrics ends with # EOF after the live part, which the cache leaves out.
    String complete = format == ScrapeFormat.OPENMETRICS ? cached + "# EOF\n" : cached;

    assertThat(Fixtures.seriesByFamily(complete)).isEqualTo(Fixtures.seriesByFamily(expected));
    assertThat(cached.length()).isGreaterThan(10_000);
  }

  @ParameterizedTest
  @EnumSource(
      value = ScrapeFormat.class,
      names = {"TEXT", "OPENMETRICS"})
  void theGzipPiecesMakeOneValidMemberOfTheSameBytes(ScrapeFormat format) throws IOException {
    SnapshotStore store = Fixtures.storeWithAllCaptures(POLLED_AT);
    ScrapeCache cache = cache(store, true);

    byte[] member = member(cache.encoded(format, true));

    assertThat(gunzip(member)).isEqualTo(plain(cache.encoded(format, false)));
    // One member: the raw deflate stream ends exactly where the 8-byte trailer begins.
    Inflater inflater = new Inflater(true);
    inflater.setInput(member, GzipPieces.HEADER.length, member.length - GzipPieces.HEADER.length);
    try {
      byte[] sink = new byte[64 * 1024];
      while (!inflater.finished()) {
        inflater.inflate(sink);
      }
    } catch (java.util.zip.DataFormatException e) {
      throw new AssertionError(e);
    }
    assertThat(inflater.getRemaining()).isEqualTo(8);
    assertThat(member.length).isLessThan(plain(cache.encoded(format, false)).length() / 4);
  }

  @Test
  void theProtobufBytesHoldWhatClientJavasProtobufWriterWritesAndTheirGzipTheSame()
      throws IOException {
    SnapshotStore store = Fixtures.storeWithAllCaptures(POLLED_AT);
    ScrapeCache cache = cache(store, true);
    cache.encoded(ScrapeFormat.TEXT, false);

    ScrapeCache.Encoded plain = cache.encoded(ScrapeFormat.PROTOBUF, false);
    byte[] bytes = bytes(plain);

    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    new PrometheusProtobufWriter()
        .write(
            expected,
            new SnapshotCollector(store, new SnapshotCollector.Settings(STALE_AFTER, true), clock)
                .collect());
    assertThat(Fixtures.seriesByFamily(bytes))
        .isEqualTo(Fixtures.seriesByFamily(expected.toByteArray()));
    assertThat(bytes.length).isGreaterThan(10_000);
    byte[] member = member(cache.encoded(ScrapeFormat.PROTOBUF, true));
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(member))) {
      assertThat(in.readAllBytes()).isEqualTo(bytes);
    }
  }

  @Test
  void anUnchangedSnapshotIsEncodedOnce() {
    SnapshotStore store = Fixtures.storeWithAllCaptures(POLLED_AT);
    ScrapeCache cache = cache(store, false);

    ScrapeCache.Encoded first = cache.encoded(ScrapeFormat.TEXT, true);
    clock.advance(Duration.ofSeconds(15));

    assertThat(cache.encoded(ScrapeFormat.TEXT, true)).isSameAs(first);
  }

  @Test
  void aPollThatChangesOneModelRecompressesOnlyThatModelsBlocks() throws IOException {
    ModelEndpoints answer =
        Fixtures.answer("06-moonshotai-kimi-k3-endpoints-with-latency-reduced.json");
    List<ModelId> models =
        IntStream.range(0, 3 * ScrapeCache.ROWS_PER_BLOCK)
            .mapToObj(i -> new ModelId("author/model-" + i))
            .toList();
    SnapshotStore store = new SnapshotStore(models);
    models.forEach(
        m ->
            store.update(
                m,
                s -> s.succeeded(answer, MutableClock.moment(POLLED_AT), Duration.ofSeconds(1))));
    ScrapeCache cache = cache(store, true);
    ScrapeCache.Encoded before = cache.encoded(ScrapeFormat.TEXT, true);

    // The next poll of one model: a new time and duration, the same endpoints.
    store.update(
        models.get(0),
        s ->
            s.succeeded(
                answer, MutableClock.moment(POLLED_AT.plusSeconds(60)), Duration.ofMillis(700)));
    clock.advance(Duration.ofSeconds(60));
    ScrapeCache.Encoded after = cache.encoded(ScrapeFormat.TEXT, true);

    Set<byte[]> kept = Collections.newSetFromMap(new IdentityHashMap<>());
    kept.addAll(before.parts());
    long recompressed = after.parts().stream().filter(part -> !kept.contains(part)).count();
    // Three poll families changed (duration, last success, data time), in the first block only.
    assertThat(recompressed).isEqualTo(3);
    assertThat(after.parts()).hasSize(before.parts().size());
    String text = gunzip(member(after));
    assertThat(Fixtures.seriesByFamily(text))
        .isEqualTo(Fixtures.seriesByFamily(rendered(store, ScrapeFormat.TEXT)));
    assertThat(text).contains("openrouter_poll_duration_seconds{model=\"author/model-0\"} 0.7\n");
  }

  @Test
  void aFailingModelsSeriesGoAtStaleAfterWithoutANewSnapshot() throws IOException {
    ModelId model = new ModelId("moonshotai/kimi-k3");
    SnapshotStore store =
        Fixtures.polledOnce(
            model,
            Fixtures.answer("06-moonshotai-kimi-k3-endpoints-with-latency-reduced.json"),
            POLLED_AT);
    store.update(
        model,
        s ->
            s.failed(
                FailureReason.TIMEOUT,
                "timed out",
                MutableClock.moment(POLLED_AT.plusSeconds(60)),
                Duration.ZERO));
    ScrapeCache cache = cache(store, false);

    String fresh = plain(cache.encoded(ScrapeFormat.TEXT, false));
    clock.advance(STALE_AFTER.minusSeconds(5)); // the last success is stale_after old
    String stillFresh = plain(cache.encoded(ScrapeFormat.TEXT, false));
    clock.advance(Duration.ofNanos(1));
    String stale = plain(cache.encoded(ScrapeFormat.TEXT, false));

    assertThat(fresh).contains("openrouter_endpoint_uptime_last_5m_ratio{");
    assertThat(stillFresh).isEqualTo(fresh);
    assertThat(stale)
        .doesNotContain("openrouter_endpoint_")
        .contains("openrouter_up{model=\"moonshotai/kimi-k3\"} 0.0\n");
  }

  @Test
  @Timeout(10)
  void aHealthyModelsSeriesGoAtStaleAfterWhenNoPollFinishes() throws IOException {
    // Every request held back by a rate limit: the latest poll succeeded, no later one finishes.
    ModelId model = new ModelId("moonshotai/kimi-k3");
    ScrapeCache cache =
        cache(
            Fixtures.polledOnce(
                model,
                Fixtures.answer("06-moonshotai-kimi-k3-endpoints-with-latency-reduced.json"),
                POLLED_AT),
            false);

    String fresh = plain(cache.encoded(ScrapeFormat.TEXT, false));
    clock.advance(STALE_AFTER.minusSeconds(5)); // the last success is stale_after old
    String stillFresh = plain(cache.encoded(ScrapeFormat.TEXT, false));
    clock.advance(Duration.ofNanos(1));
    String stale = plain(cache.encoded(ScrapeFormat.TEXT, false));

    assertThat(fresh).contains("openrouter_endpoint_uptime_last_5m_ratio{");
    assertThat(stillFresh).isEqualTo(fresh);
    // openrouter_up stays 1: the latest poll that finished did succeed.
    assertThat(stale)
        .doesNotContain("openrouter_endpoint_")
        .contains("openrouter_up{model=\"moonshotai/kimi-k3\"} 1.0\n")
        .contains(
            "openrouter_last_successful_poll_timestamp_seconds{model=\"moonshotai/kimi-k3\"}");
  }

  @Test
  @Timeout(10)
  void seriesGoStaleByTheMonotonicClockWhateverTheWallClockSays() throws IOException {
    ModelId model = new ModelId("moonshotai/kimi-k3");
    SnapshotStore store =
        Fixtures.polledOnce(
            model,
            Fixtures.answer("06-moonshotai-kimi-k3-endpoints-with-latency-reduced.json"),
            POLLED_AT);
    ScrapeCache cache = cache(store, false);
    String series = "openrouter_endpoint_uptime_last_5m_ratio{";

    clock.stepWall(Duration.ofDays(1));
    String aDayAhead = plain(cache.encoded(ScrapeFormat.TEXT, false));
    clock.stepWall(Duration.ofDays(-1).minusHours(1));
    clock.advance(STALE_AFTER);
    String anHourBackButStale = plain(cache.encoded(ScrapeFormat.TEXT, false));

    assertThat(aDayAhead).contains(series);
    assertThat(anHourBackButStale).doesNotContain(series);
  }

  @Test
  @Timeout(10)
  void aPriceWindowFollowsTheWallClockWhenItStepsBack() throws IOException {
    ModelEndpoints answer =
        Fixtures.parse(
            """
            {"id": "a/b", "endpoints": [{"provider_name": "P", "tag": "p",
              "pricing": {"prompt": "0.000001",
                "overrides": [{"utc_start": 1030, "utc_end": 1100, "prompt": "0.000002"}]}}]}
            """,
            ModelEndpoints.class);
    ScrapeCache cache = cache(Fixtures.polledOnce(new ModelId("a/b"), answer, POLLED_AT), false);
    String effective = "openrouter_endpoint_effective_token_price_usd{";

    clock.advance(Duration.ofSeconds(55)); // 10:30:00, in the window
    String inWindow = Fixtures.lines(plain(cache.encoded(ScrapeFormat.TEXT, false)), effective);
    clock.stepWall(Duration.ofMinutes(-5)); // 10:25:00 by the wall clock, before the window
    String stepped = Fixtures.lines(plain(cache.encoded(ScrapeFormat.TEXT, false)), effective);

    assertThat(inWindow).contains("} 2.0E-6\n");
    assertThat(stepped).contains("} 1.0E-6\n");
  }

  @Test
  void aPriceWindowOpensOnTheMinuteWithoutANewSnapshot() throws IOException {
    ModelEndpoints answer =
        Fixtures.parse(
            """
            {"id": "a/b", "endpoints": [{"provider_name": "P", "tag": "p",
              "pricing": {"prompt": "0.000001",
                "overrides": [{"utc_start": 1030, "utc_end": 1100, "prompt": "0.000002"}]}}]}
            """,
            ModelEndpoints.class);
    ScrapeCache cache = cache(Fixtures.polledOnce(new ModelId("a/b"), answer, POLLED_AT), false);
    String effective = "openrouter_endpoint_effective_token_price_usd{";

    clock.advance(Duration.ofSeconds(54)); // 10:29:59
    String before = Fixtures.lines(plain(cache.encoded(ScrapeFormat.TEXT, false)), effective);
    clock.advance(Duration.ofSeconds(1)); // 10:30:00
    String after = Fixtures.lines(plain(cache.encoded(ScrapeFormat.TEXT, false)), effective);

    assertThat(before).contains("kind=\"prompt\"").contains("} 1.0E-6\n");
    assertThat(after).contains("kind=\"prompt\"").contains("} 2.0E-6\n");
  }

  @Test
  void combinedChecksumsEqualTheChecksumOfTheWhole() {
    java.util.Random random = new java.util.Random(42);
    for (int round = 0; round < 200; round++) {
      byte[] a = new byte[random.nextInt(5000)];
      byte[] b = new byte[random.nextInt(70_000)];
      random.nextBytes(a);
      random.nextBytes(b);
      GzipPieces.Checksum combined =
          new GzipPieces.Checksum(crc(a), a.length).then(new GzipPieces.Checksum(crc(b), b.length));
      CRC32 whole = new CRC32();
      whole.update(a);
      whole.update(b);

      assertThat(combined.crc()).isEqualTo((int) whole.getValue());
      assertThat(combined.length()).isEqualTo(a.length + b.length);
    }
  }

  private static int crc(byte[] bytes) {
    CRC32 crc = new CRC32();
    crc.update(bytes);
    return (int) crc.getValue();
  }
}
