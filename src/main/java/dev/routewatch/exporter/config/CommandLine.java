package dev.routewatch.exporter.config;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * The flags (docs/configuration.md, "Command line"), in the Prometheus exporters' style: {@code
 * --flag=value} or {@code --flag value}. Parsed before anything logs, so that {@code --log.level}
 * is set first.
 *
 * @param listenAddresses {@code --web.listen-address}, each as given, in order; checked when {@link
 *     #applyTo} uses them
 * @param logLevel {@code --log.level}: debug, info, warn or error
 * @param enableLifecycle {@code --web.enable-lifecycle}: serve {@code POST /-/reload}
 * @param webConfigFile {@code --web.config.file}: TLS and basic authentication, in the Prometheus
 *     exporter-toolkit's format
 * @param telemetryPath {@code --web.telemetry-path}
 * @param logFormat {@code --log.format}: logfmt or json
 * @param checkUpstream {@code --config.check.upstream}: with {@code --config.check}, also ask the
 *     upstream's catalog whether each configured model id exists
 */
public record CommandLine(
    Path configFile,
    List<String> listenAddresses,
    boolean check,
    boolean version,
    boolean help,
    String logLevel,
    boolean enableLifecycle,
    Optional<Path> webConfigFile,
    String telemetryPath,
    String logFormat,
    boolean checkUpstream) {

  private static final Path DEFAULT_CONFIG_FILE = Path.of("config/openrouter-exporter.yml");
  private static final List<String> LOG_LEVELS = List.of("debug", "info", "warn", "error");
  private static final List<String> LOG_FORMATS = List.of("logfmt", "json");

  public static CommandLine parse(String[] args) throws ConfigException {
    Path configFile = DEFAULT_CONFIG_FILE;
    List<String> listenAddresses = new ArrayList<>();
    boolean check = false;
    boolean version = false;
    boolean help = false;
    String logLevel = "info";
    boolean enableLifecycle = false;
    Optional<Path> webConfigFile = Optional.empty();
    String telemetryPath = WebFlags.DEFAULT_TELEMETRY_PATH;
    String logFormat = LOG_FORMATS.get(0);
    boolean checkUpstream = false;
    Deque<String> remaining = new ArrayDeque<>(Arrays.asList(args));
    while (!remaining.isEmpty()) {
      String arg = remaining.pop();
      if (!arg.startsWith("-")) {
        throw new ConfigException("unexpected argument; flags start with --");
      }
      int equals = arg.indexOf('=');
      String flag = equals < 0 ? arg : arg.substring(0, equals);
      String inline = equals < 0 ? null : arg.substring(equals + 1);
      switch (flag) {
        case "--config.file" -> configFile = Path.of(value(flag, inline, remaining));
        case "--web.listen-address" -> listenAddresses.add(value(flag, inline, remaining));
        case "--web.telemetry-path" ->
            telemetryPath = WebFlags.telemetryPath(value(flag, inline, remaining));
        case "--log.level" -> logLevel = oneOf(flag, LOG_LEVELS, value(flag, inline, remaining));
        case "--log.format" -> logFormat = oneOf(flag, LOG_FORMATS, value(flag, inline, remaining));
        case "--config.check" -> check = noValue(flag, inline);
        case "--config.check.upstream" -> checkUpstream = noValue(flag, inline);
        case "--version" -> version = noValue(flag, inline);
        case "--web.enable-lifecycle" -> enableLifecycle = noValue(flag, inline);
        case "--web.config.file" ->
            webConfigFile = Optional.of(Path.of(value(flag, inline, remaining)));
        case "--help", "-h" -> help = noValue(flag, inline);
        default -> throw new ConfigException(flag + ": unknown flag");
      }
    }
    if (checkUpstream && !check) {
      throw new ConfigException("--config.check.upstream: only with --config.check");
    }
    return new CommandLine(
        configFile,
        List.copyOf(listenAddresses),
        check,
        version,
        help,
        logLevel,
        enableLifecycle,
        webConfigFile,
        telemetryPath,
        logFormat,
        checkUpstream);
  }

  /**
   * The web configuration of {@code --web.config.file}; without the flag, {@link WebConfig#NONE}.
   */
  public WebConfig webConfig() throws ConfigException {
    return webConfigFile.isEmpty()
        ? WebConfig.NONE
        : ConfigLoader.loadWebConfig(webConfigFile.get());
  }

  /**
   * {@code config} with the flags that override the file applied: the first {@code
   * --web.listen-address} in place of {@code web.listen_address}.
   */
  public ExporterConfig applyTo(ExporterConfig config) throws ConfigException {
    return listenAddresses.isEmpty()
        ? config
        : config.withListenAddress(address(listenAddresses.get(0)));
  }

  /** The web flags beyond the file: every {@code --web.listen-address} after the first. */
  public WebFlags webFlags() throws ConfigException {
    List<InetSocketAddress> more = new ArrayList<>();
    for (String address :
        listenAddresses.subList(Math.min(1, listenAddresses.size()), listenAddresses.size())) {
      more.add(address(address));
    }
    return new WebFlags(more, telemetryPath);
  }

  private static InetSocketAddress address(String text) throws ConfigException {
    try {
      return ListenAddress.parse(text);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("--web.listen-address: " + e.getMessage());
    }
  }

  /** The {@code --help} text, laid out like kingpin's in the Prometheus exporters. */
  public static String usage() {
    return """
        usage: openrouter-exporter [<flags>]

        Prometheus exporter for the uptime, latency, throughput and prices of the endpoints
        that serve OpenRouter models.

        Flags:
          -h, --help                 Show this help and exit.
              --config.file="config/openrouter-exporter.yml"
                                     Configuration file (YAML).
              --config.check         Validate the configuration file, print a summary and exit
                                     (0 if valid, 2 if not).
              --config.check.upstream
                                     With --config.check, also read the upstream's model
                                     catalog and name each configured model id it lacks, with
                                     the nearest id it has (2 if one is missing or the
                                     catalog cannot be read).
              --web.listen-address=[HOST]:PORT ...
                                     Addresses to serve on, each the same paths; repeat the flag
                                     for more than one. Overrides web.listen_address of the
                                     configuration file (default ":9877").
              --web.telemetry-path="/metrics"
                                     Path under which to expose metrics.
              --web.enable-lifecycle Enable reloading the configuration with POST /-/reload
                                     (SIGHUP always reloads).
              --web.config.file=""   Path to a web configuration file that enables TLS and
                                     basic authentication (Prometheus exporter-toolkit format).
              --log.level=info       Only log messages with the given severity or above. One of:
                                     [debug, info, warn, error]
              --log.format=logfmt    Output format of log messages. One of: [logfmt, json]
              --version              Show the version and exit.

        Exit codes: 0 when done or stopped by SIGTERM or SIGINT; 2 for an invalid command line
        or configuration, or a failed --config.check; 1 when start-up fails otherwise.
        """;
  }

  /** A value flag's value, from {@code --flag=value} or else the next argument. */
  private static String value(String flag, String inline, Deque<String> remaining)
      throws ConfigException {
    String value = inline != null ? inline : remaining.poll();
    if (value == null || value.isEmpty()) {
      throw new ConfigException(flag + ": missing value");
    }
    return value;
  }

  private static boolean noValue(String flag, String inline) throws ConfigException {
    if (inline != null) {
      throw new ConfigException(flag + ": takes no value");
    }
    return true;
  }

  private static String oneOf(String flag, List<String> values, String value)
      throws ConfigException {
    if (!values.contains(value)) {
      throw new ConfigException(flag + ": must be one of " + String.join(", ", values));
    }
    return value;
  }
}
