package dev.routewatch.exporter.metrics;

import dev.routewatch.exporter.metrics.GzipPieces.Checksum;
import dev.routewatch.exporter.metrics.GzipPieces.Piece;
import dev.routewatch.exporter.openrouter.Endpoint;
import dev.routewatch.exporter.openrouter.ModelEndpoints;
import dev.routewatch.exporter.snapshot.ModelState;
import dev.routewatch.exporter.snapshot.Moment;
import dev.routewatch.exporter.snapshot.Snapshot;
import dev.routewatch.exporter.snapshot.SnapshotStore;
import dev.routewatch.exporter.snapshot.TimeSource;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;

/**
 * The snapshot store's part of /metrics, encoded once per change instead of once per scrape, as
 * kube-state-metrics keeps each object's rendered lines: a poll re-renders one model, and a scrape
 * of an unchanged snapshot writes bytes it already has.
 *
 * <p>Each model (a row) keeps its sample lines per family, written by client_java's text writer; a
 * family's lines that come out the same as before keep the old array, so what did not change can be
 * recognised by reference. A scrape's bytes are each family's header followed by every row's lines
 * of that family. For gzip, rows are grouped into blocks of {@value #ROWS_PER_BLOCK}: each (family,
 * block) is deflated once and kept while its rows' lines stay the same (see {@link GzipPieces}), so
 * a poll that changes one model's uptimes recompresses a few kilobytes, not the whole scrape.
 *
 * <p>What a row shows also depends on the time: its answer goes stale after {@code stale_after} (by
 * the monotonic clock), and prices with a time window change on the wall clock's minute. A row
 * remembers until when it holds ({@link Validity}), and a snapshot is rendered again from then on.
 */
final class ScrapeCache {

  /**
   * Rows per gzip block: large enough for deflate to find the repeated label sets of neighbouring
   * models, small enough that one changed model costs a small share of a recompression.
   */
  static final int ROWS_PER_BLOCK = 16;

  private final SnapshotStore store;
  private final SnapshotCollector collector;
  private final TimeSource time;
  private final FamilyTable table = new FamilyTable(SnapshotCollector.FAMILIES);
  private final Piece[][] headerPieces = new Piece[ScrapeFormat.values().length][];

  // Guarded by this, as everything below: rendering is single-threaded.
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(64 * 1024);
  private final Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
  private Map<Object, Row> rows = Map.of();
  private Rendering current;
  private Block[][] blocks = new Block[0][];

  /**
   * The bytes of a scrape's cached part, before the live part.
   *
   * @param parts the bytes to write, in order
   * @param length their total length
   * @param checksum for gzip, the checksum of the uncompressed bytes; null for plain text
   */
  record Encoded(List<byte[]> parts, long length, Checksum checksum) {}

  ScrapeCache(SnapshotStore store, SnapshotCollector collector, TimeSource time) {
    this.store = store;
    this.collector = collector;
    this.time = time;
  }

  /** The current snapshot's series in {@code format}, gzip-compressed or not. */
  synchronized Encoded encoded(ScrapeFormat format, boolean gzip) {
    Rendering rendering = refresh();
    int slot = format.ordinal() * 2 + (gzip ? 1 : 0);
    if (rendering.encoded[slot] == null) {
      rendering.encoded[slot] = gzip ? gzip(rendering, format) : plain(rendering, format);
    }
    return rendering.encoded[slot];
  }

