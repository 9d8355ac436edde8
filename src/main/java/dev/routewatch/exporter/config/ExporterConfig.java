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
    Discovery discovery,
    InetSocketAddress listenAddress,
    Metrics metrics,
    Optional<Cluster> cluster) {

  /**
   * @param models the model ids listed explicitly: always polled, never excluded
   */
  public ExporterConfig {
    models = List.copyOf(models);
  }

  /**
   * The {@code {match: GLOB}} entries of {@code models}, {@code exclude_models} and the {@code
   * discovery:} section. Without patterns there is no discovery.
   */
  public record Discovery(
      List<ModelPattern> patterns,
      List<ModelPattern> exclusions,
      Duration interval,
      int maxModels) {

    public Discovery {
      patterns = List.copyOf(patterns);
      exclusions = List.copyOf(exclusions);
    }

    public boolean enabled() {
      return !patterns.isEmpty();
    }
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

  /**
   * The {@code metrics:} section: which optional families to render.
   *
   * @param supportedParameters {@code metrics.supported_parameters}: the supported-parameter and
   *     tool-choice families, about 10 to 20 series per endpoint
   */
  public record Metrics(boolean supportedParameters) {}

  /**
   * The {@code cluster:} section: replicas share the polling through Quartz's clustered job store
   * and the polls' results through a table, both in one PostgreSQL database.
   *
   * @param jdbcUrl {@code jdbc:postgresql://...}, without a password in it
   * @param password from {@code password_file}; empty when the server asks for none
   * @param instanceId this replica's name in the cluster, unique among the replicas
   */
  public record Cluster(
      String jdbcUrl, String username, Optional<Secret> password, String instanceId) {}

  public ExporterConfig withListenAddress(InetSocketAddress address) {
    return new ExporterConfig(openrouter, poll, models, discovery, address, metrics, cluster);
  }
}
