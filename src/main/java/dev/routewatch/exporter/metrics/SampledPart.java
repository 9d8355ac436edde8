package dev.routewatch.exporter.metrics;

import dev.routewatch.exporter.metrics.GzipPieces.Piece;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.zip.Deflater;

/**
 * Families read at most once per {@link #MIN_INTERVAL_NANOS} however many scrapes come:
 * client_java's JVM and process metrics. Reading them is most of a cached scrape's cost (the thread
 * metrics stop the JVM to look for deadlocks; the process metrics read /proc and list every open
 * file), and scrapers that come within a second of each other would only see the same figures a few
 * milliseconds apart.
 */
final class SampledPart {

  static final long MIN_INTERVAL_NANOS = 1_000_000_000L;

  /**
   * One reading in one format.
   *
   * @param plain the families as the format writes them, without OpenMetrics' {@code # EOF}
   * @param deflated the same, as a gzip piece
   */
  record Sample(byte[] plain, Piece deflated) {}

  private final PrometheusRegistry registry;
  private final Predicate<String> names;
  private final LongSupplier nanoTime;

  // Guarded by this.
  private final Sample[] samples = new Sample[ScrapeFormat.values().length];
  private final long[] readAt = new long[ScrapeFormat.values().length];
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(16 * 1024);
  private final Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);

  SampledPart(PrometheusRegistry registry, Predicate<String> names, LongSupplier nanoTime) {
    this.registry = registry;
    this.names = names;
    this.nanoTime = nanoTime;
  }

  /** Whether the family named {@code name} is one this part reads. */
  boolean includes(String name) {
    return names.test(name);
  }

  /** The latest reading in {@code format}, read again when it is a second old. */
  synchronized Sample sample(ScrapeFormat format) {
    int slot = format.ordinal();
    long now = nanoTime.getAsLong();
    if (samples[slot] == null || now - readAt[slot] >= MIN_INTERVAL_NANOS) {
      format.writeWithoutEnd(registry.scrape(names), buffer);
      byte[] plain = buffer.toByteArray();
      samples[slot] = new Sample(plain, GzipPieces.deflate(List.of(plain), deflater));
      readAt[slot] = now;
    }
    return samples[slot];
  }
}
