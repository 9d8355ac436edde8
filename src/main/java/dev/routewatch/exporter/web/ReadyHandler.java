package dev.routewatch.exporter.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.routewatch.exporter.snapshot.ModelState;
import dev.routewatch.exporter.snapshot.Snapshot;
import dev.routewatch.exporter.snapshot.SnapshotStore;
import java.io.IOException;

/** /-/ready: 503 until every configured model has been polled once (with success or not). */
final class ReadyHandler implements HttpHandler {

  private final SnapshotStore store;

  ReadyHandler(SnapshotStore store) {
    this.store = store;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    Snapshot snapshot = store.current();
    if (snapshot.allPolledOnce()) {
      Responses.send(exchange, 200, Responses.TEXT, "Ready\n");
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
