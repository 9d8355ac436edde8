package dev.routewatch.exporter.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * The yardstick: the least a JDK HttpServer can do to answer /metrics, serving bytes the exporter
 * rendered earlier from memory. It negotiates as the exporter does (client_java's writer choice for
 * Content-Type, its Accept-Encoding rule for gzip), so each scraper gets the same bytes and headers
 * from both. Run in its own JVM with the exporter's flags: {@code StaticServer PORT DIR}, DIR
 * holding one file per {@link Format#name()}.
 */
final class StaticServer {

  /** Plenty for 8 concurrent scrapers; fixed, so no thread is started while measuring. */
  private static final int THREADS = 16;

  private static final ExpositionFormats FORMATS = ExpositionFormats.init();

  /** What a negotiated request gets. */
  private record Key(String contentType, boolean gzip) {}

  private final Map<Key, byte[]> bodies = new HashMap<>();

  private StaticServer(Path dir) throws IOException {
    for (Format format : Format.ALL) {
      bodies.put(
          key(format.accept(), format.gzip()), Files.readAllBytes(dir.resolve(format.name())));
    }
  }

  private static Key key(String accept, boolean gzip) {
    return new Key(FORMATS.findWriter(accept).getContentType(), gzip);
  }

  public static void main(String[] args) throws IOException {
    StaticServer handler = new StaticServer(Path.of(args[1]));
    HttpServer server =
        JdkHttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])));
    server.createContext("/metrics", handler::serve);
    server.setExecutor(Executors.newFixedThreadPool(THREADS));
    server.start();
  }

  private void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      Key key =
          key(
              exchange.getRequestHeaders().getFirst("Accept"),
              Format.acceptsGzip(exchange.getRequestHeaders().get("Accept-Encoding")));
      byte[] body = bodies.get(key);
      if (body == null) {
        exchange.sendResponseHeaders(406, -1);
        return;
      }
      exchange.getResponseHeaders().set("Content-Type", key.contentType());
      if (key.gzip()) {
        exchange.getResponseHeaders().set("Content-Encoding", "gzip");
      }
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }
}
