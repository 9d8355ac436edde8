package dev.routewatch.exporter.openrouter;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the exporter keeps of {@code GET /models}: every usable model id, and the lifecycle of the
 * few models that have one (an announced expiry, an alias target).
 *
 * @param ids the model ids, in the catalog's order
 * @param lifecycles by model id, only the models with an expiry or an alias target
 */
public record Catalog(List<String> ids, Map<String, Lifecycle> lifecycles) {

  public Catalog {
    ids = List.copyOf(ids);
    lifecycles = Map.copyOf(lifecycles);
  }

  /**
   * A model's lifecycle in the catalog.
   *
   * @param expiration {@code expiration_date} at 00:00 UTC; null when null or unreadable
   * @param aliasTarget {@code alias_target.slug}; null when absent or no model id
   */
  public record Lifecycle(Instant expiration, String aliasTarget) {}
}
