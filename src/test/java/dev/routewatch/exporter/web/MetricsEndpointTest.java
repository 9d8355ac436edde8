package dev.routewatch.exporter.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.routewatch.exporter.account.AccountStore;
import dev.routewatch.exporter.bench.UpstreamAnswers;
import dev.routewatch.exporter.config.ModelId;
import dev.routewatch.exporter.config.WebConfig;
import dev.routewatch.exporter.config.WebFlags;
import dev.routewatch.exporter.metrics.BuildInfo;
import dev.routewatch.exporter.metrics.ExporterMetrics;
import dev.routewatch.exporter.openrouter.Answers;
import dev.routewatch.exporter.snapshot.SnapshotStore;
import dev.routewatch.exporter.snapshot.TimeSource;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class MetricsEndpointTest {

  // Answers of about 8 MiB: twice what the kernel may buffer for a socket (tcp_wmem at most 4 MiB).
  private static final int MODELS = 600;

  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> scrape(WebServer server) throws Exception {
    return http.send(
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.address().getPort() + "/metrics"))
            .timeout(Duration.ofSeconds(20))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /**
   * Asks for /metrics and reads only its status line: the answer has begun (so it holds its place
   * among the answers in flight) and stays in flight until the socket closes.
   */
  private static Socket stalledScrape(WebServer server) throws IOException {
    Socket socket = new Socket();
    socket.setReceiveBufferSize(4096);
    socket.connect(server.address());
    OutputStream out = socket.getOutputStream();
    out.write(
        "GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    out.flush();
    byte[] statusLine = socket.getInputStream().readNBytes("HTTP/1.1 200".length());
    assertThat(new String(statusLine, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 200");
    return socket;
  }

  @Test
  void beyondSixteenAnswersInFlightAScrapeGetsAQuick503WithRetryAfter() throws Exception {
    List<ModelId> models = new ArrayList<>();
    UpstreamAnswers answers = new UpstreamAnswers(10);
    for (String id : UpstreamAnswers.modelIds(MODELS)) {
      models.add(new ModelId(id));
    }
    SnapshotStore store = new SnapshotStore(models);
    for (ModelId model : models) {
      var answer = Answers.modelEndpoints(answers.answer(model.value()));
      store.update(model, s -> s.succeeded(answer, TimeSource.SYSTEM.now(), Duration.ofMillis(5)));
    }
    BuildInfo build = new BuildInfo("1.2.3", "abc123", "17");
    ExporterMetrics metrics =
        new ExporterMetrics(store, Duration.ofMinutes(10), build, TimeSource.SYSTEM);
    try (WebServer server =
        new WebServer(
            new InetSocketAddress("127.0.0.1", 0),
            WebFlags.DEFAULTS,
            metrics,
            store,
            new AccountStore(),
            Optional::empty,
            build,
            Optional.empty(),
            WebConfig.NONE,
            TimeSource.SYSTEM,
            Configs.MINIMAL)) {
      server.start();
      // Megabytes an answer: far more than a socket's buffers hold for a client reading nothing.
      assertThat(scrape(server).body().length()).isGreaterThan(8 << 20);

      List<Socket> stalled = new ArrayList<>();
      HttpResponse<String> refused;
      try {
        for (int i = 0; i < MetricsEndpoint.ANSWERS_AT_ONCE; i++) {
          stalled.add(stalledScrape(server));
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        do {
          refused = scrape(server);
        } while (refused.statusCode() == 200 && System.nanoTime() < deadline);
      } finally {
        for (Socket socket : stalled) {
          socket.close();
        }
      }

      assertThat(refused.statusCode()).isEqualTo(503);
      assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
      assertThat(refused.headers().firstValue("Content-Encoding")).isEmpty();
      assertThat(refused.body()).isEqualTo("Too many scrapes at once, retry\n");
      // The stalled answers end with their sockets, and so does the refusal.
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      HttpResponse<String> again;
      do {
        again = scrape(server);
      } while (again.statusCode() != 200 && System.nanoTime() < deadline);
      assertThat(again.statusCode()).isEqualTo(200);
    }
  }
}
