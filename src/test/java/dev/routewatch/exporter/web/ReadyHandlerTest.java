package dev.routewatch.exporter.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.routewatch.exporter.config.ModelId;
import dev.routewatch.exporter.openrouter.FailureReason;
import dev.routewatch.exporter.snapshot.SnapshotStore;
import dev.routewatch.exporter.snapshot.TimeSource;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ReadyHandlerTest {

  private static final ModelId MODEL = new ModelId("a/b");
  private static final String SHORT_OF_MEMORY =
      "the heap is 93% full after garbage collection (over 90%): give the JVM a larger heap or"
          + " poll fewer models";

  private final SnapshotStore store = new SnapshotStore(List.of(MODEL));
  private volatile Optional<String> heapPressure = Optional.empty();
  private HttpServer server;

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/-/ready", new ReadyHandler(store, () -> heapPressure, Optional::empty));
    server.start();
    store.update(
        MODEL,
        state ->
            state.failed(
                FailureReason.HTTP_ERROR, "HTTP 503", TimeSource.SYSTEM.now(), Duration.ZERO));
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private HttpResponse<String> ready() throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/-/ready"))
                .timeout(Duration.ofSeconds(10))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aReadyExporterShortOfMemoryAnswers503WithTheReason() throws Exception {
    assertThat(ready().statusCode()).isEqualTo(200);

    heapPressure = Optional.of(SHORT_OF_MEMORY);
    HttpResponse<String> response = ready();

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.body()).isEqualTo("Not ready: " + SHORT_OF_MEMORY + "\n");
  }

  @Test
  void itIsReadyAgainOnceMemoryIsNoLongerShort() throws Exception {
    heapPressure = Optional.of(SHORT_OF_MEMORY);
    assertThat(ready().statusCode()).isEqualTo(503);

    heapPressure = Optional.empty();

    assertThat(ready().statusCode()).isEqualTo(200);
  }
}
