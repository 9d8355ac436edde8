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
    Upstream openrouter,
    Poll poll,
    List<ModelId> models,
    InetSocketAddress listenAddress,
    Metrics metrics) {

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
      int maxResponseBytes) {}

  /** The {@code poll:} section. */
  public record Poll(Duration interval, Duration staleAfter) {}

  /**
   * The {@code metrics:} section: which optional families to render.
   *
   * @param supportedParameters {@code metrics.supported_parameters}: the supported-parameter and
   *     tool-choice families, about 10 to 20 series per endpoint
   */
  public record Metrics(boolean supportedParameters) {}

  public ExporterConfig withListenAddress(InetSocketAddress address) {
    return new ExporterConfig(openrouter, poll, models, address, metrics);
  }
}
