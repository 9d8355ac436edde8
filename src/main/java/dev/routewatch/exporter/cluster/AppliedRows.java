package dev.routewatch.exporter.cluster;

import dev.routewatch.exporter.config.ModelId;
import dev.routewatch.exporter.openrouter.FailureReason;
import dev.routewatch.exporter.openrouter.ModelEndpoints;
import dev.routewatch.exporter.openrouter.UpstreamException;
import dev.routewatch.exporter.snapshot.ModelState;
import dev.routewatch.exporter.snapshot.Moment;
import dev.routewatch.exporter.snapshot.SnapshotStore;
import dev.routewatch.exporter.snapshot.TimeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts rows of the state table into this replica's store, each version once. Every replica turns a
 * row into the same {@link ModelState}, parsing the stored body as the client parses an answer, so
 * every replica renders the same series.
 *
 * <p>The table holds wall-clock times, the only ones replicas share. A row's times are placed on
 * this replica's monotonic clock when it is applied, by how long ago they were by its wall clock;
 * from then on their age grows with the monotonic clock. So replicas must keep their wall clocks
 * synchronized (as Quartz's clustering requires anyway), and a row applied while this replica's
 * clock is stepped ages by the stepped clock.
 */
final class AppliedRows {

  private static final Logger logger = LoggerFactory.getLogger(AppliedRows.class);

  private final SnapshotStore store;
  private final int maxEndpoints;
  private final TimeSource time;
  private final Map<ModelId, Long> applied = new ConcurrentHashMap<>();

  AppliedRows(SnapshotStore store, int maxEndpoints, TimeSource time) {
    this.store = store;
    this.maxEndpoints = maxEndpoints;
    this.time = time;
  }

  /**
   * The models of this replica's store whose row is newer than what the store holds (all of them
   * after a start or a reload that added models).
   */
  List<String> behind(Map<String, Long> versions) {
    List<String> models = new ArrayList<>();
    for (ModelId model : store.current().models().keySet()) {
      Long version = versions.get(model.value());
      if (version != null && version > applied.getOrDefault(model, 0L)) {
        models.add(model.value());
      }
    }
    return models;
  }

  /** Applies {@code row} unless a newer version of it is in the store already. */
  synchronized void apply(StateTable.Row row) {
    ModelId model = new ModelId(row.model());
    if (applied.getOrDefault(model, 0L) >= row.version()) {
      return;
    }
    store.update(model, ignored -> state(model, row));
    applied.put(model, row.version());
  }

  /** Counts by reason label as stored, as counts of every reason. */
  static Map<FailureReason, Long> byReason(Map<String, Long> stored) {
    Map<FailureReason, Long> counts = FailureReason.zeroCounts();
    for (FailureReason reason : FailureReason.values()) {
      counts.put(reason, stored.getOrDefault(reason.label(), 0L));
    }
    return counts;
  }

  private ModelState state(ModelId model, StateTable.Row row) {
    Map<FailureReason, Long> counts = byReason(row.errorCounts());
    Moment now = time.now();
    return new ModelState(
        model,
        answer(model, row),
        row.lastSuccess() == null ? null : Moment.before(row.lastSuccess(), now),
        row.lastAttempt() == null ? null : Moment.before(row.lastAttempt(), now),
        row.pollDuration(),
        row.up(),
        reason(row.lastFailure()),
        row.lastError(),
        counts);
  }

  private ModelEndpoints answer(ModelId model, StateTable.Row row) {
    if (row.answer() == null) {
      return null;
    }
    try {
      return ModelEndpoints.read(row.answer(), maxEndpoints).withProducedAt(row.dataTime());
    } catch (UpstreamException e) {
      // Only a replica with a smaller openrouter.max_endpoints_per_model than the poller's gets
      // here: the replicas' configurations differ.
      logger.warn(
          "Stored answer of {} is unreadable here ({}): {}", model, e.reason(), e.getMessage());
      return null;
    }
  }

  private static FailureReason reason(String label) {
    if (label == null) {
      return null;
    }
    for (FailureReason reason : FailureReason.values()) {
      if (reason.label().equals(label)) {
        return reason;
      }
    }
    return FailureReason.BAD_RESPONSE; // written by a later version with a reason we do not know
  }
}
