package dev.routewatch.exporter.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.routewatch.exporter.snapshot.ModelState;
import dev.routewatch.exporter.snapshot.Snapshot;
import dev.routewatch.exporter.snapshot.SnapshotStore;
import java.io.IOException;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * /-/ready: 503 until the first discovery has finished (when patterns are configured) and every
 * model has been polled once (with success or not); in a cluster, also 503 while this replica has
 * been without the shared states for longer than {@code poll.stale_after}; and 503 whenever the
 * heap stays nearly full after garbage collection, before the JVM runs out of memory.
 */
final class ReadyHandler implements HttpHandler {

  private final SnapshotStore store;
  private final Supplier<Optional<String>> heapPressure;
  private final Supplier<Optional<String>> outOfSync;

  /**
   * @param heapPressure why memory is short, while it is
   * @param outOfSync why this replica's states may be behind the cluster's, while they are
   */
  ReadyHandler(
      SnapshotStore store,
      Supplier<Optional<String>> heapPressure,
      Supplier<Optional<String>> outOfSync) {
    this.store = store;
    this.heapPressure = heapPressure;
    this.outOfSync = outOfSync;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    Optional<String> shortOfMemory = heapPressure.get();
    if (shortOfMemory.isPresent()) {
      Responses.send(exchange, 503, Responses.TEXT, "Not ready: " + shortOfMemory.get() + "\n");
      return;
    }
    Snapshot snapshot = store.current();
    Optional<String> behind = outOfSync.get();
    if (behind.isPresent()) {
      Responses.send(exchange, 503, Responses.TEXT, "Not ready: " + behind.get() + "\n");
      return;
    }
    if (snapshot.ready()) {
      Responses.send(exchange, 200, Responses.TEXT, "Ready\n");
      return;
    }
    if (snapshot.discovery() != null && !snapshot.discovery().attempted()) {
      Responses.send(exchange, 503, Responses.TEXT, "Not ready: waiting for the first discovery\n");
      return;
    }
    long polled = snapshot.states().stream().filter(ModelState::polledOnce).count();
    Responses.send(
        exchange,
        503,
        Responses.TEXT,
        "Not ready: " + polled + " of " + snapshot.models().size() + " models polled\n");
  }
}
