package dev.routewatch.exporter.openrouter;

/** Told about every HTTP request sent upstream; the metrics package counts them. */
@FunctionalInterface
public interface ApiRequestListener {

  /** The code label for a request that got no HTTP response. */
  String NO_RESPONSE = "none";

  /**
   * @param code the HTTP status as a string, or {@link #NO_RESPONSE}
   */
  void requestCompleted(String code);
}
