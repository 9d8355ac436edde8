package dev.routewatch.exporter.metrics;

import dev.routewatch.exporter.config.ExporterConfig;
import dev.routewatch.exporter.config.FamilyGlob;
import io.prometheus.metrics.model.registry.MetricType;
import io.prometheus.metrics.model.snapshots.MetricFamilyDescriptor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What {@code metrics.exclude} and {@code metrics.percentiles} leave of the OpenRouter families.
 * Applied where a model's points are gathered ({@link FamilyPoints}), so that every reader of the
 * registry sees the same series (the scrape cache behind /metrics, a whole reading, a push), and an
 * excluded family is neither rendered nor kept between scrapes.
 *
 * <p>Only the per-endpoint and per-model families can be left out: they are what grows with the
 * catalog. The exporter's own families ({@code openrouter_up}, the poll, discovery, configuration
 * and cluster families, {@code openrouter_exporter_*}, the JVM's and the process's) always show: a
 * fixed few per model or per process, and the shipped alerts and dashboard read them. Readiness
 * reads the snapshot store, not a family, so no exclusion changes it.
 */
public final class SeriesSelection {

  /** Every family, every percentile. */
  static final SeriesSelection ALL = new SeriesSelection(Set.of(), Set.copyOf(percentiles()));

  /** The families {@code metrics.exclude} may name. */
  static final List<MetricFamilyDescriptor> EXCLUDABLE = excludable();

  private final Set<MetricFamilyDescriptor> excluded;
  private final Set<String> percentiles;

  private SeriesSelection(Set<MetricFamilyDescriptor> excluded, Set<String> percentiles) {
    this.excluded = excluded;
    this.percentiles = percentiles;
  }

  /** The selection of a configuration that {@link #problem} found nothing wrong with. */
  static SeriesSelection of(ExporterConfig.Metrics metrics) {
    return new SeriesSelection(
        EXCLUDABLE.stream()
            .filter(family -> metrics.exclude().stream().anyMatch(glob -> matches(glob, family)))
            .collect(Collectors.toUnmodifiableSet()),
        Set.copyOf(metrics.percentiles()));
  }

  /**
   * What is wrong with {@code metrics.exclude}, as {@code key: problem}: an entry that names no
   * family that can be left out. A typo would otherwise leave the family in, silently.
   */
  public static Optional<String> problem(ExporterConfig.Metrics metrics) {
    for (int i = 0; i < metrics.exclude().size(); i++) {
      FamilyGlob glob = metrics.exclude().get(i);
      if (EXCLUDABLE.stream().noneMatch(family -> matches(glob, family))) {
        return Optional.of(
            "metrics.exclude["
                + i
                + "]: names no family that can be left out (the per-endpoint and per-model"
                + " families of docs/metrics.md); nearest: "
                + nearest(glob.glob()));
      }
    }
    return Optional.empty();
  }

  boolean shows(MetricFamilyDescriptor family) {
    return !excluded.contains(family);
  }

  boolean showsPercentile(String percentile) {
    return percentiles.contains(percentile);
  }

  /** How many of OpenRouter's percentiles the percentile families carry. */
  int percentileCount() {
    return percentiles.size();
  }

  /** The family's name as /metrics writes it: an info's with {@code _info}. */
  static String exposedName(MetricFamilyDescriptor family) {
    return family.getType() == MetricType.INFO
        ? family.getPrometheusName() + "_info"
        : family.getPrometheusName();
  }

  private static boolean matches(FamilyGlob glob, MetricFamilyDescriptor family) {
    return glob.matches(exposedName(family));
  }

  /**
   * The excludable family whose name shares the longest start with {@code glob}: family names run
   * from the general to the particular, so a typo or a wrong guess shares the start.
   */
  private static String nearest(String glob) {
    return EXCLUDABLE.stream()
        .map(SeriesSelection::exposedName)
        .sorted()
        .max(Comparator.comparingInt(name -> commonStart(glob, name)))
        .orElseThrow();
  }

  private static int commonStart(String a, String b) {
    int length = 0;
    while (length < Math.min(a.length(), b.length()) && a.charAt(length) == b.charAt(length)) {
      length++;
    }
    return length;
  }

  private static List<String> percentiles() {
    return ExporterConfig.Metrics.PERCENTILES;
  }

  private static List<MetricFamilyDescriptor> excludable() {
    List<MetricFamilyDescriptor> families = new ArrayList<>(EndpointFamilies.ALL_FAMILIES);
    families.addAll(ModelFamilies.FAMILIES);
    return List.copyOf(families);
  }
}
