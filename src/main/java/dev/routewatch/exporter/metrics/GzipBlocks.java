package dev.routewatch.exporter.metrics;

import dev.routewatch.exporter.metrics.GzipPieces.Piece;
import java.util.Arrays;
import java.util.List;
import java.util.zip.Deflater;

/**
 * The deflated pieces {@link ScrapeCache} lays gzip answers from, each kept while the bytes it was
 * made from stay the same: every family's header in each format, and each (family, block of rows)
 * of each kind of samples. Not thread-safe: the cache's lock guards it.
 */
final class GzipBlocks {

  private final FamilyTable table;
  private final Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
  private final Piece[][] headers = new Piece[ScrapeFormat.values().length][];
  private final Block[][][] blocks;

  GzipBlocks(FamilyTable table, int kinds) {
    this.table = table;
    this.blocks = new Block[kinds][0][];
  }

  /** Some bytes deflated now, for a piece that is not kept. */
  Piece deflate(List<byte[]> parts) {
    return GzipPieces.deflate(parts, deflater);
  }

  /** The family's header in {@code format}. */
  Piece header(ScrapeFormat format, int family) {
    Piece[] pieces = headers[format.ordinal()];
    if (pieces == null) {
      pieces = new Piece[table.size()];
      headers[format.ordinal()] = pieces;
    }
    if (pieces[family] == null) {
      pieces[family] = deflate(List.of(table.header(format, family)));
    }
    return pieces[family];
  }

  /**
   * One block of rows' samples of one family, deflated again only when one of its arrays changed.
   *
   * @param lines each row's samples of the family, null where it has none
   * @param blockCount how many blocks the rows make now
   */
  Piece block(int kind, int family, int block, int blockCount, byte[][] lines) {
    if (blocks[kind].length != table.size() || blocks[kind][0].length != blockCount) {
      blocks[kind] = new Block[table.size()][blockCount];
    }
    Block cached = blocks[kind][family][block];
    // Arrays.equals on arrays of arrays compares the inner arrays by reference.
    if (cached == null || !Arrays.equals(cached.lines, lines)) {
      cached = new Block(lines, deflate(Arrays.asList(lines)));
      blocks[kind][family][block] = cached;
    }
    return cached.piece;
  }

  /** The deflated lines of some rows for one family, and the lines it was made from. */
  private record Block(byte[][] lines, Piece piece) {}
}
