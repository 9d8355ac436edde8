package dev.routewatch.exporter.config;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * The flags (docs/configuration.md, "Command line"), in the Prometheus exporters' style: {@code
 * --flag=value} or {@code --flag value}. Parsed before anything logs, so that {@code --log.level}
 * is set first.
 *
 * @param listenAddress {@code --web.listen-address} as given; checked when {@link #applyTo} uses it
 * @param logLevel {@code --log.level}: debug, info, warn or error
 * @param enableLifecycle {@code --web.enable-lifecycle}: serve {@code POST /-/reload}
 * @param webConfigFile {@code --web.config.file}: TLS and basic authentication, in the Prometheus
 *     exporter-toolkit's format
 */
public record CommandLine(
    Path configFile,
    Optional<String> listenAddress,
    boolean check,
    boolean version,
    boolean help,
    String logLevel,
    boolean enableLifecycle,
    Optional<Path> webConfigFile) {

  private static final Path DEFAULT_CONFIG_FILE = Path.of("config/openrouter-exporter.yml");
  private static final List<String> LOG_LEVELS = List.of("debug", "info", "warn", "error");

  public static CommandLine parse(String[] args) throws ConfigException {
    Path configFile = DEFAULT_CONFIG_FILE;
    Optional<String> listenAddress = Optional.empty();
    boolean check = false;
    boolean version = false;
    boolean help = false;
    String logLevel = "info";
    boolean enableLifecycle = false;
    Optional<Path> webConfigFile = Optional.empty();
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
        case "--web.listen-address" -> listenAddress = Optional.of(value(flag, inline, remaining));
        case "--log.level" -> logLevel = logLevel(value(flag, inline, remaining));
        case "--config.check" -> check = noValue(flag, inline);
        case "--version" -> version = noValue(flag, inline);
        case "--web.enable-lifecycle" -> enableLifecycle = noValue(flag, inline);
        case "--web.config.file" ->
            webConfigFile = Optional.of(Path.of(value(flag, inline, remaining)));
        case "--help", "-h" -> help = noValue(flag, inline);
        default -> throw new ConfigException(flag + ": unknown flag");
      }
    }
    return new CommandLine(
        configFile, listenAddress, check, version, help, logLevel, enableLifecycle, webConfigFile);
  }

  /**
   * The web configuration of {@code --web.config.file}; without the flag, {@link WebConfig#NONE}.
   */
  public WebConfig webConfig() throws ConfigException {
    return webConfigFile.isEmpty()
        ? WebConfig.NONE
        : ConfigLoader.loadWebConfig(webConfigFile.get());
  }

  /** {@code config} with the flags that override the file applied. */
  public ExporterConfig applyTo(ExporterConfig config) throws ConfigException {
    if (listenAddress.isEmpty()) {
      return config;
    }
    try {
      return config.withListenAddress(ListenAddress.parse(listenAddress.get()));
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
              --web.listen-address=[HOST]:PORT
                                     Address to serve /metrics on; overrides web.listen_address of
                                     the configuration file (default ":9877").
              --web.enable-lifecycle Enable reloading the configuration with POST /-/reload
                                     (SIGHUP always reloads).
              --web.config.file=""   Path to a web configuration file that enables TLS and
                                     basic authentication (Prometheus exporter-toolkit format).
              --log.level=info       Only log messages with the given severity or above. One of:
                                     [debug, info, warn, error]
              --version              Show the version and exit.
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

  private static String logLevel(String level) throws ConfigException {
    if (!LOG_LEVELS.contains(level)) {
      throw new ConfigException("--log.level: must be one of " + String.join(", ", LOG_LEVELS));
    }
    return level;
  }
}
