package dev.routewatch.exporter.poll;

import dev.routewatch.exporter.config.ModelId;
import dev.routewatch.exporter.openrouter.FailureReason;
import dev.routewatch.exporter.openrouter.ModelEndpoints;
import dev.routewatch.exporter.snapshot.Moment;
import dev.routewatch.exporter.snapshot.SnapshotStore;
import java.time.Duration;

/**
 * Where {@link ModelPoller} records the outcome of each poll it ran: the store of this replica, or
 * what {@link Replicas} shares.
 */
public interface PollResults {

  void succeeded(ModelId model, ModelEndpoints answer, Moment at, Duration took);

  void failed(ModelId model, FailureReason reason, String error, Moment at, Duration took);

  /** One replica: straight into its store. */
  static PollResults into(SnapshotStore store) {
    return new PollResults() {
      @Override
      public void succeeded(ModelId model, ModelEndpoints answer, Moment at, Duration took) {
        store.update(model, state -> state.succeeded(answer, at, took));
      }

      @Override
      public void failed(
          ModelId model, FailureReason reason, String error, Moment at, Duration took) {
        store.update(model, state -> state.failed(reason, error, at, took));
      }
    };
  }
}
