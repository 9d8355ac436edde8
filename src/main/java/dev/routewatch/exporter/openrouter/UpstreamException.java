package dev.routewatch.exporter.openrouter;

import java.time.Duration;
import java.util.Optional;

/**
 * A failed call, classified once. The message is safe to log and show: it names the status or the
 * kind of fault, never a header or the request's credentials.
 */
public final class UpstreamException extends Exception {

  private final FailureReason reason;
  private final Duration retryAfter;

  public UpstreamException(FailureReason reason, String message) {
    this(reason, message, null);
  }

  /**
   * @param retryAfter how long the API asked us to wait (a 429's or 503's {@code Retry-After}), or
   *     null
   */
  public UpstreamException(FailureReason reason, String message, Duration retryAfter) {
    super(message);
    this.reason = reason;
    this.retryAfter = retryAfter;
  }

  public FailureReason reason() {
    return reason;
  }

  /** How long the API asked every client of this key to wait, when it said so. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
