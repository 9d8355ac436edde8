package dev.routewatch.exporter.snapshot;

import dev.routewatch.exporter.config.ModelId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * The latest {@link ModelState} of every configured model. The one owner of that state: pollers
 * write through {@link #update}, readers take {@link #current()} once and read that immutable
 * snapshot, so no lock is held on the scrape path.
 */
public final class SnapshotStore {

  private final AtomicReference<Snapshot> current;

  public SnapshotStore(List<ModelId> models) {
    current = new AtomicReference<>(new Snapshot(Map.of(), null, Lifecycles.NONE));
    reconfigure(models, ignored -> null);
  }

  /**
   * Makes {@code models} the polled set, in that order, and updates the discovery state in the same
   * step: a kept model keeps its state, a new one starts unpolled, and a removed one is gone with
   * all its series at the next scrape.
   */
  public void reconfigure(List<ModelId> models, UnaryOperator<DiscoveryState> discovery) {
    current.updateAndGet(
        snapshot -> {
          Map<ModelId, ModelState> states = new LinkedHashMap<>();
          for (ModelId model : models) {
            states.put(model, snapshot.models().getOrDefault(model, ModelState.unpolled(model)));
          }
          return new Snapshot(states, discovery.apply(snapshot.discovery()), snapshot.lifecycles());
        });
  }

  /**
   * Applies {@code change} to the discovery state; none when no pattern is configured, though the
   * catalog is still read for the model lifecycles.
   */
  public void updateDiscovery(UnaryOperator<DiscoveryState> change) {
    current.updateAndGet(
        snapshot ->
            snapshot.discovery() == null
                ? snapshot
                : new Snapshot(
                    snapshot.models(), change.apply(snapshot.discovery()), snapshot.lifecycles()));
  }

  /** Replaces the model lifecycles with those of a newer catalog read. */
  public void updateLifecycles(Lifecycles lifecycles) {
    current.updateAndGet(
        snapshot -> new Snapshot(snapshot.models(), snapshot.discovery(), lifecycles));
  }

  public Snapshot current() {
    return current.get();
  }

  /**
   * Applies {@code change} to one model's state. A model no longer in the store (removed by a
   * reload while its poll ran) is left out, so it cannot come back.
   */
  public void update(ModelId model, UnaryOperator<ModelState> change) {
    current.updateAndGet(
        snapshot -> {
          ModelState state = snapshot.models().get(model);
          if (state == null) {
            return snapshot;
          }
          return snapshot.with(model, change.apply(state));
        });
  }
}
