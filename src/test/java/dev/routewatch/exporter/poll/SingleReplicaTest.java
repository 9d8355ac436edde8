package dev.routewatch.exporter.poll;

import static org.assertj.core.api.Assertions.assertThat;

import dev.routewatch.exporter.account.AccountStore;
import dev.routewatch.exporter.openrouter.Catalog;
import dev.routewatch.exporter.openrouter.FailureReason;
import dev.routewatch.exporter.snapshot.DiscoveryState;
import dev.routewatch.exporter.snapshot.SnapshotStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class SingleReplicaTest {

  private static final Instant AT = Instant.parse("2026-01-02T03:04:05Z");

  private final SnapshotStore store = new SnapshotStore(List.of());
  private final SingleReplica replica = new SingleReplica(store, new AccountStore());

  @Test
  void aDiscoveredCatalogGoesToThePollingThatAdoptsItAndStaysForTheNextOne() {
    List<CatalogRead> adopted = new ArrayList<>();
    List<UnaryOperator<DiscoveryState>> changes = new ArrayList<>();
    replica.onCatalog(
        (read, change) -> {
          adopted.add(read);
          changes.add(change);
        });
    Catalog catalog = new Catalog(List.of("a/b", "c/d"), Map.of());

    replica.discoveries().succeeded(catalog, AT);

    assertThat(adopted).containsExactly(new CatalogRead(catalog, AT));
    assertThat(changes.get(0).apply(DiscoveryState.pending(0)).lastSuccess()).isEqualTo(AT);
    assertThat(replica.catalog()).containsExactly("a/b", "c/d");
  }

  @Test
  void aFailedDiscoveryIsCountedInTheStoreAndKeepsTheCatalog() {
    store.reconfigure(List.of(), ignored -> DiscoveryState.pending(0));

    replica.discoveries().failed(FailureReason.TIMEOUT);

    assertThat(store.current().discovery().errorCounts()).containsEntry(FailureReason.TIMEOUT, 1L);
    assertThat(replica.catalog()).isEmpty();
  }

  @Test
  void oneReplicaKeepsItsScheduleInMemoryAndIsNeverOutOfSync() {
    assertThat(replica.schedule().shared()).isFalse();
    assertThat(replica.outOfSync()).isEmpty();
  }
}
