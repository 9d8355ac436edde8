package dev.routewatch.exporter.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * A secret: the API key, the cluster database's password, or a password hash of the web
 * configuration. It is read once at start-up and only {@link #reveal()} hands it out, to the one
 * place that uses it (the Authorization header, the connection pool, the bcrypt check); toString,
 * logs and exception messages see a placeholder.
 */
public final class Secret {

  private final String value;

  public Secret(String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("empty secret");
    }
    this.value = value.strip();
  }

  /** Whether {@code value}, stripped, is visible ASCII only: what an HTTP header value allows. */
  public static boolean isUsable(String value) {
    String key = value.strip();
    return !key.isEmpty() && key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e);
  }

  public String reveal() {
    return value;
  }

  @Override
  public String toString() {
    return "[REDACTED]";
  }

  /** Compared in constant time, so that equality checks leak nothing through timing. */
  @Override
  public boolean equals(Object other) {
    return other instanceof Secret secret
        && MessageDigest.isEqual(
            value.getBytes(StandardCharsets.UTF_8), secret.value.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public int hashCode() {
    return 0; // Secrets are compared, never hashed by content.
  }
}
