package dev.routewatch.exporter.config;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What the web flags decide beyond the configuration file, as the Prometheus exporter-toolkit's
 * flags do: more addresses to serve on, and the path of the metrics.
 *
 * @param moreAddresses the addresses of {@code --web.listen-address} after the first, which takes
 *     the place of {@code web.listen_address}; each serves the same paths
 * @param telemetryPath {@code --web.telemetry-path}
 */
public record WebFlags(List<InetSocketAddress> moreAddresses, String telemetryPath) {

  public static final String DEFAULT_TELEMETRY_PATH = "/metrics";

  /** One address, metrics on /metrics. */
  public static final WebFlags DEFAULTS = new WebFlags(List.of(), DEFAULT_TELEMETRY_PATH);

  /** The other paths served; the metrics cannot take their place. */
  private static final List<String> TAKEN = List.of("/", "/-/healthy", "/-/ready", "/-/reload");

  /** Plain path characters only: the landing page links to it without escaping. */
  private static final Pattern PATH = Pattern.compile("(/[A-Za-z0-9._~-]+)+");

  public WebFlags {
    moreAddresses = List.copyOf(moreAddresses);
  }

  /** Checks {@code --web.telemetry-path}. */
  static String telemetryPath(String path) throws ConfigException {
    if (!PATH.matcher(path).matches() || TAKEN.contains(path)) {
      throw new ConfigException(
          "--web.telemetry-path: must be a path such as /metrics (letters, digits, . _ ~ - between"
              + " slashes), other than "
              + String.join(", ", TAKEN));
    }
    return path;
  }
}
