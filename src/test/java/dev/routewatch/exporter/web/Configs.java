package dev.routewatch.exporter.web;

import dev.routewatch.exporter.config.ConfigException;
import dev.routewatch.exporter.config.ConfigLoader;
import dev.routewatch.exporter.config.ExporterConfig;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;

/** Configurations for a web server in a test: what the landing page describes. */
final class Configs {

  private static final ExporterConfig MINIMAL_CONFIG = load("minimal.yml", Map.of());

  /** {@code config/valid/minimal.yml}: the default upstream, no key, no Grafana. */
  static final Supplier<ExporterConfig> MINIMAL = () -> MINIMAL_CONFIG;

  private Configs() {}

  /** A file of {@code src/test/resources/config/valid}, loaded with {@code env}. */
  static ExporterConfig load(String name, Map<String, String> env) {
    try {
      return ConfigLoader.load(Path.of("src/test/resources/config/valid", name), env);
    } catch (ConfigException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }
}
