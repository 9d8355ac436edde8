package dev.routewatch.exporter.config;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The known key an unknown one was most likely meant to be: the same name in another section
 * ({@code poll.timeout} for {@code openrouter.timeout}), a longer name ({@code cluster.password}
 * for {@code cluster.password_file}), or else a key a typo or two away ({@code poll.intervall}).
 */
final class NearestKey {

  private NearestKey() {}

  /**
   * @param known every key of the file, as {@link ConfigKeys#of} lists them
   * @param unknown the dotted path of the key the file has and no record reads
   */
  static Optional<String> of(List<String> known, String unknown) {
    // Inside a list entry the path has an index that no listed key has.
    if (unknown.isEmpty() || unknown.contains("[")) {
      return Optional.empty();
    }
    String name = unknown.substring(unknown.lastIndexOf('.') + 1);
    Comparator<String> nearest = Comparator.comparingInt(key -> distance(key, unknown));
    Optional<String> moved =
        known.stream().filter(key -> key.equals(name) || key.endsWith("." + name)).min(nearest);
    if (moved.isPresent()) {
      return moved;
    }
    // The value written where its file belongs (password for password_file), or a name cut short.
    Optional<String> longer =
        known.stream().filter(key -> key.startsWith(unknown + "_")).findFirst();
    if (longer.isPresent()) {
      return longer;
    }
    int allowed = Math.max(2, unknown.length() / 6);
    return known.stream().filter(key -> distance(key, unknown) <= allowed).min(nearest);
  }

  /** Levenshtein's edit distance: inserted, deleted and replaced characters. */
  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int replace = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(replace, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
