package dev.routewatch.exporter.web;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsServer;
import dev.routewatch.exporter.BuildInfo;
import dev.routewatch.exporter.config.WebConfig;
import dev.routewatch.exporter.metrics.ExporterMetrics;
import dev.routewatch.exporter.snapshot.SnapshotStore;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The HTTP side: /metrics, /-/healthy, /-/ready and the landing page on the JDK HttpServer, over
 * TLS and behind basic authentication when the web configuration asks. It knows nothing about
 * collecting: /metrics writes what {@link ExporterMetrics} renders.
 */
public final class WebServer implements AutoCloseable {

  /**
   * The JDK server reads each request on a pool thread, TLS handshake included, so a client that
   * sends a few bytes and stalls holds a thread until {@code maxReqTime} closes its connection.
   * Threads start on demand and end when idle, so a pool far larger than the few scrapers it serves
   * costs nothing until dozens of stalled clients need it, and keeps /metrics answering meanwhile;
   * it is still bounded.
   */
  static final int THREADS = 64;

  static {
    // Read by the JDK when its server configuration class loads, so they must be set before the
    // first server; a -D on the command line wins. What JDK 17's sun.net.httpserver.ServerConfig
    // reads, and why we set it:
    // Without nodelay every keep-alive answer waits ~40 ms for Nagle's algorithm.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    // The request line and headers (and a TLS handshake) must arrive within 10 s of the first
    // byte, a response be written within 60 s; the JDK's defaults wait forever.
    setIfAbsent("sun.net.httpserver.maxReqTime", "10");
    setIfAbsent("sun.net.httpserver.maxRspTime", "60");
    // A scrape's request head is a few hundred bytes; the defaults are 200 headers and 380 KiB.
    setIfAbsent("sun.net.httpserver.maxReqHeaders", "100");
    setIfAbsent("sun.net.httpserver.maxReqHeaderSize", "16384");
    // Open connections at most, idle or not (default: no limit), so that a flood cannot use up
    // the file descriptors the upstream client needs too.
    setIfAbsent("jdk.httpserver.maxConnections", "512");
  }

  private static void setIfAbsent(String property, String value) {
    if (System.getProperty(property) == null) {
      System.setProperty(property, value);
    }
  }

  private final HttpServer server;
  private final ExecutorService executor;

  /**
   * @param reload what {@code POST /-/reload} runs, when the lifecycle API is enabled: it returns
   *     the problem if the reload failed
   * @param web TLS, basic authentication and response headers; {@link WebConfig#NONE} for none
   */
  public WebServer(
      InetSocketAddress address,
      ExporterMetrics metrics,
      SnapshotStore store,
      BuildInfo build,
      Optional<Supplier<Optional<String>>> reload,
      WebConfig web)
      throws IOException {
    Map<String, Router.Route> routes = new HashMap<>();
    routes.put("/metrics", Router.Route.read(new MetricsEndpoint(metrics)));
    routes.put(
        "/-/healthy",
        Router.Route.read(exchange -> Responses.send(exchange, 200, Responses.TEXT, "Healthy\n")));
    routes.put("/-/ready", Router.Route.read(new ReadyHandler(store, metrics::heapPressure)));
    routes.put("/", Router.Route.read(new LandingPage(build, store, metrics::staleAfter)));
    // As Prometheus: POST or PUT, and only with --web.enable-lifecycle (a reload re-reads files).
    reload.ifPresent(
        action ->
            routes.put(
                "/-/reload", new Router.Route(new ReloadHandler(action), Set.of("POST", "PUT"))));
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            THREADS, THREADS, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), daemonThreads());
    pool.allowCoreThreadTimeOut(true);
    executor = pool;
    if (web.tls().isPresent()) {
      HttpsServer https = HttpsServer.create(address, 0);
      https.setHttpsConfigurator(TlsContext.configurator(web.tls().get()));
      server = https;
    } else {
      server = HttpServer.create(address, 0);
    }
    Optional<BasicAuth> auth =
        web.basicAuthUsers().isEmpty()
            ? Optional.empty()
            : Optional.of(new BasicAuth(web.basicAuthUsers()));
    server.createContext("/", new Router(routes, web.headers(), auth));
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
