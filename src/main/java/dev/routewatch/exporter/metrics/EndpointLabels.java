package dev.routewatch.exporter.metrics;

import dev.routewatch.exporter.openrouter.Endpoint;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code endpoint} label value of each endpoint in one answer: its {@code tag}, or a name
 * derived from its provider when it has none, made unique. One answer can hold two endpoints with
 * the same tag, and two series with one label set would make the whole family invalid.
 */
final class EndpointLabels {

  /** For an endpoint with neither a tag nor a provider name that gives one. */
  static final String UNKNOWN = "unknown";

  private static final Pattern OUTSIDE_SLUG = Pattern.compile("[^a-z0-9]+");

  private EndpointLabels() {}

  /**
   * The first endpoint with a tag keeps it; each later one, in answer order, gets the smallest
   * {@code <tag>#n} (n >= 2) not used in this answer. Every tag is reserved before numbering
   * starts, so an endpoint whose own tag looks like {@code a#2} keeps it even when it comes after a
   * duplicate {@code a}. An endpoint without a tag is named by {@link #tag(Endpoint)}.
   */
  static List<String> of(List<Endpoint> endpoints) {
    return unique(endpoints.stream().map(EndpointLabels::tag).toList());
  }

  /** The same for tags already made fit to be label values (cut ones may now collide). */
  static List<String> unique(List<String> tags) {
    Set<String> used = new HashSet<>(tags);
    Set<String> firstSeen = new HashSet<>();
    List<String> labels = new ArrayList<>(tags.size());
    for (String tag : tags) {
      String label = tag;
      if (!firstSeen.add(tag)) {
        int n = 2;
        while (used.contains(tag + "#" + n)) {
          n++;
        }
        label = tag + "#" + n;
        used.add(label);
      }
      labels.add(label);
    }
    return labels;
  }

  /**
   * The endpoint's {@code tag}; without one (answers from 2025 have none), its {@code
   * provider_name} in lower case, each run of characters outside a-z and 0-9 made one {@code -},
   * without leading or trailing {@code -} ({@code Google AI Studio} -> {@code google-ai-studio}),
   * so that the label is never empty; {@value #UNKNOWN} when that leaves nothing.
   */
  static String tag(Endpoint endpoint) {
    if (endpoint.tag() != null && !endpoint.tag().isEmpty()) {
      return endpoint.tag();
    }
    String provider = endpoint.providerName() == null ? "" : endpoint.providerName();
    String slug = OUTSIDE_SLUG.matcher(provider.toLowerCase(Locale.ROOT)).replaceAll("-");
    String trimmed = slug.replaceAll("^-+|-+$", "");
    return trimmed.isEmpty() ? UNKNOWN : trimmed;
  }
}
