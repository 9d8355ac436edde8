package dev.routewatch.exporter.poll;

import dev.routewatch.exporter.account.AccountResults;
import dev.routewatch.exporter.config.ExporterConfig;
import dev.routewatch.exporter.openrouter.OpenRouterClient;
import dev.routewatch.exporter.snapshot.DiscoveryState;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;

/**
 * What this replica's polling shares with other replicas: nothing ({@link SingleReplica}), or in a
 * cluster the schedule, the outcome of every poll and account read, and the catalog. Chosen once at
 * start, it outlives every {@link Polling} a reload replaces.
 */
public interface Replicas extends AutoCloseable {

  /** Where Quartz keeps the schedule. */
  ScheduleStore schedule();

  /** How a poll reads one model through {@code client}. */
  ModelFetcher fetcher(OpenRouterClient client);

  /** Where each poll's outcome goes. */
  PollResults results();

  /** Where each account read's outcome goes. */
  AccountResults accountResults();

  /** Where each discovery's outcome goes. */
  DiscoveryResults discoveries();

  /**
   * From now on hands {@code adopt} every catalog a discovery reads, here or on another replica,
   * with the change it makes to the discovery state.
   */
  void onCatalog(BiConsumer<CatalogRead, UnaryOperator<DiscoveryState>> adopt);

  /** The catalog the last discovery read, for a polling that starts; empty before the first. */
  List<String> catalog();

  /** Why this replica's states may be behind the others', while they are (for /-/ready). */
  Optional<String> outOfSync();

  /** Applies what a reloaded configuration may change while running. */
  void reconfigure(ExporterConfig next);

  /** Call after polling has stopped. */
  @Override
  void close();
}
