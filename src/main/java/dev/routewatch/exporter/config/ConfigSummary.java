package dev.routewatch.exporter.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeSet;

/**
 * What {@code --config.check} prints for a valid configuration: every setting in effect after the
 * defaults and the flags, and where the API key comes from, never the key.
 */
public final class ConfigSummary {

  private ConfigSummary() {}

  /**
   * @param env the environment the configuration was loaded with, to tell where the key came from
   */
  public static String of(Path file, ExporterConfig config, Map<String, String> env) {
    ExporterConfig.Upstream upstream = config.openrouter();
    StringBuilder text = new StringBuilder();
    text.append(file).append(": valid\n");
    line(text, "openrouter.base_url", upstream.baseUrl());
    line(text, "openrouter api key", apiKey(config, env));
    line(text, "openrouter.timeout", Durations.format(upstream.timeout()));
    line(text, "openrouter.max_concurrent_requests", upstream.maxConcurrentRequests());
    line(text, "openrouter.max_requests_per_minute", upstream.maxRequestsPerMinute());
    line(text, "openrouter.max_response_bytes", upstream.maxResponseBytes());
    line(text, "openrouter.max_endpoints_per_model", upstream.maxEndpointsPerModel());
    line(text, "poll.interval", Durations.format(config.poll().interval()));
    line(text, "poll.stale_after", Durations.format(config.poll().staleAfter()));
    line(text, "web.listen_address", ListenAddress.format(config.listenAddress()));
    line(text, "metrics.supported_parameters", config.metrics().supportedParameters());
    line(text, "models", config.models().size());
    config.models().forEach(model -> text.append("    - ").append(model).append('\n'));
    ExporterConfig.Discovery discovery = config.discovery();
    if (discovery.enabled()) {
      line(text, "model patterns", discovery.patterns());
      line(text, "exclude_models", discovery.exclusions());
      line(text, "discovery.interval", Durations.format(discovery.interval()));
      line(text, "discovery.max_models", discovery.maxModels());
    }
    config
        .cluster()
        .ifPresentOrElse(
            cluster -> {
              line(text, "cluster.jdbc_url", cluster.jdbcUrl());
              line(text, "cluster.username", cluster.username());
              line(
                  text,
                  "cluster password",
                  cluster.password().isPresent() ? "set, from cluster.password_file" : "not set");
              line(text, "cluster.instance_id", cluster.instanceId());
            },
            () -> line(text, "cluster", "none (one replica, schedule in memory)"));
    return text.toString();
  }

  /** The summary of a valid web configuration file: what is on, never a hash or a key. */
  public static String of(Path file, WebConfig web) {
    StringBuilder text = new StringBuilder();
    text.append(file).append(": valid\n");
    line(
        text,
        "tls_server_config",
        web.tls()
            .map(
                tls ->
                    "on, "
                        + String.join(", ", tls.protocols())
                        + ", client_auth_type "
                        + tls.clientAuth().configName())
            .orElse("off (plain HTTP)"));
    line(
        text,
        "basic_auth_users",
        web.basicAuthUsers().isEmpty()
            ? "none (no authentication)"
            : web.basicAuthUsers().size()
                + " ("
                + String.join(", ", new TreeSet<>(web.basicAuthUsers().keySet()))
                + ")");
    line(text, "http_server_config.headers", web.headers().size());
    return text.toString();
  }

  private static String apiKey(ExporterConfig config, Map<String, String> env) {
    if (config.openrouter().apiKey().isEmpty()) {
      return "not set (latency and throughput come back empty)";
    }
    return ApiKeyFile.inEnv(env)
        ? "set, from " + ApiKeyFile.ENV
        : "set, from openrouter.api_key_file";
  }

  private static void line(StringBuilder text, String name, Object value) {
    text.append(String.format("  %-36s %s\n", name + ":", value));
  }
}
