package dev.routewatch.exporter.poll;

import dev.routewatch.exporter.account.AccountResults;
import dev.routewatch.exporter.account.AccountStore;
import dev.routewatch.exporter.config.ExporterConfig;
import dev.routewatch.exporter.openrouter.Catalog;
import dev.routewatch.exporter.openrouter.FailureReason;
import dev.routewatch.exporter.openrouter.OpenRouterClient;
import dev.routewatch.exporter.snapshot.DiscoveryState;
import dev.routewatch.exporter.snapshot.SnapshotStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;

/** One replica on its own: the schedule in memory, every outcome straight into its store. */
public final class SingleReplica implements Replicas {

  private final SnapshotStore store;
  private final AccountStore account;
  private volatile List<String> catalog = List.of();
  private volatile BiConsumer<CatalogRead, UnaryOperator<DiscoveryState>> adopt;

  public SingleReplica(SnapshotStore store, AccountStore account) {
    this.store = store;
    this.account = account;
  }

  @Override
  public ScheduleStore schedule() {
    return ScheduleStore.IN_MEMORY;
  }

  @Override
  public ModelFetcher fetcher(OpenRouterClient client) {
    return client::modelEndpoints;
  }

  @Override
  public PollResults results() {
    return PollResults.into(store);
  }

  @Override
  public AccountResults accountResults() {
    return AccountResults.into(account);
  }

  @Override
  public DiscoveryResults discoveries() {
    return new DiscoveryResults() {
      @Override
      public void succeeded(Catalog read, Instant at) {
        catalog = read.ids();
        adopt.accept(new CatalogRead(read, at), state -> state.succeeded(at));
      }

      @Override
      public void failed(FailureReason reason) {
        store.updateDiscovery(state -> state.failed(reason));
      }
    };
  }

  @Override
  public void onCatalog(BiConsumer<CatalogRead, UnaryOperator<DiscoveryState>> adopt) {
    this.adopt = adopt;
  }

  @Override
  public List<String> catalog() {
    return catalog;
  }

  @Override
  public Optional<String> outOfSync() {
    return Optional.empty();
  }

  @Override
  public void reconfigure(ExporterConfig next) {
    // Nothing outlives a reload here but the store.
  }

  @Override
  public void close() {
    // Nothing to release.
  }
}
