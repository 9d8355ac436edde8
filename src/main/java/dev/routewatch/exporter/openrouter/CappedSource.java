package dev.routewatch.exporter.openrouter;

import java.io.IOException;
import okio.Buffer;
import okio.ForwardingSource;
import okio.Source;

/**
 * An answer body read as it is parsed, never more than the cap. It remembers why reading failed:
 * the parser may wrap that in a JSON error, and a connection that broke or a body over the cap is
 * no JSON problem.
 */
final class CappedSource extends ForwardingSource {

  /** The body went past the cap. */
  static final class TooLargeException extends IOException {
    TooLargeException(long maxBytes) {
      super("body larger than " + maxBytes + " bytes");
    }
  }

  private final long maxBytes;
  private long left;
  private IOException failure;

  CappedSource(Source body, long maxBytes) {
    super(body);
    this.maxBytes = maxBytes;
    this.left = maxBytes;
  }

  @Override
  public long read(Buffer sink, long byteCount) throws IOException {
    long read;
    try {
      // At most one byte past the cap is ever asked for.
      read = super.read(sink, Math.min(byteCount, left + 1));
    } catch (IOException e) {
      failure = e;
      throw e;
    }
    if (read > 0) {
      left -= read;
      if (left < 0) {
        failure = new TooLargeException(maxBytes);
        throw failure;
      }
    }
    return read;
  }

  /** Why reading the body failed, if it did; null while it has not. */
  IOException failure() {
    return failure;
  }
}