  /** The rows of the store's current snapshot, rendering again only what changed. */
  private Rendering refresh() {
    Snapshot snapshot = store.current();
    SnapshotCollector.Settings settings = collector.settings();
    Moment now = time.now();
    if (current != null && current.holds(snapshot, settings, now)) {
      return current;
    }
    Map<Object, Row> next = new HashMap<>();
    List<Row> ordered = new ArrayList<>(snapshot.models().size() + 1);
    for (ModelState state : snapshot.states()) {
      Row row = rows.get(state.model());
      if (row == null || !row.holds(state, settings, now)) {
        FamilyPoints points = new FamilyPoints();
        SnapshotCollector.render(state, now, settings, points);
        row = row(state, settings, validity(state, settings, now), points, row);
      }
      next.put(state.model(), row);
      ordered.add(row);
    }
    if (snapshot.discovery() != null) {
      Row row = rows.get(DiscoveryFamilies.class);
      if (row == null || !row.holds(snapshot.discovery(), settings, now)) {
        FamilyPoints points = new FamilyPoints();
        DiscoveryFamilies.render(snapshot.discovery(), points);
        row = row(snapshot.discovery(), settings, Validity.ALWAYS, points, row);
      }
      next.put(DiscoveryFamilies.class, row);
      ordered.add(row);
    }
    rows = next;
    current = new Rendering(snapshot, settings, ordered);
    return current;
  }

  private Row row(
      Object source,
      SnapshotCollector.Settings settings,
      Validity validity,
      FamilyPoints points,
      Row previous) {
    var snapshots = points.snapshots();
    ScrapeFormat.TEXT.write(snapshots, buffer);
    byte[][] samples = new byte[table.size()][];
    table.split(
        snapshots,
        buffer.toByteArray(),
        (family, header, lines) ->
            samples[family] =
                previous != null && Arrays.equals(previous.samples[family], lines)
                    ? previous.samples[family]
                    : lines);
    return new Row(source, settings, validity, samples);
  }

  /**
   * How long a model's rendering holds: its answer turns stale {@code stale_after} after its last
   * success, and prices with a time window may change at every minute.
   */
  private static Validity validity(
      ModelState state, SnapshotCollector.Settings settings, Moment now) {
    ModelEndpoints answer = state.lastGoodAnswer();
    if (answer == null || !state.answerFresh(now, settings.staleAfter())) {
      return Validity.ALWAYS;
    }
    Instant minute = hasTimeWindows(answer) ? now.wall().truncatedTo(ChronoUnit.MINUTES) : null;
    return new Validity(state.staleAt(settings.staleAfter()), minute);
  }

  /**
   * Until when a rendering holds: while the monotonic clock has not passed {@code staleAt}, and the
   * wall clock is still in {@code minute} (which, unlike "until the next minute", also catches the
   * wall clock stepping back).
   *
   * @param staleAt when an answer shown turns stale; null for never
   * @param minute the wall clock's minute that prices in effect were worked out for; null when none
   *     depend on it
   */
  private record Validity(Moment staleAt, Instant minute) {

    static final Validity ALWAYS = new Validity(null, null);

    boolean holds(Moment now) {
      return (staleAt == null || !staleAt.isBefore(now))
          && (minute == null || minute.equals(now.wall().truncatedTo(ChronoUnit.MINUTES)));
    }

    /** What holds only while both {@code this} and {@code other} hold. */
    Validity and(Validity other) {
      Moment earlier =
          staleAt == null || (other.staleAt != null && other.staleAt.isBefore(staleAt))
              ? other.staleAt
              : staleAt;
      return new Validity(earlier, minute != null ? minute : other.minute);
    }
  }

  private static boolean hasTimeWindows(ModelEndpoints answer) {
    for (Endpoint endpoint : answer.endpoints()) {
      if (endpoint.pricing() != null && !endpoint.pricing().overrides().windows().isEmpty()) {
        return true;
      }
    }
    return false;
  }

  private Encoded plain(Rendering rendering, ScrapeFormat format) {
    List<byte[]> parts = new ArrayList<>();
    long length = 0;
    for (int family = 0; family < table.size(); family++) {
      if (rendering.present[family]) {
        byte[] header = table.header(format, family);
        parts.add(header);
        length += header.length;
        for (Row row : rendering.rows) {
          byte[] lines = row.samples[family];
          if (lines != null) {
            parts.add(lines);
            length += lines.length;
          }
        }
      }
    }
    return new Encoded(parts, length, null);
  }

