package dev.routewatch.exporter.snapshot;

import dev.routewatch.exporter.config.ModelId;
import java.util.Collection;
import java.util.Map;

/**
 * The state of every configured model at one instant, immutable. A scrape reads one snapshot, so it
 * never mixes two.
 *
 * @param discovery the latest discovery's outcome; null when no model pattern is configured
 * @param lifecycles the model lifecycles of the last catalog read
 */
public record Snapshot(
    Map<ModelId, ModelState> models, DiscoveryState discovery, Lifecycles lifecycles) {

  public Snapshot {
    models = ModelStates.copyOf(models);
  }

  /** This snapshot with {@code model}'s state replaced; {@code model} must be in it. */
  Snapshot with(ModelId model, ModelState state) {
    return new Snapshot(((ModelStates) models).with(model, state), discovery, lifecycles);
  }

  public Collection<ModelState> states() {
    return models.values();
  }

  /** Whether every model has been polled at least once, with success or not. */
  public boolean allPolledOnce() {
    return models.values().stream().allMatch(ModelState::polledOnce);
  }

  /**
   * Ready to be scraped: the first discovery has finished (when patterns are configured) and every
   * model has been polled once.
   */
  public boolean ready() {
    return (discovery == null || discovery.attempted()) && allPolledOnce();
  }
}
