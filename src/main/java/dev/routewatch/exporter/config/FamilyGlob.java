package dev.routewatch.exporter.config;

import java.util.regex.Pattern;

/**
 * An entry of {@code metrics.exclude}: a glob over metric family names as /metrics writes them,
 * {@code *} matching any run of characters and {@code ?} one, e.g. {@code
 * openrouter_endpoint_workload_*}. Which families it may name is the metrics' business: the
 * configuration only checks that it could name one.
 */
public record FamilyGlob(String glob) {

  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_:*?]+");

  public FamilyGlob {
    if (glob == null || !VALID.matcher(glob).matches()) {
      throw new IllegalArgumentException(
          "not a family name pattern (letters, digits, _ : and the wildcards * ?)");
    }
  }

  public boolean matches(String familyName) {
    return Globs.regex(glob).matcher(familyName).matches();
  }

  @Override
  public String toString() {
    return glob;
  }
}
