package dev.routewatch.exporter.config;

import java.util.regex.Pattern;

/**
 * A glob over whole model ids: {@code *} matches any run of characters (slashes too), {@code ?} one
 * character, e.g. {@code anthropic/*} or {@code *:free}.
 */
public record ModelPattern(String glob) {

  static final String NOT_A_PATTERN =
      "not a model pattern (letters, digits, . _ : ~ / - and the wildcards * ?)";

  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._:~/*?-]+");

  public ModelPattern {
    if (glob == null || !VALID.matcher(glob).matches()) {
      throw new IllegalArgumentException(NOT_A_PATTERN);
    }
  }

  public boolean matches(String modelId) {
    return Globs.regex(glob).matcher(modelId).matches();
  }

  @Override
  public String toString() {
    return glob;
  }
}
