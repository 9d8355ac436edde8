package dev.routewatch.exporter.metrics;

import dev.routewatch.exporter.snapshot.ModelState;
import dev.routewatch.exporter.snapshot.Snapshot;
import dev.routewatch.exporter.snapshot.SnapshotStore;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.MetricFamilyDescriptor;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders the snapshot store at scrape time: per-endpoint and model families for every model whose
 * last good answer is still fresh, poll families for every configured model. Values are cached
 * (each HELP says so); a scrape never calls OpenRouter. A model whose last success is older than
 * {@code staleAfter} loses its OpenRouter series but keeps {@code openrouter_up}, its last-success
 * timestamp and its error counters.
 */
final class SnapshotCollector implements MultiCollector {

  private static final List<MetricFamilyDescriptor> FAMILIES = families();

  private final SnapshotStore store;
  private volatile Duration staleAfter;
  private final Clock clock;

  SnapshotCollector(SnapshotStore store, Duration staleAfter, Clock clock) {
    this.store = store;
    this.staleAfter = staleAfter;
    this.clock = clock;
  }

  /** A reloaded configuration's {@code poll.stale_after}, from the next scrape on. */
  void staleAfter(Duration staleAfter) {
    this.staleAfter = staleAfter;
  }

  @Override
  public MetricSnapshots collect() {
    // Read the store once: a poll finishing mid-scrape must not mix two snapshots in one answer.
    Snapshot snapshot = store.current();
    Instant now = clock.instant();
    Duration staleAfter = this.staleAfter;
    FamilyPoints points = new FamilyPoints();
    for (ModelState state : snapshot.states()) {
      if (state.answerFresh(now, staleAfter)) {
        EndpointFamilies.render(state.model(), state.lastGoodAnswer(), points);
        ModelFamilies.render(state.model(), state.lastGoodAnswer(), points);
      }
      PollFamilies.render(state, points);
    }
    if (snapshot.discovery() != null) {
      DiscoveryFamilies.render(snapshot.discovery(), points);
    }
    return points.snapshots();
  }

  /** Lets the registry reject a name clash with another collector when this one is registered. */
  @Override
  public List<MetricFamilyDescriptor> getMetricFamilyDescriptors() {
    return FAMILIES;
  }

  private static List<MetricFamilyDescriptor> families() {
    List<MetricFamilyDescriptor> families = new ArrayList<>(EndpointFamilies.FAMILIES);
    families.addAll(ModelFamilies.FAMILIES);
    families.addAll(PollFamilies.FAMILIES);
    families.addAll(DiscoveryFamilies.FAMILIES);
    return List.copyOf(families);
  }
}
