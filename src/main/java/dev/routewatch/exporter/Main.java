package dev.routewatch.exporter;

import dev.routewatch.exporter.config.CommandLine;
import dev.routewatch.exporter.config.ConfigException;
import dev.routewatch.exporter.config.ConfigLoader;
import dev.routewatch.exporter.config.ConfigSummary;
import dev.routewatch.exporter.config.ExporterConfig;
import dev.routewatch.exporter.config.WebConfig;
import dev.routewatch.exporter.config.WebFlags;
import dev.routewatch.exporter.log.Logging;
import dev.routewatch.exporter.metrics.BuildInfo;
import dev.routewatch.exporter.metrics.SeriesEstimate;
import dev.routewatch.exporter.metrics.SeriesSelection;
import dev.routewatch.exporter.poll.StartupException;
import dev.routewatch.exporter.snapshot.TimeSource;
import java.io.PrintStream;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;
import sun.misc.Signal;

/**
 * Parses flags, loads the configuration, starts the {@link Exporter} and stops it on SIGTERM or
 * SIGINT. Exit code 2 for an invalid command line or configuration. No logger field: logging is
 * configured from {@code --log.level} and {@code --log.format} before the first logger exists.
 */
public final class Main {

  static final int INVALID = 2;

  private Main() {}

  public static void main(String[] args) throws InterruptedException {
    int exitCode = run(args, System.getenv(), System.out, System.err);
    if (exitCode >= 0) {
      System.exit(exitCode);
    }
    // Running: this thread waits for the stop handler's System.exit, so that the process cannot
    // end on its own while the handler, a daemon thread, is still stopping the exporter.
    Thread.currentThread().join();
  }

  /** Returns an exit code, or -1 when the exporter was started and keeps running. */
  static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    BuildInfo build = BuildInfo.load();
    CommandLine flags;
    try {
      flags = CommandLine.parse(args);
    } catch (ConfigException e) {
      err.println(e.getMessage());
      err.println("See --help.");
      return INVALID;
    }
    if (flags.help()) {
      out.print(CommandLine.usage());
      return 0;
    }
    if (flags.version()) {
      out.printf(
          "openrouter-exporter, version %s (revision %s)%n  java: %s%n",
          build.version(), build.revision(), build.javaVersion());
      return 0;
    }
    Logging.apply(flags.logLevel(), flags.logFormat());
    // java.util.logging (client_java) into the same log, at our level.
    SLF4JBridgeHandler.removeHandlersForRootLogger();
    SLF4JBridgeHandler.install();

    ExporterConfig config;
    WebConfig web;
    WebFlags webFlags;
    try {
      config = load(flags, env);
      web = flags.webConfig();
      webFlags = flags.webFlags();
    } catch (ConfigException e) {
      err.println(e.getMessage());
      return INVALID;
    }
    if (flags.check()) {
      out.print(ConfigSummary.of(flags.configFile(), config, env));
      out.print(SeriesEstimate.summary(config.metrics()));
      flags.webConfigFile().ifPresent(file -> out.print(ConfigSummary.of(file, web)));
      return !flags.checkUpstream() || upstreamPasses(config, build, out, err) ? 0 : INVALID;
    }

    // As Prometheus does: SIGHUP reloads the configuration; SIGTERM and SIGINT stop cleanly,
    // with exit code 0 (the JVM's own handling would end with 143 or 130). Handled from before
    // the start, so that no signal after "Listening on" meets the JVM's handling: a stop waits
    // for the start to end, a reload during the start is dropped (the files are being read).
    CompletableFuture<Exporter> started = new CompletableFuture<>();
    Signal.handle(
        new Signal("HUP"),
        signal -> {
          Exporter running = started.getNow(null);
          if (running != null) {
            running.requestReload();
          }
        });
    for (String stop : new String[] {"TERM", "INT"}) {
      Signal.handle(
          new Signal(stop),
          signal -> {
            try {
              started.join();
            } catch (CancellationException startFailed) {
              return; // run() reports why and main() exits with its code
            }
            System.exit(0); // the shutdown hook closes the exporter
          });
    }
    try {
      Exporter exporter =
          new Exporter(
              config,
              () -> load(flags, env),
              flags.enableLifecycle(),
              web,
              webFlags,
              build,
              TimeSource.SYSTEM);
      // Closed in a shutdown hook, which the JVM waits for: signal handlers run on daemon threads,
      // and the JVM would end by itself, midway through close(), once it had stopped the last
      // other thread.
      Runtime.getRuntime().addShutdownHook(new Thread(exporter::close, "shutdown"));
      started.complete(exporter);
    } catch (StartupException e) {
      String at = e.key().map(key -> setting(flags, key) + ": ").orElse("");
      if (e.invalidSetting()) {
        err.println(at + e.getMessage());
        return INVALID;
      }
      LoggerFactory.getLogger(Main.class).error("Could not start: {}{}", at, e.getMessage());
      return 1;
    } finally {
      started.cancel(false); // does nothing once started
    }
    return -1;
  }

  private static boolean upstreamPasses(
      ExporterConfig config, BuildInfo build, PrintStream out, PrintStream err) {
    try {
      return CatalogCheck.passes(config, build.userAgent(), out, err);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("interrupted while reading the model catalog");
      return false;
    }
  }

  /**
   * The configuration file with the flags applied, its {@code metrics.exclude} checked against the
   * families, which the configuration package does not know.
   */
  private static ExporterConfig load(CommandLine flags, Map<String, String> env)
      throws ConfigException {
    ExporterConfig config = flags.applyTo(ConfigLoader.load(flags.configFile(), env));
    Optional<String> problem = SeriesSelection.problem(config.metrics());
    if (problem.isPresent()) {
      throw new ConfigException(flags.configFile() + ": " + problem.get());
    }
    return config;
  }

  /**
   * Where the setting at {@code key} was given: its flag, the file and the key, or, when neither
   * sets it, the key's default.
   */
  private static String setting(CommandLine flags, String key) {
    if (key.equals("web.listen_address") && !flags.listenAddresses().isEmpty()) {
      return "--web.listen-address";
    }
    return ConfigLoader.sets(flags.configFile(), key)
        ? flags.configFile() + ": " + key
        : key + " (the default; not set in " + flags.configFile() + ")";
  }
}
