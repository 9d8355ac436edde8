package dev.routewatch.exporter.web;

import com.sun.management.UnixOperatingSystemMXBean;
import dev.routewatch.exporter.account.AccountStore;
import dev.routewatch.exporter.config.ExporterConfig;
import dev.routewatch.exporter.config.WebConfig;
import dev.routewatch.exporter.config.WebFlags;
import dev.routewatch.exporter.metrics.BuildInfo;
import dev.routewatch.exporter.metrics.ExporterMetrics;
import dev.routewatch.exporter.snapshot.SnapshotStore;
import dev.routewatch.exporter.snapshot.TimeSource;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.eclipse.jetty.http.spi.JettyHttpServer;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side: /metrics, /-/healthy, /-/ready and the landing page, over TLS and behind basic
 * authentication when the web configuration asks. The handlers are JDK HttpServer handlers, run by
 * Jetty: it reads request heads without holding a thread, bounds connections, and lets {@link
 * ErrorAnswers} answer the requests it cannot parse. It knows nothing about collecting: /metrics
 * sends what {@link ExporterMetrics#exposition} answers.
 */
public final class WebServer implements AutoCloseable {

  private static final Logger logger = LoggerFactory.getLogger(WebServer.class);

  /**
   * Threads run handlers only: heads are read and TLS handshakes made by the selector without one,
   * so stalled clients hold none. A handler holds one while it renders or while a slow client reads
   * the answer. Threads start on demand and end when idle.
   */
  private static final int THREADS = 32;

  /**
   * A connection that sends nothing for this long is closed: stalled heads and handshakes, and
   * keep-alive connections between scrapes. Longer than the common 15 s scrape interval, so a
   * scraper keeps its connection.
   */
  private static final long IDLE_TIMEOUT_MILLIS = 20_000;

  /** A scrape's request head is a few hundred bytes; larger heads get 431. */
  private static final int MAX_REQUEST_HEAD_BYTES = 16 * 1024;

  /** How long a stop waits for answers in flight, well within a container's grace time. */
  private static final long STOP_TIMEOUT_MILLIS = 2_000;

  /** How long a connection idle at stop may stay: long enough to finish reading an answer. */
  private static final long SHUTDOWN_IDLE_TIMEOUT_MILLIS = 100;

  /** File descriptors kept for everything but web clients: the upstream client, jar, logs. */
  private static final long RESERVED_FILE_DESCRIPTORS = 256;

  /**
   * A connection that sends nothing holds no thread, only a file descriptor and a buffer, so
   * hundreds of idle clients must not fill the server: the bound is as many as the process may open
   * less a reserve, so that a flood cannot take the descriptors the upstream client needs, and at
   * most 4096. Beyond it new connections wait to be accepted.
   */
  private static int maxConnections() {
    long fileDescriptors =
        ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix
            ? unix.getMaxFileDescriptorCount()
            : Long.MAX_VALUE;
    return (int) Math.max(64, Math.min(4096, fileDescriptors - RESERVED_FILE_DESCRIPTORS));
  }

  private final Server server;
  private final List<InetSocketAddress> addresses = new ArrayList<>();

  /**
   * @param address the first address to serve on, {@code web.listen_address}
   * @param flags the other addresses, each serving the same paths, and the metrics' path
   * @param outOfSync why this replica's states may be behind the others', for /-/ready
   * @param reload what {@code POST /-/reload} runs, when the lifecycle API is enabled
   * @param web TLS, basic authentication and response headers; {@link WebConfig#NONE} for none
   * @param time the clocks the landing page reads
   * @param config the running configuration, which the landing page describes
   */
  public WebServer(
      InetSocketAddress address,
      WebFlags flags,
      ExporterMetrics metrics,
      SnapshotStore store,
      AccountStore account,
      Supplier<Optional<String>> outOfSync,
      BuildInfo build,
      Optional<Supplier<ReloadOutcome>> reload,
      WebConfig web,
      TimeSource time,
      Supplier<ExporterConfig> config)
      throws IOException {
    Map<String, Router.Route> routes = new HashMap<>();
    routes.put(flags.telemetryPath(), Router.Route.read(new MetricsEndpoint(metrics.exposition())));
    routes.put(
        "/-/healthy",
        Router.Route.read(exchange -> Responses.send(exchange, 200, Responses.TEXT, "Healthy\n")));
    routes.put(
        "/-/ready", Router.Route.read(new ReadyHandler(store, metrics::heapPressure, outOfSync)));
    routes.put(
        "/",
        Router.Route.read(
            new LandingPage(
                build,
                store,
                account,
                config,
                metrics::openRouterSeries,
                time,
                flags.telemetryPath())));
    // As Prometheus: POST or PUT, and only with --web.enable-lifecycle (a reload re-reads files).
    reload.ifPresent(
        action ->
            routes.put(
                "/-/reload", new Router.Route(new ReloadHandler(action), Set.of("POST", "PUT"))));
    QueuedThreadPool threads = new QueuedThreadPool(THREADS, 2);
    threads.setName("web");
    server = new Server(threads);
    server.setStopTimeout(STOP_TIMEOUT_MILLIS);
    server.setErrorHandler(new ErrorAnswers(web.headers(), !web.basicAuthUsers().isEmpty()));
    ContextHandlerCollection contexts = new ContextHandlerCollection();
    // Lets the requests in flight finish when the server stops, up to the stop timeout; idle
    // keep-alive connections (a scraper's, between scrapes) close within 100 ms, not Jetty's 1 s.
    GracefulHandler graceful = new GracefulHandler(contexts);
    graceful.setShutdownIdleTimeout(SHUTDOWN_IDLE_TIMEOUT_MILLIS);
    server.setHandler(graceful);

    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setRequestHeaderSize(MAX_REQUEST_HEAD_BYTES);
    List<InetSocketAddress> wanted = new ArrayList<>(List.of(address));
    wanted.addAll(flags.moreAddresses());
    List<ServerConnector> connectors = new ArrayList<>();
    for (InetSocketAddress each : wanted) {
      ServerConnector connector = connector(server, web, http);
      server.addConnector(connector);
      connectors.add(connector);
    }
    // One bound for all addresses: they share the file descriptors it protects.
    server.addBean(
        new NetworkConnectionLimit(maxConnections(), connectors.toArray(ServerConnector[]::new)));

    Optional<BasicAuth> auth =
        web.basicAuthUsers().isEmpty()
            ? Optional.empty()
            : Optional.of(new BasicAuth(web.basicAuthUsers()));
    // Shared: the server above is started and stopped here; the adapter only adds the context.
    new JettyHttpServer(server, true).createContext("/", new Router(routes, web.headers(), auth));
    // Bound now, so that an address in use fails at construction (exit 2, naming the address).
    try {
      for (int i = 0; i < wanted.size(); i++) {
        addresses.add(bind(connectors.get(i), wanted.get(i)));
      }
    } catch (IOException e) {
      for (ServerConnector connector : connectors) {
        connector.close();
      }
      throw e;
    }
  }

  private static ServerConnector connector(Server server, WebConfig web, HttpConfiguration http)
      throws IOException {
    HttpConnectionFactory http11 = new HttpConnectionFactory(http);
    ServerConnector connector =
        web.tls().isPresent()
            ? new ServerConnector(
                server,
                1,
                1,
                new SslConnectionFactory(TlsContext.factory(web.tls().get()), http11.getProtocol()),
                http11)
            : new ServerConnector(server, 1, 1, http11);
    connector.setIdleTimeout(IDLE_TIMEOUT_MILLIS);
    return connector;
  }

  private static InetSocketAddress bind(ServerConnector connector, InetSocketAddress address)
      throws IOException {
    ServerSocketChannel channel = ServerSocketChannel.open();
    try {
      channel.bind(address);
      connector.open(channel);
      return (InetSocketAddress) channel.socket().getLocalSocketAddress();
    } catch (IOException e) {
      channel.close();
      throw e;
    }
  }

  public void start() {
    try {
      server.start();
    } catch (Exception e) {
      throw new IllegalStateException("cannot start the web server: " + e, e);
    }
  }

  /** The first bound address; with port 0 in the configuration, the port the system picked. */
  public InetSocketAddress address() {
    return addresses.get(0);
  }

  /** The other bound addresses, of {@code --web.listen-address} repeated. */
  public List<InetSocketAddress> moreAddresses() {
    return List.copyOf(addresses.subList(1, addresses.size()));
  }

  /** Stops accepting, lets answers in flight finish within the stop timeout, then closes all. */
  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      // Whatever did not stop in time is cut off; stopping the process must go on.
      logger.warn("The web server did not stop cleanly: {}", e.toString());
    }
  }
}
