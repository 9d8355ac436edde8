package dev.routewatch.exporter.snapshot;

import dev.routewatch.exporter.openrouter.Catalog;
import java.time.Duration;
import java.util.Map;

/**
 * The model lifecycles of the last catalog read, immutable. The catalog is read once per {@code
 * discovery.interval}, often less often than {@code poll.stale_after}: they are kept until {@code
 * poll.stale_after} has passed since the next read was due, so reads that fail hide them after as
 * long as polls that fail hide a model's series.
 *
 * @param byModel by model id, every model of the catalog that has a lifecycle
 * @param nextRead when the read after the last successful one is due; null before the first
 */
public record Lifecycles(Map<String, Catalog.Lifecycle> byModel, Moment nextRead) {

  public static final Lifecycles NONE = new Lifecycles(Map.of(), null);

  public Lifecycles {
    byModel = Map.copyOf(byModel);
  }

  /** Whether the last successful read is recent enough to show at {@code now}. */
  public boolean fresh(Moment now, Duration staleAfter) {
    return nextRead != null && !staleAt(staleAfter).isBefore(now);
  }

  /** When the last successful read turns stale; only after one. */
  public Moment staleAt(Duration staleAfter) {
    return nextRead.plus(staleAfter);
  }
}
