package dev.routewatch.exporter.metrics;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * One gzip member (RFC 1952) built from pieces compressed at different times: each piece is raw
 * deflate ended by a sync flush, which closes its last block on a byte boundary and never refers
 * back past its own start, so pieces can be laid side by side in any combination. A final empty
 * block, the CRC-32 of the whole and its length close the member. One member rather than a gzip
 * member per piece: curl, among others, reads only the first member of a response.
 *
 * <p>The CRC-32 of the whole is combined from each piece's CRC and length ({@link #combine}, zlib's
 * {@code crc32_combine}), so a scrape never runs over the uncompressed bytes again.
 */
final class GzipPieces {

  /** Magic, deflate, no flags, no time, no extra flags, unknown OS. */
  static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};

  /** A final fixed-Huffman block holding only its end code. */
  private static final byte[] LAST_BLOCK = {3, 0};

  private static final int CRC_POLYNOMIAL = 0xedb88320;

  /** x^(2^n) modulo the CRC polynomial, n = 0..31, for {@link #combine}. */
  private static final int[] X_TO_TWO_TO_THE = powersOfX();

  private GzipPieces() {}

  /** The CRC-32 and length of some uncompressed bytes. */
  record Checksum(int crc, long length) {

    static final Checksum EMPTY = new Checksum(0, 0);

    /** The checksum of these bytes followed by {@code next}'s. */
    Checksum then(Checksum next) {
      return new Checksum(combine(crc, next.crc, next.length), length + next.length);
    }
  }

  /**
   * Raw deflate of some bytes, ended by a sync flush, and the checksum of those bytes.
   *
   * @param deflated the compressed bytes, to be laid between {@link #HEADER} and {@link #trailer}
   */
  record Piece(byte[] deflated, Checksum checksum) {}

  /** Compresses {@code parts}, in order, into one piece; null parts are skipped. */
  static Piece deflate(List<byte[]> parts, Deflater deflater) {
    deflater.reset();
    CRC32 crc = new CRC32();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[16 * 1024];
    long length = 0;
    for (byte[] part : parts) {
      if (part == null) {
        continue;
      }
      crc.update(part);
      length += part.length;
      deflater.setInput(part);
      while (!deflater.needsInput()) {
        out.write(buffer, 0, deflater.deflate(buffer, 0, buffer.length, Deflater.NO_FLUSH));
      }
    }
    int written;
    do {
      written = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
      out.write(buffer, 0, written);
    } while (written == buffer.length);
    return new Piece(out.toByteArray(), new Checksum((int) crc.getValue(), length));
  }

  /** The end of the member for everything before it: last block, CRC-32 and length, LSB first. */
  static byte[] trailer(Checksum whole) {
    byte[] trailer = new byte[LAST_BLOCK.length + 8];
    System.arraycopy(LAST_BLOCK, 0, trailer, 0, LAST_BLOCK.length);
    putIntLittleEndian(trailer, LAST_BLOCK.length, whole.crc());
    putIntLittleEndian(trailer, LAST_BLOCK.length + 4, (int) whole.length());
    return trailer;
  }

  private static void putIntLittleEndian(byte[] bytes, int at, int value) {
    for (int i = 0; i < 4; i++) {
      bytes[at + i] = (byte) (value >>> (8 * i));
    }
  }

  /** The CRC-32 of A followed by B, from the CRC of A and the CRC and length of B. */
  static int combine(int crcA, int crcB, long lengthB) {
    return multiplyModP(xToThe8nModP(lengthB), crcA) ^ crcB;
  }

  /** a times b modulo the polynomial, both in the CRC's reflected bit order. */
  private static int multiplyModP(int a, int b) {
    int m = 1 << 31;
    int product = 0;
    while (true) {
      if ((a & m) != 0) {
        product ^= b;
        if ((a & (m - 1)) == 0) {
          return product;
        }
      }
      m >>>= 1;
      b = (b & 1) != 0 ? (b >>> 1) ^ CRC_POLYNOMIAL : b >>> 1;
    }
  }

  /** x^(8 n) modulo the polynomial: appending n zero bytes. */
  private static int xToThe8nModP(long n) {
    int power = 1 << 31; // x^0
    int k = 3; // 8 n = n * 2^3
    while (n != 0) {
      if ((n & 1) != 0) {
        power = multiplyModP(X_TO_TWO_TO_THE[k & 31], power);
      }
      n >>>= 1;
      k++;
    }
    return power;
  }

  private static int[] powersOfX() {
    int[] table = new int[32];
    int power = 1 << 30; // x^1
    table[0] = power;
    for (int n = 1; n < 32; n++) {
      power = multiplyModP(power, power);
      table[n] = power;
    }
    return table;
  }
}
