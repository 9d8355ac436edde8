package dev.routewatch.exporter.config;

import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    StringBuilder text = new StringBuilder();
    text.append(file).append(": valid\n");
    section(text, "openrouter", config.openrouter(), env);
    section(text, "poll", config.poll(), env);
    line(text, "web.listen_address", ListenAddress.format(config.listenAddress()));
    line(text, "web.grafana_url", config.grafanaUrl().orElse("none (no dashboard links)"));
    section(text, "metrics", config.metrics(), env);
    section(text, "account", config.account(), env);
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
            cluster -> section(text, "cluster", cluster, env),
            () -> line(text, "cluster", "none (one replica, schedule in memory)"));
    otlp(text, config.otlp());
    return text.toString();
  }

  /** The push's settings; of the headers only their names. */
  private static void otlp(StringBuilder text, Otlp otlp) {
    if (!otlp.enabled()) {
      line(text, "otlp", "none (no push)");
      return;
    }
    line(text, "otlp.endpoint", otlp.endpoint().orElseThrow());
    line(text, "otlp.protocol", otlp.protocol());
    line(text, "otlp.interval", Durations.format(otlp.interval()));
    line(
        text,
        "otlp headers",
        otlp.headers().isEmpty()
            ? "none"
            : String.join(", ", otlp.headers().keySet()) + ", from otlp.headers_file");
    line(text, "otlp.resource_attributes", otlp.resourceAttributes());
  }

  /**
   * A line per key of a section, in the order of its record, so that a key added to the record
   * shows here without more code. A secret shows where it comes from, never what it is.
   */
  private static void section(
      StringBuilder text, String section, Record values, Map<String, String> env) {
    List<String> keys = ConfigKeys.names(values.getClass());
    RecordComponent[] components = values.getClass().getRecordComponents();
    for (int i = 0; i < components.length; i++) {
      String key = section + "." + keys.get(i);
      Object value = value(components[i], values);
      if (value instanceof Optional<?> secret) {
        String name = keys.get(i).replaceFirst("_file$", "").replace('_', ' ');
        line(text, section + " " + name, secretSource(key, secret.isPresent(), env));
      } else {
        line(text, key, value instanceof Duration duration ? Durations.format(duration) : value);
      }
    }
  }

  private static Object value(RecordComponent component, Record values) {
    try {
      return component.getAccessor().invoke(values);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("a configuration record's accessor failed", e);
    }
  }

  private static String secretSource(String key, boolean set, Map<String, String> env) {
    boolean apiKey = key.equals("openrouter.api_key_file");
    boolean managementKey = key.equals("account.management_key_file");
    if (!set) {
      return apiKey
          ? "not set (latency and throughput come back empty)"
          : managementKey ? "not set (credits and activity are not read)" : "not set";
    }
    if (apiKey && ApiKeyFile.inEnv(env)) {
      return "set, from " + ApiKeyFile.ENV;
    }
    if (managementKey && HeaderKeyFile.inEnv(ManagementKeyFile.ENV, env)) {
      return "set, from " + ManagementKeyFile.ENV;
    }
    return "set, from " + key;
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

  private static void line(StringBuilder text, String name, Object value) {
    text.append(String.format("  %-36s %s\n", name + ":", value));
  }
}
