package dev.routewatch.exporter.metrics;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Version and revision of this build, filled in by Maven resource filtering. */
public record BuildInfo(String version, String revision, String javaVersion) {

  public static BuildInfo load() {
    Properties properties = new Properties();
    try (InputStream in = BuildInfo.class.getResourceAsStream("/build-info.properties")) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new BuildInfo(
        known(properties.getProperty("version")),
        known(properties.getProperty("revision")),
        System.getProperty("java.version"));
  }

  /** Unfiltered placeholders (a build outside git, an IDE run) read as "unknown". */
  private static String known(String value) {
    return value == null || value.isBlank() || value.startsWith("${") ? "unknown" : value;
  }

  public String userAgent() {
    return "openrouter-exporter/" + version;
  }
}
