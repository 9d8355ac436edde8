package dev.routewatch.exporter.config;

import java.util.List;

/**
 * The configuration file as written, one record per YAML mapping, before any validation. A key left
 * out (or set to null) is null here; {@link ConfigValidator} puts the defaults in. Durations stay
 * strings so that a bad one is reported by {@link Durations}, not by Jackson.
 */
record ConfigFile(Openrouter openrouter, Poll poll, List<String> models, Web web) {

  record Openrouter(
      String baseUrl,
      String apiKeyFile,
      String timeout,
      Integer maxConcurrentRequests,
      Integer maxRequestsPerMinute) {}

  record Poll(String interval, String staleAfter) {}

  record Web(String listenAddress) {}
}
