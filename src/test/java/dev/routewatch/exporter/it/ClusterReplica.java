package dev.routewatch.exporter.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One exporter jar of a cluster on a test's PostgreSQL: its configuration and its process. */
final class ClusterReplica implements AutoCloseable {

  private static final Pattern MEMBERS = Pattern.compile("(?m)^openrouter_cluster_members (\\S+)$");
  private static final Pattern LOCAL_POLLS =
      Pattern.compile("(?m)^openrouter_cluster_local_polls_total (\\S+)$");

  private final String instanceId;
  private final Path config;
  private final List<String> flags;
  private ExporterProcess process;

  private ClusterReplica(String instanceId, Path config, List<String> flags) {
    this.instanceId = instanceId;
    this.config = config;
    this.flags = flags;
  }

  /** Writes the configuration of replica {@code instanceId} under {@code dir} and starts it. */
  static ClusterReplica start(
      Path dir,
      String instanceId,
      PostgresProcess postgres,
      String baseUrl,
      Collection<String> models,
      String interval,
      String staleAfter,
      String... flags)
      throws IOException {
    Path config =
        Scrapes.writeConfig(
            Files.createDirectories(dir.resolve(instanceId)),
            baseUrl,
            models,
            interval,
            staleAfter);
    return start(dir, instanceId, postgres, Files.readString(config), flags);
  }

  /**
   * Starts replica {@code instanceId} with {@code yaml} (a configuration without a {@code cluster:}
   * section) and the cluster section for {@code postgres}, and the exporter's {@code flags}.
   */
  static ClusterReplica start(
      Path dir, String instanceId, PostgresProcess postgres, String yaml, String... flags)
      throws IOException {
    Path home = Files.createDirectories(dir.resolve(instanceId));
    Files.writeString(home.resolve("db-password"), PostgresProcess.PASSWORD + "\n");
    Path config = home.resolve("exporter.yml");
    Files.writeString(
        config,
        yaml
            + "cluster:\n"
            + "  jdbc_url: "
            + postgres.jdbcUrl()
            + "\n  username: "
            + PostgresProcess.USER
            + "\n  password_file: db-password\n  instance_id: "
            + instanceId
            + "\n");
    ClusterReplica replica = new ClusterReplica(instanceId, config, List.of(flags));
    replica.restart();
    return replica;
  }

  /** Starts the jar (again) with the same configuration and instance id. */
  void restart() throws IOException {
    List<String> command = new ArrayList<>(flags);
    command.add("--config.file=" + config);
    process = ExporterProcess.start(Map.of(), command.toArray(String[]::new));
  }

  /** Ends the process as a crash would: SIGKILL, no shutdown hook, no goodbye to the database. */
  void kill() throws InterruptedException {
    process.process().destroyForcibly().waitFor();
  }

  String instanceId() {
    return instanceId;
  }

  int port() {
    return process.port();
  }

  String output() {
    return process.output();
  }

  String metrics() throws IOException, InterruptedException {
    return Scrapes.metrics(port());
  }

  /** {@code openrouter_cluster_members}; -1 when absent. */
  int members() throws IOException, InterruptedException {
    Matcher matcher = MEMBERS.matcher(metrics());
    return matcher.find() ? (int) Double.parseDouble(matcher.group(1)) : -1;
  }

  /** {@code openrouter_cluster_local_polls_total}; -1 when absent. */
  long localPolls() throws IOException, InterruptedException {
    Matcher matcher = LOCAL_POLLS.matcher(metrics());
    return matcher.find() ? (long) Double.parseDouble(matcher.group(1)) : -1;
  }

  @Override
  public void close() {
    if (process != null) {
      process.close();
    }
  }
}
