package dev.routewatch.exporter.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Objects;

/**
 * The configuration file as written, one record per YAML mapping, before any validation. A key left
 * out (or set to null) is null here; {@link ConfigValidator} puts the defaults in. Durations stay
 * strings so that a bad one is reported by {@link Durations}, not by Jackson.
 */
record ConfigFile(
    Openrouter openrouter,
    Poll poll,
    List<ModelEntry> models,
    List<String> excludeModels,
    Discovery discovery,
    Web web,
    Metrics metrics,
    Cluster cluster) {

  /**
   * A section left out reads as a section with every key left out, except {@code cluster}: left
   * out, it stays null (one replica, no database).
   */
  ConfigFile {
    openrouter =
        Objects.requireNonNullElse(
            openrouter, new Openrouter(null, null, null, null, null, null, null));
    poll = Objects.requireNonNullElse(poll, new Poll(null, null));
    web = Objects.requireNonNullElse(web, new Web(null));
    discovery = Objects.requireNonNullElse(discovery, new Discovery(null, null));
    metrics = Objects.requireNonNullElse(metrics, new Metrics(null));
  }

  /** An entry of {@code models}: a model id, or {@code {match: GLOB}}. */
  record ModelEntry(String id, String match) {

    @JsonCreator
    static ModelEntry id(String id) {
      return new ModelEntry(id, null);
    }

    @JsonCreator
    static ModelEntry pattern(@JsonProperty("match") String match) {
      return new ModelEntry(null, match);
    }
  }

  record Discovery(String interval, Integer maxModels) {}

  record Openrouter(
      String baseUrl,
      String apiKeyFile,
      String timeout,
      Integer maxConcurrentRequests,
      Integer maxRequestsPerMinute,
      Integer maxResponseBytes,
      Integer maxEndpointsPerModel) {}

  record Poll(String interval, String staleAfter) {}

  record Web(String listenAddress) {}

  record Metrics(Boolean supportedParameters) {}

  record Cluster(String jdbcUrl, String username, String passwordFile, String instanceId) {}
}