  private Encoded gzip(Rendering rendering, ScrapeFormat format) {
    List<byte[]> parts = new ArrayList<>();
    parts.add(GzipPieces.HEADER);
    long length = GzipPieces.HEADER.length;
    Checksum checksum = Checksum.EMPTY;
    int blockCount = (rendering.rows.length + ROWS_PER_BLOCK - 1) / ROWS_PER_BLOCK;
    if (blocks.length != table.size() || blocks[0].length != blockCount) {
      blocks = new Block[table.size()][blockCount];
    }
    for (int family = 0; family < table.size(); family++) {
      if (!rendering.present[family]) {
        continue;
      }
      Piece header = headerPiece(format, family);
      parts.add(header.deflated());
      length += header.deflated().length;
      checksum = checksum.then(header.checksum());
      for (int block = 0; block < blockCount; block++) {
        Piece piece = block(rendering, family, block);
        if (piece.checksum().length() > 0) {
          parts.add(piece.deflated());
          length += piece.deflated().length;
          checksum = checksum.then(piece.checksum());
        }
      }
    }
    return new Encoded(parts, length, checksum);
  }

  private Piece headerPiece(ScrapeFormat format, int family) {
    Piece[] pieces = headerPieces[format.ordinal()];
    if (pieces == null) {
      pieces = new Piece[table.size()];
      headerPieces[format.ordinal()] = pieces;
    }
    if (pieces[family] == null) {
      pieces[family] = GzipPieces.deflate(List.of(table.header(format, family)), deflater);
    }
    return pieces[family];
  }

  private Piece block(Rendering rendering, int family, int block) {
    int from = block * ROWS_PER_BLOCK;
    int to = Math.min(from + ROWS_PER_BLOCK, rendering.rows.length);
    byte[][] lines = new byte[to - from][];
    for (int i = from; i < to; i++) {
      lines[i - from] = rendering.rows[i].samples[family];
    }
    Block cached = blocks[family][block];
    // Arrays.equals on arrays of arrays compares the inner arrays by reference.
    if (cached == null || !Arrays.equals(cached.lines, lines)) {
      cached = new Block(lines, GzipPieces.deflate(Arrays.asList(lines), deflater));
      blocks[family][block] = cached;
    }
    return cached.piece;
  }

  /**
   * One model's (or discovery's) sample lines by family (null where it has none), and what they
   * were rendered from.
   */
  private record Row(
      Object source, SnapshotCollector.Settings settings, Validity validity, byte[][] samples) {

    boolean holds(Object state, SnapshotCollector.Settings settings, Moment now) {
      return source == state && this.settings == settings && validity.holds(now);
    }
  }

  /** The deflated lines of some rows for one family, and the lines it was made from. */
  private record Block(byte[][] lines, Piece piece) {}

  /** The rows of one snapshot, and its encodings as scrapes ask for them. */
  private final class Rendering {
    final Snapshot snapshot;
    final SnapshotCollector.Settings settings;
    final Row[] rows;
    final Validity validity;
    final boolean[] present = new boolean[table.size()];
    final Encoded[] encoded = new Encoded[ScrapeFormat.values().length * 2];

    Rendering(Snapshot snapshot, SnapshotCollector.Settings settings, List<Row> rows) {
      this.snapshot = snapshot;
      this.settings = settings;
      this.rows = rows.toArray(Row[]::new);
      Validity until = Validity.ALWAYS;
      for (Row row : this.rows) {
        until = until.and(row.validity);
        for (int family = 0; family < present.length; family++) {
          present[family] |= row.samples[family] != null;
        }
      }
      this.validity = until;
    }

    boolean holds(Snapshot snapshot, SnapshotCollector.Settings settings, Moment now) {
      return this.snapshot == snapshot && this.settings == settings && validity.holds(now);
    }
  }
}
