package dev.routewatch.exporter.metrics;

import dev.routewatch.exporter.config.ModelId;
import dev.routewatch.exporter.openrouter.Catalog;
import dev.routewatch.exporter.snapshot.Lifecycles;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricFamilyDescriptor;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.Collection;
import java.util.List;

/**
 * Renders the catalog's lifecycle of every polled model that has one. Example output (text format):
 *
 * <pre>
 * # HELP openrouter_model_expiration_timestamp_seconds When OpenRouter retires the model, Unix time: the catalog's expiration_date at 00:00 UTC. Cached from the last successful catalog read.
 * # TYPE openrouter_model_expiration_timestamp_seconds gauge
 * openrouter_model_expiration_timestamp_seconds{model="typesafe/jev-1.13"} 1.8016128E9
 * # HELP openrouter_model_alias_target_info The model an alias points at, value 1: the catalog's alias_target.slug. Cached from the last successful catalog read.
 * # TYPE openrouter_model_alias_target_info gauge
 * openrouter_model_alias_target_info{model="~typesafe/jev-latest",target="typesafe/jev-1.13"} 1
 * </pre>
 */
final class LifecycleFamilies {

  private static final String CACHED = " Cached from the last successful catalog read.";

  private static final MetricFamilyDescriptor EXPIRATION =
      MetricFamilyDescriptor.gauge("openrouter_model_expiration_timestamp_seconds")
          .help(
              "When OpenRouter retires the model, Unix time: the catalog's expiration_date at"
                  + " 00:00 UTC."
                  + CACHED)
          .unit(Unit.SECONDS)
          .labelNames("model")
          .build();
  private static final MetricFamilyDescriptor ALIAS_TARGET =
      MetricFamilyDescriptor.info("openrouter_model_alias_target_info")
          .help("The model an alias points at, value 1: the catalog's alias_target.slug." + CACHED)
          .labelNames("model", "target")
          .build();

  static final List<MetricFamilyDescriptor> FAMILIES = List.of(EXPIRATION, ALIAS_TARGET);

  private LifecycleFamilies() {}

  /** Renders {@code lifecycles} for {@code models}, the polled ones, in their order. */
  static void render(Lifecycles lifecycles, Collection<ModelId> models, FamilyPoints points) {
    for (ModelId model : models) {
      Catalog.Lifecycle lifecycle = lifecycles.byModel().get(model.value());
      if (lifecycle == null) {
        continue;
      }
      Labels labels = Labels.of("model", model.value());
      if (lifecycle.expiration() != null) {
        points.gauge(EXPIRATION, labels, lifecycle.expiration().getEpochSecond());
      }
      // Only a "~" id is an alias; the catalog gives no other model an alias_target.
      if (lifecycle.aliasTarget() != null && model.value().startsWith("~")) {
        points.info(ALIAS_TARGET, labels.add("target", lifecycle.aliasTarget()));
      }
    }
  }
}
