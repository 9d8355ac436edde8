package dev.routewatch.exporter.config;

import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

/**
 * Checks {@code tls_server_config} of the web configuration and reads the files it names (relative
 * to the web configuration file, as the toolkit does). Everything that could make a handshake fail
 * for every client fails here instead, at start: a missing file, a bad PEM, a key that does not
 * belong to the certificate, a client CA that nothing would use.
 */
final class TlsSettings {

  private static final String SECTION = "tls_server_config.";

  /** The toolkit's version names to the JDK's, in order. */
  private static final Map<String, String> VERSIONS =
      Map.of("TLS10", "TLSv1", "TLS11", "TLSv1.1", "TLS12", "TLSv1.2", "TLS13", "TLSv1.3");

  private static final List<String> VERSION_ORDER = List.of("TLS10", "TLS11", "TLS12", "TLS13");

  private final Path file;

  TlsSettings(Path file) {
    this.file = file;
  }

  Optional<WebConfig.Tls> validate(WebConfig.TlsServerConfig tls) {
    if (tls.curvePreferences() != null) {
      throw new InvalidValueException(
          SECTION + "curve_preferences",
          "not supported by this exporter (Java 17 cannot set curves per server)");
    }
    boolean enabled =
        Stream.of(
                tls.cert(),
                tls.key(),
                tls.certFile(),
                tls.keyFile(),
                tls.clientCa(),
                tls.clientCaFile(),
                tls.clientAuthType())
            .anyMatch(TlsSettings::isSet);
    if (!enabled) {
      boolean anything =
          Stream.of(
                  tls.minVersion(),
                  tls.maxVersion(),
                  tls.clientAllowedSans(),
                  tls.cipherSuites(),
                  tls.preferServerCipherSuites())
              .anyMatch(Objects::nonNull);
      if (anything) {
        throw new InvalidValueException(SECTION + "cert_file", "required when TLS is configured");
      }
      return Optional.empty();
    }
    PemText certText = pem(tls.cert(), tls.certFile(), "cert", "cert_file");
    List<X509Certificate> chain = certificates(certText);
    PemText keyText = pem(tls.key(), tls.keyFile(), "key", "key_file");
    PrivateKey key = privateKey(keyText);
    if (!belongTogether(key, chain.get(0).getPublicKey())) {
      throw new InvalidValueException(
          SECTION + keyText.key(), "does not belong to the first certificate of " + certText.key());
    }
    WebConfig.ClientAuth clientAuth = clientAuth(tls.clientAuthType());
    List<X509Certificate> clientCas = clientCas(tls, clientAuth);
    if (tls.clientAllowedSans() != null && !clientAuth.need()) {
      throw new InvalidValueException(
          SECTION + "client_allowed_sans",
          "needs client_auth_type RequireAnyClientCert or RequireAndVerifyClientCert");
    }
    return Optional.of(
        new WebConfig.Tls(
            key,
            chain,
            protocols(tls.minVersion(), tls.maxVersion()),
            clientAuth,
            clientCas,
            Objects.requireNonNullElse(tls.clientAllowedSans(), List.of()),
            cipherSuites(tls.cipherSuites()),
            Objects.requireNonNullElse(tls.preferServerCipherSuites(), true)));
  }

  private static boolean isSet(String value) {
    return value != null && !value.isEmpty();
  }

  /** PEM text and the key it was given under (the inline key or the file key). */
  private record PemText(String text, String key) {}

  /** The PEM text inline under {@code inlineKey} or in the file under {@code fileKey}: one. */
  private PemText pem(String inline, String fileName, String inlineKey, String fileKey) {
    if (isSet(inline) && isSet(fileName)) {
      throw new InvalidValueException(
          SECTION + inlineKey, "set " + inlineKey + " or " + fileKey + ", not both");
    }
    if (isSet(inline)) {
      return new PemText(inline, inlineKey);
    }
    if (!isSet(fileName)) {
      throw new InvalidValueException(SECTION + fileKey, "required when TLS is configured");
    }
    String key = SECTION + fileKey;
    Path path;
    try {
      path = file.resolveSibling(fileName);
    } catch (InvalidPathException e) {
      throw new InvalidValueException(key, "not a file path");
    }
    return new PemText(
        TextFile.read(path, problem -> new InvalidValueException(key, problem)), fileKey);
  }

  private List<X509Certificate> certificates(PemText pem) {
    try {
      return Pem.certificates(pem.text());
    } catch (IllegalArgumentException e) {
      throw new InvalidValueException(SECTION + pem.key(), e.getMessage());
    }
  }

  private PrivateKey privateKey(PemText pem) {
    try {
      return Pem.privateKey(pem.text());
    } catch (IllegalArgumentException e) {
      throw new InvalidValueException(SECTION + pem.key(), e.getMessage());
    }
  }

