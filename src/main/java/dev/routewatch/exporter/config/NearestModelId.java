package dev.routewatch.exporter.config;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/**
 * The catalog's id a configured one that the catalog lacks was most likely meant to be: a typo or
 * two away ({@code moonshotai/kimi-k2} for {@code moonshotai/kimi-k2x}), or the same model with or
 * without its variant or alias mark ({@code author/model} for {@code author/model:free}, {@code
 * ~author/model} for {@code author/model}), which by characters alone would count as far.
 */
public final class NearestModelId {

  private NearestModelId() {}

  public static Optional<String> of(Collection<String> catalog, ModelId missing) {
    String model = model(missing.value());
    int allowed = Math.max(2, model.length() / 6);
    return catalog.stream()
        .filter(id -> NearestKey.distance(model(id), model) <= allowed)
        .min(
            Comparator.<String>comparingInt(id -> NearestKey.distance(model(id), model))
                .thenComparingInt(id -> variantRank(id, missing.value()))
                .thenComparingInt(id -> NearestKey.distance(id, missing.value())));
  }

  /**
   * Among ids of the same model: the variant asked for first, then the plain model (every variant
   * has one), then another variant.
   */
  private static int variantRank(String id, String missing) {
    String variant = variant(id);
    return variant.equals(variant(missing)) ? 0 : variant.isEmpty() ? 1 : 2;
  }

  private static String variant(String id) {
    int colon = id.indexOf(':');
    return colon < 0 ? "" : id.substring(colon);
  }

  /** An id without its alias mark and variant: the model it names. */
  private static String model(String id) {
    String base = id.substring(0, id.length() - variant(id).length());
    return base.startsWith("~") ? base.substring(1) : base;
  }
}
