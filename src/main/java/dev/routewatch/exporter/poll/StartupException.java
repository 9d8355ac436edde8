package dev.routewatch.exporter.poll;

import java.util.Optional;

/**
 * The exporter could not start. The message is safe to print: it says what failed and, where one
 * setting is at fault, which, and never holds a secret.
 */
public final class StartupException extends Exception {

  private final String key;
  private final boolean invalidSetting;

  private StartupException(String key, String problem, boolean invalidSetting, Throwable cause) {
    super(problem, cause);
    this.key = key;
    this.invalidSetting = invalidSetting;
  }

  /** The setting at {@code key} cannot be used as it is, like an invalid configuration. */
  public static StartupException invalidSetting(String key, String problem, Throwable cause) {
    return new StartupException(key, problem, true, cause);
  }

  /** What the setting at {@code key} names (a database, say) failed to start. */
  public static StartupException failed(String key, String problem, Throwable cause) {
    return new StartupException(key, problem, false, cause);
  }

  /** A part failed to start; the message is the failure's own. */
  public static StartupException failed(Exception cause) {
    return new StartupException(null, cause.toString(), false, cause);
  }

  /** The configuration key at fault ({@code web.listen_address}), if one is. */
  public Optional<String> key() {
    return Optional.ofNullable(key);
  }

  /** Whether a setting is unusable as configured (exit code 2) rather than a failure (1). */
  public boolean invalidSetting() {
    return invalidSetting;
  }
}
