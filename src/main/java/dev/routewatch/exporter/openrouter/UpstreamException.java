package dev.routewatch.exporter.openrouter;

/**
 * A failed call, classified once. The message is safe to log and show: it names the status or the
 * kind of fault, never a header or the request's credentials.
 */
public final class UpstreamException extends Exception {

  private final FailureReason reason;

  public UpstreamException(FailureReason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public UpstreamException(FailureReason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public FailureReason reason() {
    return reason;
  }
}
