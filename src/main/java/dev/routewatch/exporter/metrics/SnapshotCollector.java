package dev.routewatch.exporter.metrics;

import dev.routewatch.exporter.snapshot.ModelState;
import dev.routewatch.exporter.snapshot.Moment;
import dev.routewatch.exporter.snapshot.Snapshot;
import dev.routewatch.exporter.snapshot.SnapshotStore;
import dev.routewatch.exporter.snapshot.TimeSource;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.MetricFamilyDescriptor;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * What the snapshot store shows: per-endpoint and model families for every model whose last good
 * answer is still fresh, poll families for every configured model. {@link #render} renders one
 * model, which {@link ScrapeCache} does once per change for /metrics; as a collector of the
 * registry it renders every model at once, for a whole reading of the registry (tests, the bench),
 * and it names its families so that the registry skips it when a filter leaves them all out. The
 * prices in effect are worked out for the given time, so a price window that opens between two
 * polls shows at once. Values are cached from the last poll (each HELP says so); a scrape never
 * calls OpenRouter. A model whose last success is older than {@code staleAfter} by the monotonic
 * clock (its polls fail, or none finishes) loses its OpenRouter series but keeps {@code
 * openrouter_up}, its last-success timestamp and its error counters.
 */
final class SnapshotCollector implements MultiCollector {

  static final List<MetricFamilyDescriptor> FAMILIES = families();

  private final SnapshotStore store;
  private final TimeSource time;
  private volatile Settings settings;

  /**
   * What the configuration decides about rendering.
   *
   * @param staleAfter {@code poll.stale_after}
   * @param supportedParameters {@code metrics.supported_parameters}
   * @param selection {@code metrics.exclude} and {@code metrics.percentiles}
   */
  record Settings(Duration staleAfter, boolean supportedParameters, SeriesSelection selection) {

    /** Every family and every percentile. */
    Settings(Duration staleAfter, boolean supportedParameters) {
      this(staleAfter, supportedParameters, SeriesSelection.ALL);
    }
  }

  SnapshotCollector(SnapshotStore store, Settings settings, TimeSource time) {
    this.store = store;
    this.settings = settings;
    this.time = time;
  }

  /** A reloaded configuration's settings, from the next scrape on. */
  void settings(Settings settings) {
    this.settings = settings;
  }

  @Override
  public MetricSnapshots collect() {
    // Read the store once: a poll finishing mid-scrape must not mix two snapshots in one answer.
    Snapshot snapshot = store.current();
    Moment now = time.now();
    Settings settings = this.settings;
    FamilyPoints points = new FamilyPoints(settings.selection());
    for (ModelState state : snapshot.states()) {
      render(state, now, settings, points);
    }
    if (snapshot.discovery() != null) {
      DiscoveryFamilies.render(snapshot.discovery(), points);
    }
    renderLifecycles(snapshot, now, settings, points);
    return points.snapshots();
  }

  /** The current settings, for a renderer that caches what {@link #render} gives. */
  Settings settings() {
    return settings;
  }

  /**
   * Every series of one model at {@code now}: its OpenRouter series while its last good answer is
   * fresh, its poll series always.
   */
  static void render(ModelState state, Moment now, Settings settings, FamilyPoints points) {
    if (state.answerFresh(now, settings.staleAfter())) {
      LabelValues values = new LabelValues();
      // Prices in effect follow the time of day: computed now, not when the answer came.
      EndpointFamilies.render(
          state.model(),
          state.lastGoodAnswer(),
          LocalTime.ofInstant(now.wall(), ZoneOffset.UTC),
          settings.supportedParameters(),
          points,
          values);
      ModelFamilies.render(state.model(), state.lastGoodAnswer(), points, values);
    }
    PollFamilies.render(state, points);
  }

  /** The catalog's lifecycles of the polled models, while the last catalog read is fresh. */
  static void renderLifecycles(
      Snapshot snapshot, Moment now, Settings settings, FamilyPoints points) {
    if (snapshot.lifecycles().fresh(now, settings.staleAfter())) {
      LifecycleFamilies.render(snapshot.lifecycles(), snapshot.models().keySet(), points);
    }
  }

  /** Lets the registry reject a name clash with another collector when this one is registered. */
  @Override
  public List<MetricFamilyDescriptor> getMetricFamilyDescriptors() {
    return FAMILIES;
  }

  private static List<MetricFamilyDescriptor> families() {
    List<MetricFamilyDescriptor> families = new ArrayList<>(EndpointFamilies.ALL_FAMILIES);
    families.addAll(ModelFamilies.FAMILIES);
    families.addAll(PollFamilies.FAMILIES);
    families.addAll(DiscoveryFamilies.FAMILIES);
    families.addAll(LifecycleFamilies.FAMILIES);
    return List.copyOf(families);
  }
}
