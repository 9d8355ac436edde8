package dev.routewatch.exporter.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * The JDK's own HttpServer for the bench's fake upstream and yardstick. The exporter's Jetty
 * adapter is on the test classpath and registers itself as the provider that {@code
 * HttpServer.create} would pick, so the JDK's is named. Both properties are read once, when the
 * first server is made.
 */
final class JdkHttpServer {

  private JdkHttpServer() {}

  static HttpServer create(InetSocketAddress address) throws IOException {
    System.setProperty(
        "com.sun.net.httpserver.HttpServerProvider",
        "sun.net.httpserver.DefaultHttpServerProvider");
    // Without nodelay each keep-alive answer waits ~40 ms for Nagle's algorithm.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    return HttpServer.create(address, 0);
  }
}
