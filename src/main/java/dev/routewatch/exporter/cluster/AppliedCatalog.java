package dev.routewatch.exporter.cluster;

import java.util.Optional;
import java.util.function.Consumer;

/**
 * Hands each new version of the shared catalog to this replica's polling, once, whichever replica
 * wrote it.
 */
final class AppliedCatalog {

  // Guarded by this.
  private long version;
  private SharedCatalog latest;
  private Consumer<SharedCatalog> listener = ignored -> {};

  /** The version applied last; 0 before any. */
  synchronized long version() {
    return version;
  }

  /** The catalog applied last, for a polling that starts. */
  synchronized Optional<SharedCatalog> latest() {
    return Optional.ofNullable(latest);
  }

  synchronized void apply(CatalogTable.Row row) {
    if (row.version() <= version) {
      return;
    }
    version = row.version();
    latest =
        new SharedCatalog(
            row.catalog(), row.lastSuccess(), AppliedRows.byReason(row.errorCounts()));
    listener.accept(latest);
  }

  /** From now on {@code listener} gets every new catalog, starting with the one applied last. */
  synchronized void listen(Consumer<SharedCatalog> listener) {
    this.listener = listener;
    if (latest != null) {
      listener.accept(latest);
    }
  }
}
