package dev.routewatch.exporter.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.routewatch.exporter.TestCertificates;
import dev.routewatch.exporter.TestCertificates.Issued;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Clients that stall, send too much or ask for what is not served, against the jar over real
 * sockets: none of them holds up /metrics for a well-behaved scraper, and every stalled connection
 * is closed by the server.
 */
class HostileClientsIT {

  /**
   * Dozens, as a careless or hostile client could hold open (the server reads heads without a
   * thread).
   */
  private static final int STALLED = 40;

  @RegisterExtension
  static final ExporterExtension plain =
      ExporterExtension.builder().models("moonshotai/kimi-k3").build();

  @Test
  void stalledRequestsDoNotHoldUpAScrapeAndAreClosedByTheServer() throws Exception {
    List<Socket> stalled = new ArrayList<>();
    try {
      for (int i = 0; i < STALLED; i++) {
        Socket socket = new Socket("127.0.0.1", plain.port());
        if (i % 4 != 0) {
          // A request head that never ends; every fourth connection sends nothing at all.
          send(socket, "GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ");
        }
        stalled.add(socket);
      }

      long start = System.nanoTime();
      HttpResponse<String> scrape = plain.get("/metrics");
      Duration took = Duration.ofNanos(System.nanoTime() - start);

      assertThat(scrape.statusCode()).isEqualTo(200);
      assertThat(scrape.body()).contains("openrouter_exporter_build_info");
      assertThat(took).isLessThan(Duration.ofSeconds(3));
      assertClosedByTheServer(stalled);
    } finally {
      closeAll(stalled);
    }
  }

  @Test
  void tlsHandshakesThatNeverFinishDoNotHoldUpAScrape() throws Exception {
    Issued server = TestCertificates.issue(plain.dir(), "server", "EC");
    Path web = plain.dir().resolve("tls.yml");
    Files.writeString(web, "tls_server_config:\n  cert_file: server.crt\n  key_file: server.key\n");
    List<Socket> stalled = new ArrayList<>();
    try (ExporterProcess tls = plain.start("--web.config.file=" + web)) {
      for (int i = 0; i < STALLED; i++) {
        Socket socket = new Socket("127.0.0.1", tls.port());
        // The head of a TLS handshake record announcing 512 bytes, then 10 of them: the server
        // waits for the rest of the ClientHello, which never comes.
        socket
            .getOutputStream()
            .write(new byte[] {0x16, 0x03, 0x01, 0x02, 0x00, 1, 0, 1, (byte) 0xfc, 3});
        socket.getOutputStream().flush();
        stalled.add(socket);
      }

      HttpClient https =
          HttpClient.newBuilder()
              .sslContext(TestCertificates.clientContext(server, null))
              .connectTimeout(Duration.ofSeconds(5))
              .build();
      long start = System.nanoTime();
      HttpResponse<String> scrape =
          https.send(
              HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + tls.port() + "/metrics"))
                  .timeout(Duration.ofSeconds(10))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      Duration took = Duration.ofNanos(System.nanoTime() - start);

      assertThat(scrape.statusCode()).isEqualTo(200);
      assertThat(took).isLessThan(Duration.ofSeconds(3));
      assertClosedByTheServer(stalled);
    } finally {
      closeAll(stalled);
    }
  }

  @Test
  void aRequestHeadLargerThan16KibIsRefused() throws Exception {
    try (Socket socket = new Socket("127.0.0.1", plain.port())) {
      socket.setSoTimeout(15_000);
      send(
          socket,
          "GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: "
              + "a".repeat(20 * 1024)
              + "\r\n\r\n");
      String answer = new String(readAll(socket.getInputStream()), StandardCharsets.ISO_8859_1);

      assertThat(answer).doesNotContain("openrouter_").doesNotStartWith("HTTP/1.1 200");
    }
    assertThat(plain.get("/metrics", "X-Fine", "a".repeat(4 * 1024)).statusCode()).isEqualTo(200);
  }

  @ParameterizedTest
  @ValueSource(strings = {"POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "PROPFIND"})
  void pagesAnswerOnlyGetAndHead(String method) throws Exception {
    for (String path : List.of("/metrics", "/", "/-/healthy", "/-/ready", "/-/reload")) {
      try (Socket socket = new Socket("127.0.0.1", plain.port())) {
        socket.setSoTimeout(10_000);
        send(
            socket,
            method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        String answer = new String(readAll(socket.getInputStream()), StandardCharsets.ISO_8859_1);

        // The reload route exists only with --web.enable-lifecycle.
        assertThat(answer)
            .as(method + " " + path)
            .startsWith(path.equals("/-/reload") ? "HTTP/1.1 404" : "HTTP/1.1 405")
            .doesNotContain("openrouter_");
      }
    }
  }

  /** Every socket is closed by the server (end of stream, or a reset) within maxReqTime. */
  private static void assertClosedByTheServer(List<Socket> sockets) throws IOException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    for (Socket socket : sockets) {
      int left = (int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
      socket.setSoTimeout(left);
      readAll(socket.getInputStream());
      assertThat(System.nanoTime()).as("closed within 30 s").isLessThan(deadline);
    }
  }

  private static void send(Socket socket, String text) throws IOException {
    OutputStream out = socket.getOutputStream();
    out.write(text.getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  /** Everything until the server closes; a reset is a close too. */
  private static byte[] readAll(InputStream in) throws IOException {
    try {
      return in.readAllBytes();
    } catch (java.net.SocketTimeoutException e) {
      throw e;
    } catch (IOException reset) {
      return new byte[0];
    }
  }

  private static void closeAll(List<Socket> sockets) {
    for (Socket socket : sockets) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // Already closed by the server.
      }
    }
  }
}
