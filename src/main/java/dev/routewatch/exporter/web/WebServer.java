package dev.routewatch.exporter.web;

import com.sun.net.httpserver.HttpServer;
import dev.routewatch.exporter.BuildInfo;
import dev.routewatch.exporter.snapshot.SnapshotStore;
import io.prometheus.metrics.exporter.httpserver.MetricsHandler;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The HTTP side: /metrics, /-/healthy, /-/ready and the landing page on the JDK HttpServer. It
 * knows nothing about collecting; /metrics is client_java's own handler (content negotiation,
 * OpenMetrics, gzip) over the registry.
 */
public final class WebServer implements AutoCloseable {

  /** Enough for a few concurrent scrapers and a browser; scrapes are short. */
  private static final int THREADS = 8;

  static {
    // Without it every keep-alive answer waits ~40 ms for Nagle's algorithm. Read by the JDK
    // when its server configuration class loads, so it must be set before the first server.
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private final HttpServer server;
  private final ExecutorService executor;

  /**
   * @param reload what {@code POST /-/reload} runs, when the lifecycle API is enabled: it returns
   *     the problem if the reload failed
   */
  public WebServer(
      InetSocketAddress address,
      PrometheusRegistry registry,
      SnapshotStore store,
      BuildInfo build,
      Optional<Supplier<Optional<String>>> reload)
      throws IOException {
    Map<String, Router.Route> routes = new HashMap<>();
    MetricsHandler metrics = new MetricsHandler(registry);
    routes.put(
        "/metrics",
        Router.Route.read(
            exchange -> {
              // client_java would render a whole scrape and gzip into HEAD's closed body.
              if (exchange.getRequestMethod().equals("HEAD")) {
                exchange
                    .getResponseHeaders()
                    .set("Content-Type", PrometheusTextFormatWriter.CONTENT_TYPE);
                exchange.sendResponseHeaders(200, -1);
              } else {
                metrics.handle(exchange);
              }
            }));
    routes.put(
        "/-/healthy",
        Router.Route.read(exchange -> Responses.send(exchange, 200, Responses.TEXT, "Healthy\n")));
    routes.put("/-/ready", Router.Route.read(new ReadyHandler(store)));
    routes.put("/", Router.Route.read(new LandingPage(build, store)));
    // As Prometheus: POST or PUT, and only with --web.enable-lifecycle (a reload re-reads files).
    reload.ifPresent(
        action ->
            routes.put(
                "/-/reload", new Router.Route(new ReloadHandler(action), Set.of("POST", "PUT"))));
    executor = Executors.newFixedThreadPool(THREADS, daemonThreads());
    server = HttpServer.create(address, 0);
    server.createContext("/", new Router(routes));
    server.setExecutor(executor);
  }

  private static ThreadFactory daemonThreads() {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, "web-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  public void start() {
    server.start();
  }

  /** The bound address; with port 0 in the configuration, the port the system picked. */
  public InetSocketAddress address() {
    return server.getAddress();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
