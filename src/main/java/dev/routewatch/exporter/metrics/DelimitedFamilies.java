package dev.routewatch.exporter.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The cut of client_java's protobuf output, length-delimited {@code
 * io.prometheus.client.MetricFamily} messages, into each family's fields before its metrics (name,
 * help, type), its metrics, and its fields after them (unit). Protobuf writes a message's fields in
 * the order of their numbers, so a family's {@code metric} fields (number 4) lie side by side, and
 * the metrics of several writings of one family can be laid side by side behind one header: see <a
 * href="https://github.com/prometheus/client_model/blob/master/io/prometheus/client/metrics.proto">metrics.proto</a>
 * and <a href="https://protobuf.dev/programming-guides/encoding/">the wire format</a>.
 */
final class DelimitedFamilies {

  private static final int METRIC_FIELD = 4;

  private DelimitedFamilies() {}

  /** One family's message, cut around its metrics. */
  record Cut(byte[] before, byte[] metrics, byte[] after) {}

  /** The messages of {@code written}, in order. */
  static List<Cut> cut(byte[] written) {
    List<Cut> cuts = new ArrayList<>();
    Reader reader = new Reader(written);
    while (reader.at < written.length) {
      int length = Math.toIntExact(reader.varint());
      int start = reader.at;
      int end = Math.addExact(start, length);
      int metricsStart = -1;
      int metricsEnd = -1;
      while (reader.at < end) {
        int fieldStart = reader.at;
        long key = reader.varint();
        reader.skip((int) key & 7);
        if (key >>> 3 == METRIC_FIELD) {
          if (metricsStart >= 0 && metricsEnd != fieldStart) {
            throw new IllegalArgumentException("a family's metrics are not side by side");
          }
          metricsStart = metricsStart < 0 ? fieldStart : metricsStart;
          metricsEnd = reader.at;
        }
      }
      if (metricsStart < 0) {
        metricsStart = end;
        metricsEnd = end;
      }
      cuts.add(
          new Cut(
              Arrays.copyOfRange(written, start, metricsStart),
              Arrays.copyOfRange(written, metricsStart, metricsEnd),
              Arrays.copyOfRange(written, metricsEnd, end)));
    }
    return cuts;
  }

  /** The varint a message's length is written in, in front of the message. */
  static byte[] lengthPrefix(long length) {
    byte[] bytes = new byte[10];
    int size = 0;
    while ((length & ~0x7fL) != 0) {
      bytes[size++] = (byte) ((length & 0x7f) | 0x80);
      length >>>= 7;
    }
    bytes[size++] = (byte) length;
    return Arrays.copyOf(bytes, size);
  }

  private static final class Reader {
    final byte[] bytes;
    int at;

    Reader(byte[] bytes) {
      this.bytes = bytes;
    }

    long varint() {
      long value = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        byte b = bytes[at++];
        value |= (long) (b & 0x7f) << shift;
        if (b >= 0) {
          return value;
        }
      }
      throw new IllegalArgumentException("a varint longer than 10 bytes");
    }

    /** Passes over a field's value of {@code wireType}, its key read. */
    void skip(int wireType) {
      switch (wireType) {
        case 0 -> varint();
        case 1 -> at += 8;
        case 2 -> {
          int length = Math.toIntExact(varint());
          at = Math.addExact(at, length);
        }
        case 5 -> at += 4;
        default -> throw new IllegalArgumentException("wire type " + wireType);
      }
    }
  }
}
