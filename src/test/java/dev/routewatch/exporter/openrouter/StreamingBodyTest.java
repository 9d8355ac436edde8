package dev.routewatch.exporter.openrouter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.routewatch.exporter.config.ExporterConfig;
import dev.routewatch.exporter.config.ModelId;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A large answer is parsed as it arrives: the body is never held whole, unless a cluster needs it.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StreamingBodyTest {

  private static final ModelId MODEL = new ModelId("a/b");
  private static final byte[] HEAD =
      "{\"data\":{\"id\":\"a/b\",\"endpoints\":[{\"tag\":\"t\"}]},\"padding\":\""
          .getBytes(StandardCharsets.US_ASCII);
  private static final byte[] TAIL = "\"}".getBytes(StandardCharsets.US_ASCII);

  /** The padding is written from this one block, so the server allocates nothing per answer. */
  private static final byte[] BLOCK = filled(64 * 1024);

  private static final int BLOCKS = 120; // 7.9 MB, under the 8 MiB cap

  private static final long BODY_BYTES = HEAD.length + (long) BLOCKS * BLOCK.length + TAIL.length;

  private final com.sun.management.ThreadMXBean threads =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
  private ServerSocket server;
  private Thread serving;
  private volatile int blocks = BLOCKS;

  private static byte[] filled(int size) {
    byte[] block = new byte[size];
    Arrays.fill(block, (byte) 'x');
    return block;
  }

  @BeforeEach
  void start() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    serving = new Thread(this::serve, "raw-upstream");
    serving.setDaemon(true);
    serving.start();
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
    serving.join(5_000);
  }

  /** One answer per connection, written from fixed arrays. */
  private void serve() {
    while (!server.isClosed()) {
      try (Socket socket = server.accept()) {
        InputStream in = socket.getInputStream();
        // The request head ends with an empty line.
        int matched = 0;
        while (matched < 4) {
          int b = in.read();
          if (b < 0) {
            break;
          }
          matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        int padding = blocks;
        long length = HEAD.length + (long) padding * BLOCK.length + TAIL.length;
        OutputStream out = socket.getOutputStream();
        out.write(
            ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n"
                    + "Content-Length: "
                    + length
                    + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(HEAD);
        for (int i = 0; i < padding; i++) {
          out.write(BLOCK);
        }
        out.write(TAIL);
        out.flush();
      } catch (IOException ignored) {
        // The server socket was closed: the test is over.
      }
    }
  }

  private ExporterConfig.Upstream settings() {
    return Fixtures.settings(
        "http://127.0.0.1:" + server.getLocalPort(), Fixtures.PATIENT, Optional.empty());
  }

  @Test
  void anAnswerIsParsedAsItArrivesAllocatingFarLessThanItsBody() throws Exception {
    try (OpenRouterClient client =
        new OpenRouterClient(settings(), Fixtures.USER_AGENT, code -> {})) {
      // The first call loads and initializes the classes of the whole path.
      blocks = 1;
      client.modelEndpoints(MODEL);
      blocks = BLOCKS;

      Map<Long, Long> before = allocatedByThread();
      ModelEndpoints answer = client.modelEndpoints(MODEL);
      long allocated = allocatedSince(before);

      assertThat(answer.endpoints()).extracting(Endpoint::tag).containsExactly("t");
      System.out.printf(
          "StreamingBodyTest: a %,d-byte answer allocated %,d bytes on all threads%n",
          BODY_BYTES, allocated);
      // Holding the body whole would take its size at least once, and twice with a copy.
      assertThat(allocated).isLessThan(BODY_BYTES / 4);
    }
  }

  @Test
  void readingTheBodyWholeHandsOverTheBodyItParsed() throws Exception {
    try (OpenRouterClient client =
        new OpenRouterClient(settings(), Fixtures.USER_AGENT, code -> {})) {
      Map<ModelEndpoints, byte[]> received = new IdentityHashMap<>();
      ModelEndpoints answer = client.modelEndpoints(MODEL, received::put);

      assertThat(received).containsOnlyKeys(answer);
      assertThat(received.get(answer)).hasSize((int) BODY_BYTES).startsWith(HEAD).endsWith(TAIL);
      assertThat(answer.endpoints()).extracting(Endpoint::tag).containsExactly("t");
    }
  }

  private Map<Long, Long> allocatedByThread() {
    long[] ids = threads.getAllThreadIds();
    long[] bytes = threads.getThreadAllocatedBytes(ids);
    Map<Long, Long> allocated = new HashMap<>();
    for (int i = 0; i < ids.length; i++) {
      allocated.put(ids[i], bytes[i]);
    }
    return allocated;
  }

  /**
   * Bytes allocated by every thread alive now since {@code before} (threads started since: all).
   */
  private long allocatedSince(Map<Long, Long> before) {
    long total = 0;
    for (Map.Entry<Long, Long> thread : allocatedByThread().entrySet()) {
      if (thread.getValue() > 0) {
        total += thread.getValue() - before.getOrDefault(thread.getKey(), 0L);
      }
    }
    return total;
  }
}
