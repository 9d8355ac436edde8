package dev.routewatch.exporter.cluster;

import dev.routewatch.exporter.config.ModelId;
import dev.routewatch.exporter.openrouter.FailureReason;
import dev.routewatch.exporter.openrouter.ModelEndpoints;
import dev.routewatch.exporter.openrouter.OpenRouterClient;
import dev.routewatch.exporter.openrouter.UpstreamException;
import dev.routewatch.exporter.poll.PollResults;
import dev.routewatch.exporter.snapshot.Moment;
import dev.routewatch.exporter.snapshot.SnapshotStore;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The outcome of a poll this replica ran: written to the state table, and the row the database
 * returns applied here at once (the other replicas apply it at their next refresh). Without the
 * database the outcome goes into this replica's store only, so it serves what it saw.
 *
 * <p>The table stores each answer's body as OpenRouter sent it, and every replica parses it into
 * the same series: {@link #fetch} reads bodies whole and keeps each one until its answer is
 * recorded.
 */
final class ClusterPollResults implements PollResults {

  private final StateTable table;
  private final AppliedRows applied;
  private final DatabaseHealth health;
  private final PollResults local;
  private final AtomicLong polls = new AtomicLong();

  // By identity: the body of this very answer, not of an equal one.
  private final Map<ModelEndpoints, byte[]> bodies =
      Collections.synchronizedMap(new IdentityHashMap<>());

  ClusterPollResults(
      StateTable table, AppliedRows applied, DatabaseHealth health, SnapshotStore store) {
    this.table = table;
    this.applied = applied;
    this.health = health;
    this.local = PollResults.into(store);
  }

  /** Reads {@code model} through {@code client}, keeping the body for {@link #succeeded}. */
  ModelEndpoints fetch(OpenRouterClient client, ModelId model)
      throws UpstreamException, InterruptedException {
    return client.modelEndpoints(model, bodies::put);
  }

  @Override
  public void succeeded(ModelId model, ModelEndpoints answer, Moment at, Duration took) {
    polls.incrementAndGet();
    byte[] body = bodies.remove(answer);
    try {
      applied.apply(table.succeeded(model.value(), body, answer.producedAt(), at.wall(), took));
      health.succeeded();
    } catch (SQLException e) {
      health.failed(e);
      local.succeeded(model, answer, at, took);
    }
  }

  @Override
  public void failed(ModelId model, FailureReason reason, String error, Moment at, Duration took) {
    polls.incrementAndGet();
    try {
      applied.apply(table.failed(model.value(), reason, error, at.wall(), took));
      health.succeeded();
    } catch (SQLException e) {
      health.failed(e);
      local.failed(model, reason, error, at, took);
    }
  }

  /** Polls this replica ran since it started. */
  long polls() {
    return polls.get();
  }
}
