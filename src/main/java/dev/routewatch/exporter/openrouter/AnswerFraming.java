package dev.routewatch.exporter.openrouter;

/**
 * What {@link ConnectionHygiene} found about how one call's answer ended, for the caller that reads
 * the answer. Attached to the request as its tag; written on OkHttp's thread before the body is
 * handed over, read after.
 */
final class AnswerFraming {

  private volatile boolean bytesPastTheEnd;

  /** The upstream sent more than the answer it declared: the answer cannot be trusted either. */
  void bytesPastTheEnd() {
    bytesPastTheEnd = true;
  }

  boolean hadBytesPastTheEnd() {
    return bytesPastTheEnd;
  }
}
