package dev.routewatch.exporter.config;

import com.fasterxml.jackson.annotation.JacksonInject;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The web configuration ({@code --web.config.file}): TLS, basic authentication and extra response
 * headers for every path. {@link #NONE}, without the flag, changes nothing. The file is in the
 * Prometheus exporter-toolkit's format
 * (https://github.com/prometheus/exporter-toolkit/blob/master/docs/web-configuration.md), so one
 * file serves this exporter and the Go ones; {@link ConfigLoader#loadWebConfig} binds it straight
 * into these records. Every key of that format is read, so that a key the toolkit has and this
 * exporter does not support is reported as such rather than as unknown.
 *
 * @param basicAuthUsers user name to bcrypt hash; empty means no authentication
 * @param headers response headers added to every answer
 */
public record WebConfig(
    Optional<Tls> tls, Map<String, Secret> basicAuthUsers, Map<String, String> headers) {

  public static final WebConfig NONE = new WebConfig(Optional.empty(), Map.of(), Map.of());

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

  /**
   * For a value that is no hash at all, most likely the password itself: how to make the hash, with
   * placeholders, since the message never repeats the value.
   */
  private static final String HASH_HOWTO =
      " but, it seems, a password in plain text; make its hash with"
          + " htpasswd -nbBC 10 USER 'PASSWORD' (the part after \"USER:\"), or with"
          + " python3 -c 'import bcrypt; print(bcrypt.hashpw(b\"PASSWORD\","
          + " bcrypt.gensalt(10)).decode())'";

  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]{1,64}");

  public WebConfig {
    basicAuthUsers = Map.copyOf(basicAuthUsers);
    headers = Map.copyOf(headers);
  }

  /**
   * The file's top level.
   *
   * @param file the web configuration file, whose directory relative TLS file paths start from
   */
  @JsonCreator
  static WebConfig fromFile(
      @JacksonInject(SecretFile.CONFIG_FILE) Path file,
      @JsonProperty("tls_server_config") TlsServerConfig tlsServerConfig,
      @JsonProperty("http_server_config") HttpServerConfig httpServerConfig,
      @JsonProperty("basic_auth_users") Map<String, String> basicAuthUsers,
      @JsonProperty("rate_limit") JsonNode rateLimit) {
    if (rateLimit != null) {
      throw new InvalidValueException("rate_limit", "not supported by this exporter");
    }
    Optional<Tls> tls =
        tlsServerConfig == null
            ? Optional.empty()
            : new TlsSettings(file).validate(tlsServerConfig);
    return new WebConfig(tls, users(basicAuthUsers), headers(httpServerConfig));
  }

  private static Map<String, Secret> users(Map<String, String> users) {
    Map<String, Secret> valid = new LinkedHashMap<>();
    if (users == null) {
      return valid;
    }
    if (users.isEmpty()) {
      // An empty list would turn authentication off without a word: a mistake, or a leftover.
      throw new InvalidValueException(
          "basic_auth_users",
          "empty; list at least one user, or leave the key out for no authentication");
    }
    for (Map.Entry<String, String> user : users.entrySet()) {
      String name = user.getKey();
      // Basic credentials are "name:password": a name with a colon could never log in.
      if (name.isEmpty() || name.contains(":") || name.chars().anyMatch(Character::isISOControl)) {
        throw new InvalidValueException(
            "basic_auth_users", "a user name is empty or has a colon or a control character");
      }
      if (user.getValue() == null || !BCRYPT.matcher(user.getValue()).matches()) {
        throw new InvalidValueException(
            "basic_auth_users." + name,
            "not a bcrypt hash ($2a$, $2b$ or $2y$, cost 04 to 31, 53 characters)"
                + (user.getValue() == null || user.getValue().startsWith("$") ? "" : HASH_HOWTO));
      }
      valid.put(name, new Secret(user.getValue()));
    }
    return valid;
  }

  private static Map<String, String> headers(HttpServerConfig section) {
    Map<String, String> valid = new LinkedHashMap<>();
    // http2 is accepted for the toolkit's sake and has no effect: the server speaks HTTP/1.1 only.
    if (section == null || section.headers() == null) {
      return valid;
    }
    for (Map.Entry<String, String> header : section.headers().entrySet()) {
      String name = header.getKey();
      List<String> allowed = HEADERS.get(name);
      if (allowed == null) {
        throw new InvalidValueException(
            "http_server_config.headers" + (TOKEN.matcher(name).matches() ? "." + name : ""),
            "cannot be set; one of "
                + String.join(", ", HEADERS.keySet().stream().sorted().toList()));
      }
      String key = "http_server_config.headers." + name;
      String value = header.getValue() == null ? "" : header.getValue();
      if (value.chars().anyMatch(Character::isISOControl)) {
        throw new InvalidValueException(key, "has a control character");
      }
      if (value.isEmpty()) {
        continue; // "Unset if blank", as the toolkit says.
      }
      if (!allowed.isEmpty() && !allowed.contains(value)) {
        throw new InvalidValueException(key, "must be one of " + String.join(", ", allowed));
      }
      valid.put(name, value);
    }
    return valid;
  }

  /** {@code tls_server_config} as written; {@link TlsSettings} checks it and reads its files. */
  record TlsServerConfig(
      String cert,
      String key,
      String clientCa,
      String certFile,
      String keyFile,
      String clientAuthType,
      String clientCaFile,
      List<String> clientAllowedSans,
      String minVersion,
      String maxVersion,
      List<String> cipherSuites,
      Boolean preferServerCipherSuites,
      JsonNode curvePreferences) {}

  /** {@code http_server_config} as written. */
  record HttpServerConfig(Boolean http2, Map<String, String> headers) {}

  /**
   * {@code tls_server_config}, with its files read and checked.
   *
   * @param chain the server certificate first, then any intermediates
   * @param protocols the JDK names of the TLS versions from min_version to max_version
   * @param clientCas the CAs that verify client certificates; empty unless clientAuth verifies
   * @param clientAllowedSans when not empty, a client certificate must carry one of these SANs
   * @param cipherSuites TLS 1.2 and older cipher suites in order; empty for the JDK's defaults
   */
  public record Tls(
      PrivateKey key,
      List<X509Certificate> chain,
      List<String> protocols,
      ClientAuth clientAuth,
      List<X509Certificate> clientCas,
      List<String> clientAllowedSans,
      List<String> cipherSuites,
      boolean preferServerCipherSuites) {

    public Tls {
      chain = List.copyOf(chain);
      protocols = List.copyOf(protocols);
      clientCas = List.copyOf(clientCas);
      clientAllowedSans = List.copyOf(clientAllowedSans);
      cipherSuites = List.copyOf(cipherSuites);
    }

    /** Not the record's own: that would print the private key object. */
    @Override
    public String toString() {
      return "Tls[protocols=" + protocols + ", clientAuth=" + clientAuth + ", key=[REDACTED]]";
    }
  }

  /**
   * {@code client_auth_type}, named as Go's crypto/tls names them
   * (https://pkg.go.dev/crypto/tls#ClientAuthType).
   */
  public enum ClientAuth {
    NO_CLIENT_CERT("NoClientCert", false, false, false),
    REQUEST_CLIENT_CERT("RequestClientCert", true, false, false),
    REQUIRE_ANY_CLIENT_CERT("RequireAnyClientCert", false, true, false),
    VERIFY_CLIENT_CERT_IF_GIVEN("VerifyClientCertIfGiven", true, false, true),
    REQUIRE_AND_VERIFY_CLIENT_CERT("RequireAndVerifyClientCert", false, true, true);

    private final String configName;
    private final boolean want;
    private final boolean need;
    private final boolean verify;

    ClientAuth(String configName, boolean want, boolean need, boolean verify) {
      this.configName = configName;
      this.want = want;
      this.need = need;
      this.verify = verify;
    }

    public String configName() {
      return configName;
    }

    /** The server asks for a certificate, and a client may send none. */
    public boolean want() {
      return want;
    }

    /** The server asks for a certificate, and refuses a client that sends none. */
    public boolean need() {
      return need;
    }

    /** A certificate that is sent must chain to client_ca_file. */
    public boolean verify() {
      return verify;
    }

    static Optional<ClientAuth> named(String name) {
      if (name.equals("RequireClientCert")) {
        return Optional.of(REQUIRE_ANY_CLIENT_CERT); // the toolkit's old name
      }
      for (ClientAuth type : values()) {
        if (type.configName.equals(name)) {
          return Optional.of(type);
        }
      }
      return Optional.empty();
    }
  }
}
