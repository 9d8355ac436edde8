package dev.routewatch.exporter.openrouter;

import java.util.EnumMap;
import java.util.Map;

/** Why a call to the API failed: the {@code reason} label of openrouter_poll_errors_total. */
public enum FailureReason {
  /** HTTP 429. */
  RATE_LIMITED("rate_limited"),
  /** HTTP 404: a delisted or mistyped model, no trouble of the exporter's. */
  NOT_FOUND("not_found"),
  /** Any other non-2xx status. */
  HTTP_ERROR("http_error"),
  /** Connect, read or whole-call timeout. */
  TIMEOUT("timeout"),
  /** Connection refused or reset, DNS failure, TLS failure: no complete answer. */
  IO_ERROR("io_error"),
  /** A 2xx answer that is not the JSON we expect. */
  BAD_RESPONSE("bad_response");

  private final String label;

  FailureReason(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** A count for every reason, all 0: counters are exported from the start, so rate() works. */
  public static Map<FailureReason, Long> zeroCounts() {
    Map<FailureReason, Long> counts = new EnumMap<>(FailureReason.class);
    for (FailureReason reason : values()) {
      counts.put(reason, 0L);
    }
    return counts;
  }
}
