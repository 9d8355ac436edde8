package dev.routewatch.exporter.web;

import com.sun.management.UnixOperatingSystemMXBean;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsServer;
import dev.routewatch.exporter.BuildInfo;
import dev.routewatch.exporter.config.WebConfig;
import dev.routewatch.exporter.metrics.ExporterMetrics;
import dev.routewatch.exporter.snapshot.SnapshotStore;
import dev.routewatch.exporter.snapshot.TimeSource;
import java.io.IOException;
import java.lang.management.ManagementFactory;
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
   * sends a few bytes and stalls holds a thread until {@code maxReqTime} closes its connection. It
   * gives no hook between accepting a connection and reading its request on a pool thread, so
   * stalled clients cannot be turned away early, only outnumbered. Threads start on demand and end
   * when idle, so a pool far larger than the few scrapers it serves costs nothing until a hundred
   * stalled clients need it, and keeps /metrics answering meanwhile. It is bounded by memory: a
   * thread blocked in a read keeps about 130 KiB resident (its stack pages, touched by the JVM's
   * stack banging, and its native structures), so 128 of them about 17 MiB.
   */
  static final int THREADS = 128;

  /** File descriptors kept for everything but web clients: the upstream client, jar, logs. */
  private static final long RESERVED_FILE_DESCRIPTORS = 256;

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
    // How often idle connections are looked for: a connection that sends nothing is closed after
    // maxReqTime plus at most this (the default 10 s doubles how long an idle flood holds).
    setIfAbsent("sun.net.httpserver.clockTick", "1000");
    // A scrape's request head is a few hundred bytes; the defaults are 200 headers and 380 KiB.
    setIfAbsent("sun.net.httpserver.maxReqHeaders", "100");
    setIfAbsent("sun.net.httpserver.maxReqHeaderSize", "16384");
    // Open connections at most, idle or not (default: no limit); more are closed at once.
    setIfAbsent("jdk.httpserver.maxConnections", Integer.toString(maxConnections()));
  }

  /**
   * A connection that sends nothing holds no thread, only a file descriptor and a few hundred
   * bytes, so hundreds of idle clients must not fill the server: the bound is as many as the
   * process may open less a reserve, so that a flood cannot take the descriptors the upstream
   * client needs, and at most 4096.
   */
  private static int maxConnections() {
    long fileDescriptors =
        ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix
            ? unix.getMaxFileDescriptorCount()
            : Long.MAX_VALUE;
    return (int) Math.max(64, Math.min(4096, fileDescriptors - RESERVED_FILE_DESCRIPTORS));
  }

  private static void setIfAbsent(String property, String value) {
    if (System.getProperty(property) == null) {
      System.setProperty(property, value);
    }
  }

  private final HttpServer server;
  private final ExecutorService executor;

  /**
   * @param reload what {@code POST /-/reload} runs, when the lifecycle API is enabled
   * @param web TLS, basic authentication and response headers; {@link WebConfig#NONE} for none
   */
  public WebServer(
      InetSocketAddress address,
      ExporterMetrics metrics,
      SnapshotStore store,
      BuildInfo build,
      Optional<Supplier<ReloadOutcome>> reload,
      WebConfig web)
      throws IOException {
    Map<String, Router.Route> routes = new HashMap<>();
    routes.put("/metrics", Router.Route.read(new MetricsEndpoint(metrics)));
    routes.put(
        "/-/healthy",
        Router.Route.read(exchange -> Responses.send(exchange, 200, Responses.TEXT, "Healthy\n")));
    routes.put("/-/ready", Router.Route.read(new ReadyHandler(store, metrics::heapPressure)));
    routes.put(
        "/",
        Router.Route.read(new LandingPage(build, store, metrics::staleAfter, TimeSource.SYSTEM)));
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
