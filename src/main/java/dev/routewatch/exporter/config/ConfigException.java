package dev.routewatch.exporter.config;

/**
 * An invalid configuration or command line. The message has the form {@code file: key.path:
 * problem} and never contains a configured value (it could be a secret).
 */
public final class ConfigException extends Exception {

  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
