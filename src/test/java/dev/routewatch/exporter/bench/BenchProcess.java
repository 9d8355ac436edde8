package dev.routewatch.exporter.bench;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A JVM the bench launched (the exporter's jar or the static server), its output in a log file, its
 * memory and CPU read from /proc as {@code ps} would.
 */
final class BenchProcess implements AutoCloseable {

  /** USER_HZ, the unit of /proc/PID/stat's times; run.sh passes {@code getconf CLK_TCK}. */
  private static final double TICKS_PER_SECOND =
      Double.parseDouble(System.getProperty("bench.clk.tck", "100"));

  private final Process process;
  private final Path log;

  private BenchProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  static BenchProcess start(List<String> command, Path log) throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().remove("OPENROUTER_API_KEY");
    return new BenchProcess(builder.start(), log);
  }

  /** The java binary running the bench, so that all JVMs are the same one. */
  static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** A port free now on 127.0.0.1, for a process to listen on in a moment. */
  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return socket.getLocalPort();
    }
  }

  /**
   * Asks {@code uri} every few milliseconds until it answers 200; refused connections and other
   * statuses mean not yet.
   *
   * @return when the 200 came, in {@link System#nanoTime()}
   */
  long awaitOk(HttpClient client, URI uri, Duration timeout)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    HttpRequest request = HttpRequest.newBuilder(uri).build();
    while (true) {
      try {
        if (client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return System.nanoTime();
        }
      } catch (ConnectException ignored) {
        // Not listening yet.
      }
      if (!process.isAlive() || System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "no 200 from "
                + uri
                + " ("
                + (process.isAlive() ? "timed out" : "exited")
                + "): "
                + this);
      }
      TimeUnit.MILLISECONDS.sleep(5);
    }
  }

  boolean alive() {
    return process.isAlive();
  }

  /** Its log file, which names it. */
  @Override
  public String toString() {
    return log.toString();
  }

  /** Resident memory, VmRSS of /proc/PID/status, in KiB. */
  long rssKiB() throws IOException {
    for (String line : Files.readAllLines(proc("status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    throw new IllegalStateException("no VmRSS in /proc/" + process.pid() + "/status");
  }

  /** CPU time used so far, user and system: utime + stime of /proc/PID/stat, in seconds. */
  double cpuSeconds() throws IOException {
    String stat = Files.readString(proc("stat"));
    // The command name (field 2) may hold spaces; fields 3 on follow its closing parenthesis.
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    long utime = Long.parseLong(fields[14 - 3]);
    long stime = Long.parseLong(fields[15 - 3]);
    return (utime + stime) / TICKS_PER_SECOND;
  }

  private Path proc(String file) {
    return Path.of("/proc", Long.toString(process.pid()), file);
  }

  /** SIGTERM, as a service manager stops it; killed if it has not exited within 10 s. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}
