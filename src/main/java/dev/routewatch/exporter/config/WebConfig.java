package dev.routewatch.exporter.config;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The validated web configuration ({@code --web.config.file}): TLS, basic authentication and extra
 * response headers for every path. {@link #NONE}, without the flag, changes nothing.
 *
 * @param basicAuthUsers user name to bcrypt hash; empty means no authentication
 * @param headers response headers added to every answer
 */
public record WebConfig(
    Optional<Tls> tls, Map<String, Secret> basicAuthUsers, Map<String, String> headers) {

  public static final WebConfig NONE = new WebConfig(Optional.empty(), Map.of(), Map.of());

  public WebConfig {
    basicAuthUsers = Map.copyOf(basicAuthUsers);
    headers = Map.copyOf(headers);
  }

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
