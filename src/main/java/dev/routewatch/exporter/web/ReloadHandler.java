package dev.routewatch.exporter.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.function.Supplier;

/**
 * {@code POST /-/reload}: reads the configuration again. 200 when it applied, 500 with the problem
 * (file, key and what is wrong; never a value) when the old configuration stays, 503 while another
 * reload runs.
 */
final class ReloadHandler implements HttpHandler {

  private final Supplier<ReloadOutcome> reload;

  ReloadHandler(Supplier<ReloadOutcome> reload) {
    this.reload = reload;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    ReloadOutcome outcome = reload.get();
    if (outcome instanceof ReloadOutcome.Failed failed) {
      Responses.send(exchange, 500, Responses.TEXT, "Reload failed: " + failed.problem() + "\n");
    } else if (outcome instanceof ReloadOutcome.Busy) {
      Responses.send(exchange, 503, Responses.TEXT, "A reload is running; try again later\n");
    } else {
      Responses.send(exchange, 200, Responses.TEXT, "Reloaded\n");
    }
  }
}
