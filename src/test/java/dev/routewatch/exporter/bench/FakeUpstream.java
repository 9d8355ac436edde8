package dev.routewatch.exporter.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * OpenRouter for the bench, on the JDK HttpServer: answers each generated model's endpoints request
 * after a fixed latency, and records when each request arrived and was answered, so that a poll
 * round can be timed as the upstream saw it.
 */
public final class FakeUpstream implements AutoCloseable {

  private static final String PREFIX = "/api/v1/models/";
  private static final String SUFFIX = "/endpoints";

  /** Enough threads that the exporter's largest max_concurrent_requests (64) never queues. */
  private static final int THREADS = 64;

  /** One answered request, in {@link System#nanoTime()}. */
  record Request(long arrivedNanos, long answeredNanos) {}

  private final Map<String, byte[]> answers = new HashMap<>();
  private final long latencyMillis;
  private final AtomicInteger arrived = new AtomicInteger();
  private final List<Request> requests = new ArrayList<>();
  private final ExecutorService executor = Executors.newFixedThreadPool(THREADS);
  private final HttpServer server;

  public FakeUpstream(List<String> models, int endpoints, Duration latency) throws IOException {
    UpstreamAnswers generator = new UpstreamAnswers(endpoints);
    for (String model : models) {
      answers.put(PREFIX + model + SUFFIX, generator.answer(model));
    }
    latencyMillis = latency.toMillis();
    server = JdkHttpServer.create(new InetSocketAddress("127.0.0.1", 0));
    server.createContext("/", this::answer);
    server.setExecutor(executor);
    server.start();
  }

  private void answer(HttpExchange exchange) throws IOException {
    long arrivedNanos = System.nanoTime();
    arrived.incrementAndGet();
    try (exchange) {
      Thread.sleep(latencyMillis);
      byte[] body = answers.get(exchange.getRequestURI().getRawPath());
      if (body == null) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    synchronized (requests) {
      requests.add(new Request(arrivedNanos, System.nanoTime()));
    }
  }

  /** What the exporter's {@code openrouter.base_url} should be. */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/v1";
  }

  /** Requests that have arrived so far, answered or not. */
  int arrived() {
    return arrived.get();
  }

  /** The requests answered so far. */
  List<Request> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
