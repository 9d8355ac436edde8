package dev.routewatch.exporter.metrics;

import dev.routewatch.exporter.openrouter.Endpoint;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code endpoint} label value of each endpoint in one answer: its {@code tag}, made unique.
 * One answer can hold two endpoints with the same tag, and two series with one label set would make
 * the whole family invalid.
 */
final class EndpointLabels {

  private EndpointLabels() {}

  /**
   * The first endpoint with a tag keeps it; each later one, in answer order, gets the smallest
   * {@code <tag>#n} (n >= 2) not used in this answer. Every tag is reserved before numbering
   * starts, so an endpoint whose own tag looks like {@code a#2} keeps it even when it comes after a
   * duplicate {@code a}. A null tag counts as "".
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

  private static String tag(Endpoint endpoint) {
    return endpoint.tag() == null ? "" : endpoint.tag();
  }
}
