package dev.routewatch.exporter.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.crypto.bcrypt.BCrypt;

/**
 * Floods of idle, slow and wrong-password connections against the jar over real sockets, then one
 * timed request from a well-behaved scraper, which must still be answered promptly. The figures are
 * printed for the record; the bounds asserted are the ones the exporter promises.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ConnectionFloodIT {

  private static final int IDLE = 600;
  private static final int SLOWLORIS = 100;
  private static final int WRONG_PASSWORD = 400;
  private static final String PASSWORD = "scrape-password-5d1e";

  @TempDir static Path dir;

  @RegisterExtension
  static final ExporterExtension exporters =
      ExporterExtension.builder().models("moonshotai/kimi-k3").startedByTests().build();

  @Test
  void aScrapeIsAnsweredWithin2SecondsWhile600IdleAnd100SlowlorisConnectionsAreOpen()
      throws Exception {
    List<Socket> held = new ArrayList<>();
    ScheduledExecutorService drip = Executors.newSingleThreadScheduledExecutor();
    try (ExporterProcess exporter = exporters.start()) {
      for (int i = 0; i < IDLE; i++) {
        held.add(new Socket("127.0.0.1", exporter.port()));
      }
      List<Socket> slow = new ArrayList<>();
      for (int i = 0; i < SLOWLORIS; i++) {
        Socket socket = new Socket("127.0.0.1", exporter.port());
        held.add(socket);
        slow.add(socket);
        sendQuietly(socket, "GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ");
      }
      // One more byte of the never-ending header every 2 s, as slowloris does.
      drip.scheduleAtFixedRate(
          () -> slow.forEach(s -> sendQuietly(s, "a")), 2, 2, TimeUnit.SECONDS);
      Thread.sleep(1000); // the slow heads have reached the server and hold what they hold

      Timed scrape = Timed.run(() -> Scrapes.get(exporter.port(), "/metrics"));
      long open = held.stream().filter(ConnectionFloodIT::isOpen).count();

      System.out.printf(
          "ConnectionFloodIT: /metrics with %d idle and %d slowloris connections opened, %d still"
              + " open after it: %s%n",
          IDLE, SLOWLORIS, open, scrape);
      assertThat(scrape.status()).isEqualTo(200);
      assertThat(scrape.took()).isLessThan(Duration.ofSeconds(2));
      assertThat(open).as("the flood was held, not refused").isEqualTo(IDLE + SLOWLORIS);
    } finally {
      drip.shutdownNow();
      closeAll(held);
    }
  }

  @Test
  void cachedCredentialsAreAnsweredWithin1SecondUnder400WrongPasswordConnections()
      throws Exception {
    // Cost 10, the htpasswd default (tens of milliseconds a check on this kind of machine).
    Path web = dir.resolve("auth.yml");
    Files.writeString(
        web,
        "http_server_config:\n  headers:\n    X-Content-Type-Options: nosniff\n"
            + "basic_auth_users:\n  alice: "
            + BCrypt.hashpw(PASSWORD, BCrypt.gensalt(10))
            + "\n");
    ExecutorService flood = Executors.newFixedThreadPool(WRONG_PASSWORD);
    AtomicBoolean flooding = new AtomicBoolean(true);
    Map<String, LongAdder> answers = new ConcurrentHashMap<>();
    AtomicReference<String> busy = new AtomicReference<>("");
    try (ExporterProcess exporter = exporters.start("--web.config.file=" + web)) {
      int port = exporter.port();
      String right = basic("alice", PASSWORD);
      assertThat(Scrapes.get(port, "/metrics", "Authorization", right).statusCode())
          .as("the scraper's first request, which pays for bcrypt once")
          .isEqualTo(200);
      for (int i = 0; i < WRONG_PASSWORD; i++) {
        String wrong = basic(i % 2 == 0 ? "alice" : "mallory", "guess-" + i);
        flood.execute(
            () -> {
              while (flooding.get()) {
                String head = answerHead(port, wrong);
                answers
                    .computeIfAbsent(head.lines().findFirst().orElse(""), k -> new LongAdder())
                    .increment();
                if (head.startsWith("HTTP/1.1 429")) {
                  busy.set(head);
                }
              }
            });
      }
      Thread.sleep(1000); // every flooding connection has sent its first request

      Timed scrape = Timed.run(() -> Scrapes.get(port, "/metrics", "Authorization", right));

      flooding.set(false);
      System.out.printf(
          "ConnectionFloodIT: /metrics with cached credentials under %d wrong-password"
              + " connections: %s; flood answers so far: %s%n",
          WRONG_PASSWORD, scrape, answers);
      assertThat(scrape.status()).isEqualTo(200);
      assertThat(scrape.took()).isLessThan(Duration.ofSeconds(1));
      assertThat(answers.keySet())
          .as("no wrong password gets in; \"\" is a connection closed without an answer")
          .allSatisfy(line -> assertThat(line).matches("HTTP/1.1 (401|429) .*|"));
      // Told to come back, with the challenge and the configured headers like any refusal.
      assertThat(busy.get().toLowerCase(Locale.ROOT))
          .contains("\r\nretry-after: 1\r\n")
          .contains("\r\nwww-authenticate: basic realm=")
          .contains("\r\nx-content-type-options: nosniff\r\n");
    } finally {
      flooding.set(false);
      flood.shutdownNow();
      flood.awaitTermination(30, TimeUnit.SECONDS);
    }
  }

  /**
   * One request with {@code authorization} on its own connection: the head of its answer, empty
   * when the connection was closed without one.
   */
  private static String answerHead(int port, String authorization) {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(30_000);
      socket
          .getOutputStream()
          .write(
              ("GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nAuthorization: "
                      + authorization
                      + "\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int end = answer.indexOf("\r\n\r\n");
      return end < 0 ? "" : answer.substring(0, end + 2);
    } catch (IOException e) {
      return "";
    }
  }

  private static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** How one request went: its status (0 when it failed) and how long it took. */
  private record Timed(int status, Duration took, String failure) {

    interface Request {
      HttpResponse<String> send() throws Exception;
    }

    static Timed run(Request request) {
      long start = System.nanoTime();
      try {
        int status = request.send().statusCode();
        return new Timed(status, Duration.ofNanos(System.nanoTime() - start), "");
      } catch (Exception e) {
        return new Timed(0, Duration.ofNanos(System.nanoTime() - start), e.toString());
      }
    }

    @Override
    public String toString() {
      return (status == 0 ? "failed (" + failure + ")" : "status " + status)
          + " after "
          + took.toMillis()
          + " ms";
    }
  }

  /** Whether the server has neither closed nor reset the connection. */
  private static boolean isOpen(Socket socket) {
    try {
      socket.setSoTimeout(1);
      return socket.getInputStream().read() != -1;
    } catch (SocketTimeoutException stillOpen) {
      return true;
    } catch (IOException closed) {
      return false;
    }
  }

  private static void sendQuietly(Socket socket, String text) {
    try {
      OutputStream out = socket.getOutputStream();
      out.write(text.getBytes(StandardCharsets.US_ASCII));
      out.flush();
    } catch (IOException ignored) {
      // Closed by the server; what the test measures is the scrape, not these.
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
