package dev.routewatch.exporter.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code POST /-/reload}: reads the configuration again. 200 when it applied, 500 with the problem
 * (file, key and what is wrong; never a value) when the old configuration stays.
 */
final class ReloadHandler implements HttpHandler {

  private final Supplier<Optional<String>> reload;

  ReloadHandler(Supplier<Optional<String>> reload) {
    this.reload = reload;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    Optional<String> problem = reload.get();
    if (problem.isEmpty()) {
      Responses.send(exchange, 200, Responses.TEXT, "Reloaded\n");
    } else {
      Responses.send(exchange, 500, Responses.TEXT, "Reload failed: " + problem.get() + "\n");
    }
  }
}