  /**
   * Whether {@code key} is the private half of {@code publicKey}: RSA keys share the modulus; other
   * keys must verify a signature made with the private key.
   */
  static boolean belongTogether(PrivateKey key, PublicKey publicKey) {
    if (key instanceof RSAKey rsa) {
      return publicKey instanceof RSAKey rsaPublic
          && rsa.getModulus().equals(rsaPublic.getModulus());
    }
    String algorithm =
        switch (key.getAlgorithm()) {
          case "EC" -> "SHA256withECDSA";
          case "EdDSA", "Ed25519", "Ed448" -> key.getAlgorithm();
          default -> null;
        };
    if (algorithm == null) {
      return false;
    }
    byte[] challenge = "openrouter-exporter key check".getBytes(StandardCharsets.US_ASCII);
    try {
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(challenge);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(publicKey);
      verifier.update(challenge);
      return verifier.verify(signature);
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }

  private WebConfig.ClientAuth clientAuth(String name) {
    if (!isSet(name)) {
      return WebConfig.ClientAuth.NO_CLIENT_CERT;
    }
    return WebConfig.ClientAuth.named(name)
        .orElseThrow(
            () ->
                new InvalidValueException(
                    SECTION + "client_auth_type",
                    "must be one of NoClientCert, RequestClientCert, RequireAnyClientCert,"
                        + " VerifyClientCertIfGiven, RequireAndVerifyClientCert"));
  }

  /** The CAs of client_ca_file or client_ca: set exactly when client_auth_type verifies. */
  private List<X509Certificate> clientCas(
      WebConfig.TlsServerConfig tls, WebConfig.ClientAuth clientAuth) {
    boolean given = isSet(tls.clientCa()) || isSet(tls.clientCaFile());
    String key = isSet(tls.clientCa()) ? "client_ca" : "client_ca_file";
    if (!given) {
      if (clientAuth.verify()) {
        throw new InvalidValueException(
            SECTION + "client_ca_file", "required by client_auth_type " + clientAuth.configName());
      }
      return List.of();
    }
    if (clientAuth == WebConfig.ClientAuth.NO_CLIENT_CERT) {
      // As the toolkit: a CA that no handshake would use is a mistake, not a default.
      throw new InvalidValueException(
          SECTION + key, "set without a client_auth_type that asks for certificates");
    }
    return certificates(pem(tls.clientCa(), tls.clientCaFile(), "client_ca", "client_ca_file"));
  }

  /**
   * The JDK names of the versions from min_version (default TLS12) to max_version (TLS13) that a
   * handshake of this Java accepts: the JDK refuses TLS 1.0 and 1.1 (jdk.tls.disabledAlgorithms)
   * whatever the server enables, so listing them would promise what no client gets.
   */
  private List<String> protocols(String min, String max) {
    int from = version("min_version", Objects.requireNonNullElse(min, "TLS12"));
    int to = version("max_version", Objects.requireNonNullElse(max, "TLS13"));
    if (from > to) {
      throw new InvalidValueException(SECTION + "min_version", "must not be above max_version");
    }
    Set<String> accepted = Set.of(serverEngine().getEnabledProtocols());
    List<String> protocols = new ArrayList<>();
    for (String name : VERSION_ORDER.subList(from, to + 1)) {
      if (accepted.contains(VERSIONS.get(name))) {
        protocols.add(VERSIONS.get(name));
      }
    }
    if (protocols.isEmpty()) {
      throw new InvalidValueException(
          SECTION + "max_version",
          "no version from min_version to max_version is enabled in this Java"
              + " (jdk.tls.disabledAlgorithms); raise max_version to TLS12 or TLS13");
    }
    return protocols;
  }

  /** A server-side engine of this Java: its enabled protocols are those not disabled. */
  private static SSLEngine serverEngine() {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, null, null);
      SSLEngine engine = context.createSSLEngine();
      engine.setUseClientMode(false);
      return engine;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK has no TLS context", e);
    }
  }

  private int version(String key, String name) {
    int index = VERSION_ORDER.indexOf(name);
    if (index < 0) {
      throw new InvalidValueException(
          SECTION + key, "must be one of " + String.join(", ", VERSION_ORDER));
    }
    return index;
  }

  /**
   * Cipher suites by their IANA names, which Go and the JDK share; each must be one this Java
   * supports.
   */
  private List<String> cipherSuites(List<String> names) {
    if (names == null) {
      return List.of();
    }
    Set<String> supported;
    try {
      supported = Set.of(SSLContext.getDefault().getSupportedSSLParameters().getCipherSuites());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no default TLS context", e);
    }
    for (int i = 0; i < names.size(); i++) {
      if (names.get(i) == null || !supported.contains(names.get(i))) {
        throw new InvalidValueException(
            SECTION + "cipher_suites[" + i + "]", "not a cipher suite this Java supports");
      }
    }
    return names;
  }
}
