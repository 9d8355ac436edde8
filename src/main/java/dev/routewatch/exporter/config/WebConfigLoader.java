package dev.routewatch.exporter.config;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads {@code --web.config.file}, in the exporter-toolkit's format
 * (https://github.com/prometheus/exporter-toolkit/blob/master/docs/web-configuration.md), into a
 * {@link WebConfig}, or fails with one {@link ConfigException} naming the file, the key and the
 * problem, never a value: the file holds password hashes and names key files.
 */
public final class WebConfigLoader {

  /**
   * A modular crypt bcrypt hash as htpasswd ({@code $2y$}), Go ({@code $2a$}) and OpenBSD ({@code
   * $2b$}) write it: cost, 22 characters of salt and 31 of hash.
   */
  private static final Pattern BCRYPT =
      Pattern.compile("\\$2[aby]\\$(0[4-9]|[12][0-9]|3[01])\\$[./A-Za-z0-9]{53}");

  /**
   * The headers the toolkit lets a file set, with their allowed values where they are an
   * enumeration (its web/handler.go, extraHTTPHeaders): the same list keeps one file valid for
   * both.
   */
  private static final Map<String, List<String>> HEADERS =
      Map.of(
          "Strict-Transport-Security", List.of(),
          "X-Content-Type-Options", List.of("nosniff"),
          "X-Frame-Options", List.of("deny", "sameorigin"),
          "X-XSS-Protection", List.of(),
          "Content-Security-Policy", List.of());

  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]{1,64}");

  private final Path file;

  private WebConfigLoader(Path file) {
    this.file = file;
  }

  public static WebConfig load(Path file) throws ConfigException {
    return new WebConfigLoader(file).validate(ConfigLoader.read(file, WebConfigFile.class));
  }

  private WebConfig validate(WebConfigFile raw) throws ConfigException {
    if (raw.rateLimit() != null) {
      throw ConfigException.at(file, "rate_limit", "not supported by this exporter");
    }
    Optional<WebConfig.Tls> tls =
        raw.tlsServerConfig() == null
            ? Optional.empty()
            : new TlsSettings(file).validate(raw.tlsServerConfig());
    return new WebConfig(tls, users(raw.basicAuthUsers()), headers(raw.httpServerConfig()));
  }

  private Map<String, Secret> users(Map<String, String> users) throws ConfigException {
    Map<String, Secret> valid = new LinkedHashMap<>();
    if (users == null) {
      return valid;
    }
    if (users.isEmpty()) {
      // An empty list would turn authentication off without a word: a mistake, or a leftover.
      throw ConfigException.at(
          file,
          "basic_auth_users",
          "empty; list at least one user, or leave the key out for no authentication");
    }
    for (Map.Entry<String, String> user : users.entrySet()) {
      String name = user.getKey();
      // Basic credentials are "name:password": a name with a colon could never log in.
      if (name.isEmpty() || name.contains(":") || name.chars().anyMatch(Character::isISOControl)) {
        throw ConfigException.at(
            file, "basic_auth_users", "a user name is empty or has a colon or a control character");
      }
      String key = "basic_auth_users." + name;
      if (user.getValue() == null || !BCRYPT.matcher(user.getValue()).matches()) {
        throw ConfigException.at(
            file, key, "not a bcrypt hash ($2a$, $2b$ or $2y$, cost 04 to 31, 53 characters)");
      }
      valid.put(name, new Secret(user.getValue()));
    }
    return valid;
  }

  private Map<String, String> headers(WebConfigFile.HttpServerConfig section)
      throws ConfigException {
    Map<String, String> valid = new LinkedHashMap<>();
    // http2 is accepted for the toolkit's sake and has no effect: the server speaks HTTP/1.1 only.
    if (section == null || section.headers() == null) {
      return valid;
    }
    for (Map.Entry<String, String> header : section.headers().entrySet()) {
      String name = header.getKey();
      List<String> allowed = HEADERS.get(name);
      if (allowed == null) {
        throw ConfigException.at(
            file,
            "http_server_config.headers" + (TOKEN.matcher(name).matches() ? "." + name : ""),
            "cannot be set; one of "
                + String.join(", ", HEADERS.keySet().stream().sorted().toList()));
      }
      String key = "http_server_config.headers." + name;
      String value = header.getValue() == null ? "" : header.getValue();
      if (value.chars().anyMatch(Character::isISOControl)) {
        throw ConfigException.at(file, key, "has a control character");
      }
      if (value.isEmpty()) {
        continue; // "Unset if blank", as the toolkit says.
      }
      if (!allowed.isEmpty() && !allowed.contains(value)) {
        throw ConfigException.at(file, key, "must be one of " + String.join(", ", allowed));
      }
      valid.put(name, value);
    }
    return valid;
  }
}
