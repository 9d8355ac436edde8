package dev.routewatch.exporter.config;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The validated configuration, immutable. Built only by {@link ConfigLoader}; every value here has
 * passed validation, so the rest of the program never re-checks it.
 */
public record ExporterConfig(
    Upstream openrouter, Poll poll, List<ModelId> models, InetSocketAddress listenAddress) {

  public ExporterConfig {
    models = List.copyOf(models);
  }

  /** The {@code openrouter:} section. */
  public record Upstream(
      String baseUrl,
      Optional<Secret> apiKey,
      Duration timeout,
      int maxConcurrentRequests,
      int maxRequestsPerMinute,
      int maxResponseBytes,
      int maxEndpointsPerModel) {}

  /** The {@code poll:} section. */
  public record Poll(Duration interval, Duration staleAfter) {}

  public ExporterConfig withListenAddress(InetSocketAddress address) {
    return new ExporterConfig(openrouter, poll, models, address);
  }
}
