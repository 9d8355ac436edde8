package dev.routewatch.exporter.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Scrapes over keep-alive HTTP/1.1 connections with the headers of {@link Format}, reading and
 * dropping every body, as a scraper must.
 */
final class LoadGenerator {

  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  HttpClient client() {
    return client;
  }

  /** One scrape's whole answer, for the static server to serve. */
  byte[] capture(URI uri, Format format) throws IOException, InterruptedException {
    return ok(client.send(request(uri, format), HttpResponse.BodyHandlers.ofByteArray())).body();
  }

  /** The latencies of {@code count} scrapes one after the other, in nanoseconds. */
  List<Long> latencies(URI uri, Format format, int count) throws IOException, InterruptedException {
    HttpRequest request = request(uri, format);
    List<Long> latencies = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      long start = System.nanoTime();
      ok(client.send(request, HttpResponse.BodyHandlers.discarding()));
      latencies.add(System.nanoTime() - start);
    }
    return latencies;
  }

  /** Scrapes per second completed by {@code scrapers} threads scraping for {@code duration}. */
  double throughput(URI uri, Format format, int scrapers, Duration duration)
      throws InterruptedException {
    HttpRequest request = request(uri, format);
    AtomicLong done = new AtomicLong();
    List<Throwable> failures = new ArrayList<>();
    long start = System.nanoTime();
    long deadline = start + duration.toNanos();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < scrapers; i++) {
      threads.add(
          new Thread(
              () -> {
                try {
                  while (System.nanoTime() < deadline) {
                    ok(client.send(request, HttpResponse.BodyHandlers.discarding()));
                    done.incrementAndGet();
                  }
                } catch (IOException | InterruptedException | RuntimeException e) {
                  synchronized (failures) {
                    failures.add(e);
                  }
                }
              },
              "scraper-" + i));
    }
    threads.forEach(Thread::start);
    for (Thread thread : threads) {
      thread.join();
    }
    if (!failures.isEmpty()) {
      throw new IllegalStateException("scrapes of " + uri + " failed", failures.get(0));
    }
    return done.get() / ((System.nanoTime() - start) / 1e9);
  }

  private static HttpRequest request(URI uri, Format format) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(uri).header("Accept", format.accept());
    if (format.gzip()) {
      builder.header("Accept-Encoding", "gzip");
    }
    return builder.build();
  }

  private static <T> HttpResponse<T> ok(HttpResponse<T> response) {
    if (response.statusCode() != 200) {
      throw new IllegalStateException(response.uri() + " answered " + response.statusCode());
    }
    return response;
  }
}
