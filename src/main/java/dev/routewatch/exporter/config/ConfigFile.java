package dev.routewatch.exporter.config;

import java.util.List;
import java.util.Objects;

/**
 * The configuration file as written, one record per YAML mapping, before any validation. A key left
 * out (or set to null) is null here; {@link ConfigValidator} puts the defaults in. Durations stay
 * strings so that a bad one is reported by {@link Durations}, not by Jackson.
 */
record ConfigFile(Openrouter openrouter, Poll poll, List<String> models, Web web, Metrics metrics) {

  /** A section left out reads as a section with every key left out. */
  ConfigFile {
    openrouter =
        Objects.requireNonNullElse(openrouter, new Openrouter(null, null, null, null, null, null));
    poll = Objects.requireNonNullElse(poll, new Poll(null, null));
    web = Objects.requireNonNullElse(web, new Web(null));
    metrics = Objects.requireNonNullElse(metrics, new Metrics(null));
  }

  record Openrouter(
      String baseUrl,
      String apiKeyFile,
      String timeout,
      Integer maxConcurrentRequests,
      Integer maxRequestsPerMinute,
      Integer maxResponseBytes) {}

  record Poll(String interval, String staleAfter) {}

  record Web(String listenAddress) {}

  record Metrics(Boolean supportedParameters) {}
}
