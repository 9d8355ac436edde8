package dev.routewatch.exporter.metrics;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * One /metrics answer, ready to send: its length is known before the first byte (so it goes out
 * with a Content-Length, not chunked), and it is written in 64 KiB slices, so that no write hands
 * the server's stream a buffer the size of the whole answer.
 */
public final class ScrapeBody {

  private static final int SLICE = 64 * 1024;

  private final List<byte[]> cached;
  private final List<byte[]> live;
  private final long length;

  ScrapeBody(List<byte[]> cached, long cachedLength, List<byte[]> live) {
    this.cached = cached;
    this.live = live;
    long total = cachedLength;
    for (byte[] part : live) {
      total += part.length;
    }
    this.length = total;
  }

  /** An answer of these bytes, as they are. */
  public static ScrapeBody of(byte[] bytes) {
    return new ScrapeBody(List.of(bytes), bytes.length, List.of());
  }

  /** How many bytes {@link #writeTo} writes. */
  public long length() {
    return length;
  }

  /** Writes the whole answer to {@code out}, and flushes it. */
  public void writeTo(OutputStream out) throws IOException {
    // Coalesces the many small parts (one model's lines of one family) into slices.
    BufferedOutputStream slices = new BufferedOutputStream(out, SLICE);
    write(cached, slices);
    write(live, slices);
    slices.flush();
  }

  private static void write(List<byte[]> parts, OutputStream out) throws IOException {
    for (byte[] part : parts) {
      for (int from = 0; from < part.length; from += SLICE) {
        out.write(part, from, Math.min(SLICE, part.length - from));
      }
    }
  }
}
