package dev.routewatch.exporter.config;

/**
 * The API key. It is read once at start-up and only {@link #reveal()} hands it out, to the one
 * place that writes the Authorization header; toString, logs and exception messages see a
 * placeholder.
 */
public final class Secret {

  private final String value;

  public Secret(String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("empty secret");
    }
    this.value = value.strip();
  }

  public String reveal() {
    return value;
  }

  @Override
  public String toString() {
    return "[REDACTED]";
  }
}
