package dev.routewatch.exporter.config;

/**
 * A value the configuration's records refuse while Jackson binds them. Jackson records where in the
 * file the failing record or value is; {@link ConfigLoader} adds {@link #key()} to that path and
 * turns it into a {@link ConfigException}. The message never repeats the value.
 */
final class InvalidValueException extends IllegalArgumentException {

  private final String key;

  /**
   * @param key the key of the failing record's component, as written in the file ({@code
   *     stale_after}, {@code models[2]}); empty when the value being read is itself the problem
   */
  InvalidValueException(String key, String problem) {
    super(problem);
    this.key = key;
  }

  /** A problem with the value being read, wherever Jackson says it is. */
  InvalidValueException(String problem) {
    this("", problem);
  }

  String key() {
    return key;
  }

  /** Refuses {@code number} outside {@code min..max}. */
  static int between(String key, int number, int min, int max) {
    if (number < min || number > max) {
      throw new InvalidValueException(key, "must be between " + min + " and " + max);
    }
    return number;
  }
}
