package dev.routewatch.exporter.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The route table: exact paths only (the JDK server matches contexts by prefix, so {@code
 * /metricsfoo} would otherwise reach /metrics), GET and HEAD only, 404 and 405 for the rest.
 */
final class Router implements HttpHandler {

  private static final Logger logger = LoggerFactory.getLogger(Router.class);

  private final Map<String, HttpHandler> routes;

  Router(Map<String, HttpHandler> routes) {
    this.routes = Map.copyOf(routes);
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      HttpHandler handler = routes.get(exchange.getRequestURI().getPath());
      String method = exchange.getRequestMethod();
      if (handler == null) {
        Responses.send(exchange, 404, Responses.TEXT, "Not found\n");
      } else if (!method.equals("GET") && !method.equals("HEAD")) {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        Responses.send(exchange, 405, Responses.TEXT, "Method not allowed\n");
      } else {
        handler.handle(exchange);
      }
    } catch (IOException e) {
      // Mostly a client that went away mid-answer; nothing to tell it.
      logger.debug(
          "Request for {} ended early: {}", exchange.getRequestURI().getPath(), e.toString());
    } catch (RuntimeException e) {
      // Headers may already be out: then all we can do is log (no stack trace to the client).
      logger.error("Request for {} failed", exchange.getRequestURI().getPath(), e);
      if (exchange.getResponseCode() == -1) {
        exchange.sendResponseHeaders(500, -1);
      }
    }
  }
}
