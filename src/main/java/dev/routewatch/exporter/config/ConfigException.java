package dev.routewatch.exporter.config;

import java.nio.file.Path;

/**
 * An invalid configuration or command line. The message has the form {@code file: key.path:
 * problem} and never contains a configured value (it could be a secret).
 */
public final class ConfigException extends Exception {

  public ConfigException(String message) {
    super(message);
  }

  /** {@code file: key.path: problem}. */
  static ConfigException at(Path file, String key, String problem) {
    return new ConfigException(file + ": " + key + ": " + problem);
  }

  /** {@code file: problem}, for a problem with the file as a whole. */
  static ConfigException in(Path file, String problem) {
    return new ConfigException(file + ": " + problem);
  }
}
