package dev.routewatch.exporter.it;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real PostgreSQL (Debian's package) on a free loopback port, with its data, socket and log in a
 * temporary folder of its own. It has one user, {@link #USER}, with {@link #PASSWORD}, so that the
 * exporter logs in as it would in production. As root (CI), the server runs as the {@code postgres}
 * user: initdb refuses to run as root. Closing it stops the server and removes the folder.
 */
final class PostgresProcess implements AutoCloseable {

  static final String USER = "exporter";
  static final String PASSWORD = "pg-it-secret-9c1f4e";

  private static final boolean ROOT = "root".equals(System.getProperty("user.name"));

  private final Path bin;
  private final Path dir;
  private final int port;

  private PostgresProcess(Path bin, Path dir, int port) {
    this.bin = bin;
    this.dir = dir;
    this.port = port;
  }

  /** Whether the server binaries are installed; CI installs them, so there their absence fails. */
  static boolean installed() {
    if (binaries() != null) {
      return true;
    }
    if (System.getenv("CI") != null) {
      throw new AssertionError("PostgreSQL is missing; .ci/run installs Debian's postgresql");
    }
    return false;
  }

  /** The newest /usr/lib/postgresql/VERSION/bin with initdb and pg_ctl; null if none. */
  private static Path binaries() {
    Path root = Path.of("/usr/lib/postgresql");
    if (!Files.isDirectory(root)) {
      return null;
    }
    List<Path> found = new ArrayList<>();
    try (DirectoryStream<Path> versions = Files.newDirectoryStream(root)) {
      for (Path version : versions) {
        Path bin = version.resolve("bin");
        if (Files.isExecutable(bin.resolve("initdb"))
            && Files.isExecutable(bin.resolve("pg_ctl"))) {
          found.add(bin);
        }
      }
    } catch (IOException e) {
      return null;
    }
    return found.stream()
        .max(
            Comparator.comparingInt(
                bin ->
                    Integer.parseInt(
                        bin.getParent().getFileName().toString().replaceAll("\\D", "0"))))
        .orElse(null);
  }

  /** Creates a database cluster in a new temporary folder and starts the server on it. */
  static PostgresProcess start() throws Exception {
    Path dir = Files.createTempDirectory("it-postgres");
    PostgresProcess postgres = new PostgresProcess(binaries(), dir, freePort());
    try {
      Files.writeString(dir.resolve("password"), PASSWORD + "\n", StandardCharsets.UTF_8);
      if (ROOT) {
        postgres.run(List.of("chown", "-R", "postgres:postgres", dir.toString()), false);
      }
      postgres.run(
          List.of(
              postgres.bin.resolve("initdb").toString(),
              "--pgdata=" + dir.resolve("data"),
              "--username=" + USER,
              "--pwfile=" + dir.resolve("password"),
              "--auth=scram-sha-256",
              "--encoding=UTF8",
              "--no-sync"),
          true);
      postgres.startServer();
    } catch (Exception | AssertionError e) {
      postgres.close();
      throw e;
    }
    return postgres;
  }

  /** Starts the server (again, after {@link #stopServer}) on the same port and data. */
  void startServer() throws Exception {
    run(
        List.of(
            bin.resolve("pg_ctl").toString(),
            "--pgdata=" + dir.resolve("data"),
            "--log=" + dir.resolve("server.log"),
            "--wait",
            "--timeout=60",
            "-o",
            "-p "
                + port
                + " -k "
                + dir
                + " -c listen_addresses=127.0.0.1 -c fsync=off"
                + " -c max_connections=200",
            "start"),
        true);
  }

  /** Stops the server at once (fast shutdown: sessions are ended), keeping its data. */
  void stopServer() throws Exception {
    run(
        List.of(
            bin.resolve("pg_ctl").toString(),
            "--pgdata=" + dir.resolve("data"),
            "--mode=fast",
            "--wait",
            "stop"),
        true);
  }

  String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
  }

  /** A connection as {@link #USER}, for a test to look into the tables. */
  Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbcUrl(), USER, PASSWORD);
  }

  /** The first column of the first row {@code sql} selects with {@code parameters}, if any. */
  Optional<Object> firstValue(String sql, Object... parameters) throws SQLException {
    try (Connection connection = connect();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next() ? Optional.ofNullable(rows.getObject(1)) : Optional.empty();
      }
    }
  }

  /** The server's log, for failure messages. */
  String log() {
    try {
      return Files.readString(dir.resolve("server.log"));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  private void run(List<String> command, boolean asPostgres) throws Exception {
    List<String> full = new ArrayList<>();
    if (asPostgres && ROOT) {
      full.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    full.addAll(command);
    Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(90, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(String.join(" ", full) + " hung");
    }
    if (process.exitValue() != 0) {
      throw new AssertionError(String.join(" ", full) + " failed: " + output + "\n" + log());
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() {
    try {
      if (Files.exists(dir.resolve("data/postmaster.pid"))) {
        stopServer();
      }
    } catch (Exception | AssertionError e) {
      // Still remove the folder; a server left running would hold a port only.
    }
    try (var paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // A leftover temporary folder is harmless.
    }
  }
}
