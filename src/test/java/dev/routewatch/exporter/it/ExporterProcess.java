package dev.routewatch.exporter.it;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.core.ConditionTimeoutException;

/** The packaged jar, run as a user runs it: {@code java -jar target/openrouter-exporter.jar}. */
final class ExporterProcess implements AutoCloseable {

  private static final Pattern LISTENING = Pattern.compile("Listening on [^ ]*:(\\d+);");

  private final Process process;
  private final List<String> output = new ArrayList<>();
  private final Thread reader;

  private ExporterProcess(Process process) {
    this.process = process;
    this.reader = new Thread(this::readOutput, "exporter-output");
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts the jar and waits until it listens. */
  static ExporterProcess start(Map<String, String> env, String... flags) throws IOException {
    return start(List.of(), env, flags);
  }

  /** Starts the jar with JVM options (e.g. {@code -Xmx128m}) and waits until it listens. */
  static ExporterProcess start(List<String> jvmOptions, Map<String, String> env, String... flags)
      throws IOException {
    ExporterProcess exporter = new ExporterProcess(builder(jvmOptions, env, flags).start());
    try {
      exporter.awaitPort(Duration.ofSeconds(30));
    } catch (AssertionError e) {
      // The caller never gets the process to close: left running, it would poll on for good.
      exporter.close();
      throw e;
    }
    return exporter;
  }

  /** Runs the jar to its end (for flags that exit) and returns its exit code and output. */
  static Result run(Map<String, String> env, String... flags)
      throws IOException, InterruptedException {
    return run(List.of(), env, flags);
  }

  /** Runs the jar with JVM options to its end and returns its exit code and output. */
  static Result run(List<String> jvmOptions, Map<String, String> env, String... flags)
      throws IOException, InterruptedException {
    ExporterProcess exporter = new ExporterProcess(builder(jvmOptions, env, flags).start());
    if (!exporter.process.waitFor(30, TimeUnit.SECONDS)) {
      exporter.close();
      throw new AssertionError("the exporter did not exit: " + exporter.output());
    }
    return new Result(exporter.process.exitValue(), exporter.finalOutput());
  }

  record Result(int exitCode, String output) {}

  /**
   * Starts a whole command line (a java binary, JVM flags, -jar, the jar, exporter flags), as a
   * container image would, and waits until it listens.
   */
  static ExporterProcess startCommand(List<String> command) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().remove("OPENROUTER_API_KEY");
    builder.environment().remove("OPENROUTER_MANAGEMENT_KEY");
    ExporterProcess exporter = new ExporterProcess(builder.start());
    exporter.awaitPort(Duration.ofSeconds(30));
    return exporter;
  }

  /** The packaged jar under test. */
  static Path jar() {
    Path jar = Path.of(System.getProperty("exporter.jar", "target/openrouter-exporter.jar"));
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("build the jar first (./mvnw package): " + jar);
    }
    return jar;
  }

  /** The java binary running the tests. */
  static Path java() {
    return Path.of(System.getProperty("java.home"), "bin", "java");
  }

  private static ProcessBuilder builder(
      List<String> jvmOptions, Map<String, String> env, String... flags) {
    List<String> command = new ArrayList<>();
    command.add(java().toString());
    command.addAll(jvmOptions);
    command.add("-jar");
    command.add(jar().toString());
    command.addAll(List.of(flags));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().remove("OPENROUTER_API_KEY");
    builder.environment().remove("OPENROUTER_MANAGEMENT_KEY");
    builder.environment().putAll(env);
    return builder;
  }

  private void readOutput() {
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        synchronized (output) {
          output.add(line);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private volatile int port = -1;

  private void awaitPort(Duration timeout) {
    try {
      await()
          .atMost(timeout)
          .pollInterval(Duration.ofMillis(20))
          .until(() -> listening() || !process.isAlive());
    } catch (ConditionTimeoutException e) {
      // Falls through to the message with the log.
    }
    if (!listening()) {
      throw new AssertionError("the exporter did not start listening: " + output());
    }
  }

  private boolean listening() {
    synchronized (output) {
      for (String line : output) {
        Matcher matcher = LISTENING.matcher(line);
        if (matcher.find()) {
          port = Integer.parseInt(matcher.group(1));
          return true;
        }
      }
    }
    return false;
  }

  int port() {
    return port;
  }

  Process process() {
    return process;
  }

  /** The whole output of a process that has exited. */
  String finalOutput() throws InterruptedException {
    reader.join(5_000);
    return output();
  }

  String output() {
    synchronized (output) {
      return String.join("\n", output);
    }
  }

  /** Kills a process still running; an exited one keeps its output (destroy closes streams). */
  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
    }
  }
}
