package dev.routewatch.exporter.poll;

import dev.routewatch.exporter.config.ModelId;
import dev.routewatch.exporter.openrouter.FailureReason;
import dev.routewatch.exporter.openrouter.ModelEndpointsAnswer;
import dev.routewatch.exporter.snapshot.Moment;
import dev.routewatch.exporter.snapshot.SnapshotStore;
import java.time.Duration;

/**
 * Where {@link ModelPoller} records the outcome of each poll it ran: the store of this replica, or
 * in a cluster the table every replica reads.
 */
public interface PollResults {

  void succeeded(ModelId model, ModelEndpointsAnswer answer, Moment at, Duration took);

  void failed(ModelId model, FailureReason reason, String error, Moment at, Duration took);

  /**
   * Whether {@link #succeeded} needs each answer's body as OpenRouter sent it ({@link
   * ModelEndpointsAnswer#body()}); without, the client parses bodies as they arrive and keeps none.
   */
  default boolean needsBodies() {
    return false;
  }

  /** One replica: straight into its store. */
  static PollResults into(SnapshotStore store) {
    return new PollResults() {
      @Override
      public void succeeded(ModelId model, ModelEndpointsAnswer answer, Moment at, Duration took) {
        store.update(model, state -> state.succeeded(answer.data(), at, took));
      }

      @Override
      public void failed(
          ModelId model, FailureReason reason, String error, Moment at, Duration took) {
        store.update(model, state -> state.failed(reason, error, at, took));
      }
    };
  }
}
