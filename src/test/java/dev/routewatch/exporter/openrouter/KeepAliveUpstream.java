package dev.routewatch.exporter.openrouter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fake OpenRouter over a raw socket speaking HTTP/1.1 keep-alive, which writes exactly the bytes
 * it is told, also past the end of an answer: MockWebServer frames every answer itself and cannot.
 * Each answer and the bytes told to follow it go out in one write, so they reach the client
 * together, as they would from a faulty proxy. Public for the jar's tests in the it package.
 */
public final class KeepAliveUpstream implements AutoCloseable {

  private static final String PREFIX = "/api/v1/models/";
  private static final String SUFFIX = "/endpoints";

  private final ServerSocket server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final Map<String, byte[]> bodies = new ConcurrentHashMap<>();
  private final Map<String, byte[]> after = new ConcurrentHashMap<>();
  private final Map<String, byte[]> later = new ConcurrentHashMap<>();
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicInteger requests = new AtomicInteger();

  public KeepAliveUpstream() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    threads.execute(this::accept);
  }

  /** The base_url to configure. */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.getLocalPort() + "/api/v1";
  }

  /** Answers {@code model} with a 200 carrying {@code body}. */
  public void answer(String model, byte[] body) {
    bodies.put(model, body);
  }

  /** Sends {@code extra} right after each answer for {@code model}, in the same write. */
  public void afterAnswer(String model, byte[] extra) {
    after.put(model, extra);
  }

  /**
   * Sends {@code extra} {@link #LATER} after each answer for {@code model}, on the connection that
   * now sits idle in the client's pool.
   */
  public void whileIdleAfter(String model, byte[] extra) {
    later.put(model, extra);
  }

  public static final Duration LATER = Duration.ofMillis(200);

  /** How many connections clients have opened. */
  public int connections() {
    return connections.get();
  }

  /** How many requests clients have sent. */
  public int requests() {
    return requests.get();
  }

  /** A complete 200 answer carrying {@code body}, framed by its Content-Length. */
  public static byte[] ok(byte[] body) {
    String head =
        "HTTP/1.1 200 OK\r\n"
            + "Content-Type: application/json\r\n"
            + "Content-Length: "
            + body.length
            + "\r\n\r\n";
    ByteArrayOutputStream answer = new ByteArrayOutputStream();
    answer.writeBytes(head.getBytes(StandardCharsets.US_ASCII));
    answer.writeBytes(body);
    return answer.toByteArray();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        connections.incrementAndGet();
        threads.execute(() -> serve(socket));
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      InputStream in = socket.getInputStream();
      OutputStream out = socket.getOutputStream();
      for (String requestLine = line(in); requestLine != null; requestLine = line(in)) {
        while (!line(in).isEmpty()) {
          // Headers: a GET has no body, so the request ends at the empty line.
        }
        requests.incrementAndGet();
        String model = model(requestLine.split(" ")[1]);
        out.write(answer(model));
        out.flush();
        byte[] extra = later.get(model);
        if (extra != null) {
          Thread.sleep(LATER.toMillis());
          out.write(extra);
          out.flush();
        }
      }
    } catch (IOException | NullPointerException | InterruptedException ignored) {
      // The client closed the connection, sent less than a request, or the test ended.
    }
  }

  private static String model(String path) {
    return path.substring(PREFIX.length(), path.length() - SUFFIX.length());
  }

  private byte[] answer(String model) {
    byte[] body = bodies.get(model);
    if (body == null) {
      return "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"
          .getBytes(StandardCharsets.US_ASCII);
    }
    ByteArrayOutputStream answer = new ByteArrayOutputStream();
    answer.writeBytes(ok(body));
    answer.writeBytes(after.getOrDefault(model, new byte[0]));
    return answer.toByteArray();
  }

  /** One CRLF-terminated line without its end, or null at the end of the stream. */
  private static String line(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b == -1) {
        return null;
      }
      if (b != '\r') {
        line.append((char) b);
      }
    }
    return line.toString();
  }

  @Override
  public void close() throws IOException {
    server.close();
    threads.shutdownNow();
  }
}
