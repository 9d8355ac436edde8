package dev.routewatch.exporter.metrics;

import dev.routewatch.exporter.metrics.GzipPieces.Checksum;
import dev.routewatch.exporter.metrics.GzipPieces.Piece;
import dev.routewatch.exporter.snapshot.ModelState;
import dev.routewatch.exporter.snapshot.Moment;
import dev.routewatch.exporter.snapshot.Snapshot;
import dev.routewatch.exporter.snapshot.SnapshotStore;
import dev.routewatch.exporter.snapshot.TimeSource;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
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
 * <p>Protobuf is kept the same way, once a scrape has asked for it: each row's metrics per family
 * as client_java's protobuf writer writes them, laid behind each family's message header with the
 * message's length in front ({@link DelimitedFamilies}).
 *
 * <p>A {@code name[]} filter takes the families it names from the same bytes and pieces ({@link
 * #families}), so no request renders the whole snapshot.
 *
 * <p>What a row shows also depends on the time: its answer goes stale after {@code stale_after} (by
 * the monotonic clock), and prices with a time window change on the wall clock's minute. A row
 * remembers until when it holds ({@link RenderValidity}), and a snapshot is rendered again from
 * then on.
 */
final class ScrapeCache {

  /**
   * Rows per gzip block: large enough for deflate to find the repeated label sets of neighbouring
   * models, small enough that one changed model costs a small share of a recompression.
   */
  static final int ROWS_PER_BLOCK = 16;

  /** The formats whose sample lines a row keeps: the text lines serve OpenMetrics too. */
  private static final ScrapeFormat[] KINDS = {ScrapeFormat.TEXT, ScrapeFormat.PROTOBUF};

  private final SnapshotStore store;
  private final SnapshotCollector collector;
  private final TimeSource time;
  private final FamilyTable table = new FamilyTable(SnapshotCollector.FAMILIES);

  // Guarded by this, as everything below: rendering is single-threaded.
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(64 * 1024);
  private final GzipBlocks pieces = new GzipBlocks(table, KINDS.length);
  private Map<Object, Row> rows = Map.of();
  private Rendering current;
  private boolean protobuf;

  /**
   * The bytes of a scrape's cached part, before the live part.
   *
   * @param parts the bytes to write, in order
   * @param length their total length
   * @param checksum for gzip, the checksum of the uncompressed bytes; null for plain text
   */
  record Encoded(List<byte[]> parts, long length, Checksum checksum) {

    /** The start of a gzip member, which the checksum does not cover. */
    static final Encoded GZIP_HEADER =
        new Encoded(List.of(GzipPieces.HEADER), GzipPieces.HEADER.length, Checksum.EMPTY);

    /** Some bytes, as they are or, with a deflater, as one gzip piece. */
    static Encoded of(byte[] bytes, Deflater gzip) {
      if (gzip == null) {
        return new Encoded(List.of(bytes), bytes.length, null);
      }
      Piece piece = GzipPieces.deflate(List.of(bytes), gzip);
      return new Encoded(List.of(piece.deflated()), piece.deflated().length, piece.checksum());
    }

    /** These, one after the other. */
    static Encoded join(List<Encoded> encodings, boolean gzip) {
      List<byte[]> parts = new ArrayList<>();
      long length = 0;
      Checksum checksum = gzip ? Checksum.EMPTY : null;
      for (Encoded encoded : encodings) {
        parts.addAll(encoded.parts);
        length += encoded.length;
        checksum = gzip ? checksum.then(encoded.checksum) : null;
      }
      return new Encoded(parts, length, checksum);
    }
  }

  /**
   * One family's part of a scrape.
   *
   * @param name the family's name as {@code name[]} selects it
   */
  record Family(String name, Encoded encoded) {}

  ScrapeCache(SnapshotStore store, SnapshotCollector collector, TimeSource time) {
    this.store = store;
    this.collector = collector;
    this.time = time;
  }

  /**
   * The current snapshot's series in {@code format}, gzip-compressed or not: for gzip a member's
   * header and deflated pieces, to be closed by a {@link GzipPieces#trailer}.
   */
  synchronized Encoded encoded(ScrapeFormat format, boolean gzip) {
    Rendering rendering = refresh(format);
    int slot = format.ordinal() * 2 + (gzip ? 1 : 0);
    if (rendering.encoded[slot] == null) {
      List<Encoded> families = new ArrayList<>();
      if (gzip) {
        families.add(Encoded.GZIP_HEADER);
      }
      for (int family = 0; family < table.size(); family++) {
        if (rendering.present[family]) {
          families.add(family(rendering, format, gzip, family));
        }
      }
      rendering.encoded[slot] = Encoded.join(families, gzip);
    }
    return rendering.encoded[slot];
  }

  /**
   * The current snapshot's families whose name passes {@code names}, in order, each on its own (for
   * gzip, deflated pieces without the member's header).
   */
  synchronized List<Family> families(ScrapeFormat format, boolean gzip, Predicate<String> names) {
    Rendering rendering = refresh(format);
    List<Family> families = new ArrayList<>();
    for (int family = 0; family < table.size(); family++) {
      if (rendering.present[family] && names.test(table.name(family))) {
        families.add(new Family(table.name(family), family(rendering, format, gzip, family)));
      }
    }
    return families;
  }

  /** The rows of the store's current snapshot, rendering again only what changed. */
  private Rendering refresh(ScrapeFormat format) {
    // Protobuf doubles what the rows keep: only once a scraper has asked for it.
    protobuf |= format == ScrapeFormat.PROTOBUF;
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
      if (row == null || !holds(row, state, settings, now)) {
        FamilyPoints points = new FamilyPoints(settings.selection());
        SnapshotCollector.render(state, now, settings, points);
        row = row(state, settings, RenderValidity.of(state, settings, now), points, row);
      }
      next.put(state.model(), row);
      ordered.add(row);
    }
    if (snapshot.discovery() != null) {
      Row row = rows.get(DiscoveryFamilies.class);
      if (row == null || !holds(row, snapshot.discovery(), settings, now)) {
        FamilyPoints points = new FamilyPoints(settings.selection());
        DiscoveryFamilies.render(snapshot.discovery(), points);
        row = row(snapshot.discovery(), settings, RenderValidity.ALWAYS, points, row);
      }
      next.put(DiscoveryFamilies.class, row);
      ordered.add(row);
    }
    // Rendered again with every new snapshot: it depends on the polled set, and is a few lines.
    FamilyPoints lifecycles = new FamilyPoints();
    SnapshotCollector.renderLifecycles(snapshot, now, settings, lifecycles);
    Row lifecycleRow =
        row(
            snapshot.lifecycles(),
            settings,
            snapshot.lifecycles().fresh(now, settings.staleAfter())
                ? new RenderValidity(snapshot.lifecycles().staleAt(settings.staleAfter()), null)
                : RenderValidity.ALWAYS,
            lifecycles,
            rows.get(LifecycleFamilies.class));
    next.put(LifecycleFamilies.class, lifecycleRow);
    ordered.add(lifecycleRow);
    rows = next;
    current = new Rendering(snapshot, settings, ordered);
    return current;
  }

  private Row row(
      Object source,
      SnapshotCollector.Settings settings,
      RenderValidity validity,
      FamilyPoints points,
      Row previous) {
    MetricSnapshots snapshots = points.snapshots();
    byte[][][] samples = new byte[protobuf ? 2 : 1][][];
    for (int kind = 0; kind < samples.length; kind++) {
      samples[kind] =
          samples(
              KINDS[kind],
              snapshots,
              previous != null && previous.samples.length > kind ? previous.samples[kind] : null);
    }
    return new Row(source, settings, validity, samples);
  }

  /** Each family's samples of {@code snapshots}, keeping {@code previous}' arrays that match. */
  private byte[][] samples(ScrapeFormat format, MetricSnapshots snapshots, byte[][] previous) {
    format.write(snapshots, buffer);
    byte[][] samples = new byte[table.size()][];
    table.split(
        format,
        snapshots,
        buffer.toByteArray(),
        (family, header, lines, trailer) ->
            samples[family] =
                previous != null && Arrays.equals(previous[family], lines)
                    ? previous[family]
                    : lines);
    return samples;
  }

  /**
   * One family in {@code format}: its header, every row's samples of it and its trailer; in
   * protobuf, the length of that message in front.
   */
  private Encoded family(Rendering rendering, ScrapeFormat format, boolean gzip, int family) {
    int kind = kind(format);
    byte[] header = table.header(format, family);
    byte[] trailer = table.trailer(format, family);
    List<byte[]> samples = new ArrayList<>();
    long length = 0;
    for (Row row : rendering.rows) {
      byte[] lines = row.samples[kind][family];
      if (lines != null) {
        samples.add(lines);
        length += lines.length;
      }
    }
    List<byte[]> head =
        format == ScrapeFormat.PROTOBUF
            ? List.of(
                DelimitedFamilies.lengthPrefix(header.length + length + trailer.length), header)
            : List.of(header);
    List<byte[]> tail = trailer.length > 0 ? List.of(trailer) : List.of();
    if (!gzip) {
      List<byte[]> parts = new ArrayList<>(head);
      parts.addAll(samples);
      parts.addAll(tail);
      return new Encoded(parts, length + size(head) + size(tail), null);
    }
    // A protobuf header holds the message's length, which changes with the rows: deflated anew.
    List<Piece> laid = new ArrayList<>();
    laid.add(
        format == ScrapeFormat.PROTOBUF ? pieces.deflate(head) : pieces.header(format, family));
    int blockCount = (rendering.rows.length + ROWS_PER_BLOCK - 1) / ROWS_PER_BLOCK;
    for (int block = 0; block < blockCount; block++) {
      int from = block * ROWS_PER_BLOCK;
      int to = Math.min(from + ROWS_PER_BLOCK, rendering.rows.length);
      byte[][] lines = new byte[to - from][];
      for (int i = from; i < to; i++) {
        lines[i - from] = rendering.rows[i].samples[kind][family];
      }
      laid.add(pieces.block(kind, family, block, blockCount, lines));
    }
    if (!tail.isEmpty()) {
      laid.add(pieces.deflate(tail));
    }
    List<byte[]> parts = new ArrayList<>();
    long compressed = 0;
    Checksum checksum = Checksum.EMPTY;
    for (Piece piece : laid) {
      if (piece.checksum().length() > 0) {
        parts.add(piece.deflated());
        compressed += piece.deflated().length;
        checksum = checksum.then(piece.checksum());
      }
    }
    return new Encoded(parts, compressed, checksum);
  }

  private static long size(List<byte[]> parts) {
    long size = 0;
    for (byte[] part : parts) {
      size += part.length;
    }
    return size;
  }

  private static int kind(ScrapeFormat format) {
    return format == ScrapeFormat.PROTOBUF ? 1 : 0;
  }

  /**
   * One model's (or discovery's) samples by kind ({@link #KINDS}) and family (null where it has
   * none), and what they were rendered from.
   */
  private record Row(
      Object source,
      SnapshotCollector.Settings settings,
      RenderValidity validity,
      byte[][][] samples) {}

  private boolean holds(Row row, Object state, SnapshotCollector.Settings settings, Moment now) {
    return row.source == state
        && row.settings == settings
        && row.validity.holds(now)
        && (row.samples.length > 1 || !protobuf);
  }

  /** The rows of one snapshot, and its encodings as scrapes ask for them. */
  private final class Rendering {
    final Snapshot snapshot;
    final SnapshotCollector.Settings settings;
    final Row[] rows;
    final RenderValidity validity;
    final boolean[] present = new boolean[table.size()];
    final Encoded[] encoded = new Encoded[ScrapeFormat.values().length * 2];

    Rendering(Snapshot snapshot, SnapshotCollector.Settings settings, List<Row> rows) {
      this.snapshot = snapshot;
      this.settings = settings;
      this.rows = rows.toArray(Row[]::new);
      RenderValidity until = RenderValidity.ALWAYS;
      for (Row row : this.rows) {
        until = until.and(row.validity);
        for (int family = 0; family < present.length; family++) {
          present[family] |= row.samples[0][family] != null;
        }
      }
      this.validity = until;
    }

    boolean holds(Snapshot snapshot, SnapshotCollector.Settings settings, Moment now) {
      return this.snapshot == snapshot
          && this.settings == settings
          && validity.holds(now)
          && (rows.length == 0 || rows[0].samples.length > 1 || !protobuf);
    }
  }
}
