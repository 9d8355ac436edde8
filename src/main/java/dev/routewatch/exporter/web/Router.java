package dev.routewatch.exporter.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The route table: exact paths only (the server matches contexts by prefix, so {@code /metricsfoo}
 * would otherwise reach /metrics), each with the methods it takes; 404 and 405 for the rest, 400
 * for a target that is no URI. Before any of that, on every path: the configured response headers,
 * and basic authentication when users are configured (429 when a password check could not run yet).
 */
final class Router implements HttpHandler {

  private static final Logger logger = LoggerFactory.getLogger(Router.class);

  /** A handler and the methods it answers. */
  record Route(HttpHandler handler, Set<String> methods) {

    Route {
      methods = Set.copyOf(methods);
    }

    /** A page that is only read: GET and HEAD. */
    static Route read(HttpHandler handler) {
      return new Route(handler, Set.of("GET", "HEAD"));
    }
  }

  private final Map<String, Route> routes;
  private final Map<String, String> headers;
  private final Optional<BasicAuth> auth;

  Router(Map<String, Route> routes, Map<String, String> headers, Optional<BasicAuth> auth) {
    this.routes = Map.copyOf(routes);
    this.headers = Map.copyOf(headers);
    this.auth = auth;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try {
      route(exchange);
    } catch (IOException e) {
      // Mostly a client that went away mid-answer; nothing to tell it.
      logger.debug("Request for {} ended early: {}", path(exchange).orElse("?"), e.toString());
    } catch (RuntimeException e) {
      // Headers may already be out: then all we can do is log (no stack trace to the client).
      logger.error("Request for {} failed", path(exchange).orElse("?"), e);
      // No status is sent yet: -1 in the API's words, 0 in Jetty's.
      if (exchange.getResponseCode() < 100) {
        exchange.sendResponseHeaders(500, -1);
      }
    } finally {
      exchange.close();
    }
  }

  private void route(HttpExchange exchange) throws IOException {
    headers.forEach(exchange.getResponseHeaders()::set);
    if (auth.isPresent()) {
      BasicAuth.Verdict verdict = auth.get().check(exchange);
      if (verdict != BasicAuth.Verdict.ADMITTED) {
        refuse(exchange, verdict);
        return;
      }
    }
    Optional<String> path = path(exchange);
    Route route = path.map(routes::get).orElse(null);
    if (path.isEmpty()) {
      Responses.send(exchange, 400, Responses.TEXT, "Bad request\n");
    } else if (route == null) {
      Responses.send(exchange, 404, Responses.TEXT, "Not found\n");
    } else if (!route.methods().contains(exchange.getRequestMethod())) {
      exchange.getResponseHeaders().set("Allow", String.join(", ", new TreeSet<>(route.methods())));
      Responses.send(exchange, 405, Responses.TEXT, "Method not allowed\n");
    } else {
      route.handler().handle(exchange);
    }
  }

  /**
   * The request's path; empty when the server passed on a target that is no {@link java.net.URI},
   * such as a query with a bad escape ({@code ?x=%zz}).
   */
  private static Optional<String> path(HttpExchange exchange) {
    try {
      return Optional.of(exchange.getRequestURI().getPath());
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static void refuse(HttpExchange exchange, BasicAuth.Verdict verdict) throws IOException {
    exchange.getResponseHeaders().set("WWW-Authenticate", BasicAuth.CHALLENGE);
    if (verdict == BasicAuth.Verdict.BUSY) {
      // Nothing was checked: come back in a second, by when the running bcrypt is done.
      exchange.getResponseHeaders().set("Retry-After", "1");
      Responses.send(exchange, 429, Responses.TEXT, "Too many requests\n");
    } else {
      // One answer for no, malformed and wrong credentials and for unknown users alike.
      Responses.send(exchange, 401, Responses.TEXT, "Unauthorized\n");
    }
  }
}
