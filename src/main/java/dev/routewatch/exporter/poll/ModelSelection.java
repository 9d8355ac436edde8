package dev.routewatch.exporter.poll;

import dev.routewatch.exporter.config.ExporterConfig;
import dev.routewatch.exporter.config.ModelId;
import dev.routewatch.exporter.config.ModelPattern;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which models to poll: the explicit ids, then the catalog's ids that match a pattern and no
 * exclusion, sorted and cut at {@code discovery.max_models}. Explicit ids are never excluded or
 * cut.
 *
 * @param models the models to poll, explicit ids first in their configured order
 * @param excluded matches removed by an exclusion
 * @param capped matches cut by {@code max_models}
 */
record ModelSelection(List<ModelId> models, int excluded, int capped) {

  static ModelSelection of(ExporterConfig config, List<String> catalog) {
    ExporterConfig.Discovery discovery = config.discovery();
    Set<ModelId> models = new LinkedHashSet<>(config.models());
    Set<String> matches = new TreeSet<>();
    int excluded = 0;
    for (String id : catalog) {
      if (models.contains(new ModelId(id)) || !matchesAny(discovery.patterns(), id)) {
        continue;
      }
      if (matchesAny(discovery.exclusions(), id)) {
        excluded++;
      } else {
        matches.add(id);
      }
    }
    List<String> kept = new ArrayList<>(matches);
    int capped = Math.max(0, kept.size() - discovery.maxModels());
    kept.subList(0, kept.size() - capped).forEach(id -> models.add(new ModelId(id)));
    return new ModelSelection(List.copyOf(models), excluded, capped);
  }

  private static boolean matchesAny(List<ModelPattern> patterns, String id) {
    return patterns.stream().anyMatch(pattern -> pattern.matches(id));
  }
}
