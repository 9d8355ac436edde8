package dev.routewatch.exporter.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.routewatch.exporter.TestCertificates;
import dev.routewatch.exporter.TestCertificates.Issued;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The web configuration files of src/test/resources/webconfig, copied beside certificates that
 * keytool makes for this test run.
 */
class WebConfigLoaderTest {

  @TempDir static Path dir;
  private static Issued server;
  private static Issued client;

  @BeforeAll
  static void certificatesAndFiles() throws Exception {
    server = TestCertificates.issue(dir, "server", "RSA");
    client = TestCertificates.issue(dir, "client", "EC");
    TestCertificates.issue(dir, "other", "RSA");
    for (String kind : List.of("valid", "invalid")) {
      try (Stream<Path> files = Files.list(Path.of("src/test/resources/webconfig", kind))) {
        for (Path file : files.toList()) {
          Files.copy(file, dir.resolve(file.getFileName()));
        }
      }
    }
  }

  @Test
  void everySupportedKeyIsRead() throws Exception {
    WebConfig web = ConfigLoader.loadWebConfig(dir.resolve("full.yml"));

    WebConfig.Tls tls = web.tls().orElseThrow();
    assertThat(tls.chain()).containsExactly(server.certificate());
    assertThat(tls.key()).isEqualTo(server.key());
    assertThat(tls.protocols()).containsExactly("TLSv1.3");
    assertThat(tls.clientAuth()).isEqualTo(WebConfig.ClientAuth.REQUIRE_AND_VERIFY_CLIENT_CERT);
    assertThat(tls.clientCas()).containsExactly(client.certificate());
    assertThat(tls.clientAllowedSans()).containsExactly("client.test");
    assertThat(tls.cipherSuites()).containsExactly("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
    assertThat(tls.preferServerCipherSuites()).isFalse();
    assertThat(tls.toString()).doesNotContain("modulus").contains("[REDACTED]");
    assertThat(web.basicAuthUsers()).containsOnlyKeys("alice", "bob");
    assertThat(web.basicAuthUsers().toString()).doesNotContain("$2");
    assertThat(web.headers())
        .isEqualTo(
            Map.of(
                "X-Frame-Options", "deny",
                "X-Content-Type-Options", "nosniff",
                "Content-Security-Policy", "default-src 'self'"));
  }

  @Test
  void tlsDefaultsToTls12And13WithoutClientCertificates() throws Exception {
    WebConfig web = ConfigLoader.loadWebConfig(dir.resolve("tls-only.yml"));

    WebConfig.Tls tls = web.tls().orElseThrow();
    assertThat(tls.protocols()).containsExactly("TLSv1.2", "TLSv1.3");
    assertThat(tls.clientAuth()).isEqualTo(WebConfig.ClientAuth.NO_CLIENT_CERT);
    assertThat(tls.preferServerCipherSuites()).isTrue();
    assertThat(web.basicAuthUsers()).isEmpty();
  }

  @Test
  void authWithoutTlsAndEmptySectionsAreValid() throws Exception {
    assertThat(ConfigLoader.loadWebConfig(dir.resolve("auth-only.yml")).tls()).isEmpty();
    assertThat(ConfigLoader.loadWebConfig(dir.resolve("empty-sections.yml")))
        .isEqualTo(WebConfig.NONE);
  }

  @Test
  void inlineCertificateAndKeyAreReadLikeFiles() throws Exception {
    Path file = dir.resolve("inline.yml");
    Files.writeString(
        file,
        "tls_server_config:\n  cert: |\n"
            + indent(Files.readString(server.certFile()))
            + "  key: |\n"
            + indent(Files.readString(server.keyFile())));

    assertThat(ConfigLoader.loadWebConfig(file).tls().orElseThrow().key()).isEqualTo(server.key());
  }

  @ParameterizedTest
  @ValueSource(strings = {"rsa", "ec"})
  void traditionalPkcs1AndSec1KeysFromOpensslAreRead(String algorithm) throws Exception {
    assumeThat(Path.of("/usr/bin/openssl")).isExecutable();
    Issued issued =
        TestCertificates.issue(dir, "traditional-" + algorithm, algorithm.toUpperCase());
    Path traditional = dir.resolve("traditional-" + algorithm + ".pem");
    // openssl rsa writes PKCS#1 with -traditional; openssl ec writes SEC1 by default.
    List<String> command =
        new ArrayList<>(
            List.of(
                "openssl",
                algorithm,
                "-in",
                issued.keyFile().toString(),
                "-out",
                traditional.toString()));
    if (algorithm.equals("rsa")) {
      command.add("-traditional");
    }
    Process openssl = new ProcessBuilder(command).redirectErrorStream(true).start();
    assertThat(openssl.waitFor()).isZero();
    assertThat(Files.readString(traditional))
        .startsWith("-----BEGIN " + algorithm.toUpperCase() + " PRIVATE KEY-----");
    Path file = dir.resolve("traditional-" + algorithm + ".yml");
    Files.writeString(
        file,
        "tls_server_config:\n  cert_file: "
            + issued.certFile().getFileName()
            + "\n  key_file: "
            + traditional.getFileName()
            + "\n");

    // Encodings differ (SEC1 carries the curve and public key), the key does not.
    WebConfig.Tls tls = ConfigLoader.loadWebConfig(file).tls().orElseThrow();
    assertThat(TlsSettings.belongTogether(tls.key(), issued.certificate().getPublicKey())).isTrue();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "unknown-key.yml | tls_server_config.certfile: unknown key; did you mean"
            + " tls_server_config.cert_file?",
        "unknown-top-level-key.yml | basic_auth: unknown key; did you mean basic_auth_users?",
        "missing-cert-file.yml | tls_server_config.cert_file: no such file",
        "missing-key-file.yml | tls_server_config.key_file: required when TLS is configured",
        "bad-pem-cert.yml | tls_server_config.cert_file: no PEM certificate (BEGIN CERTIFICATE) in"
            + " it",
        "broken-pem-cert.yml | tls_server_config.cert_file: not a valid PEM certificate",
        "bad-pem-key.yml | tls_server_config.key_file: no PEM private key (BEGIN PRIVATE KEY, RSA"
            + " PRIVATE KEY or EC PRIVATE KEY) in it",
        "broken-pem-key.yml | tls_server_config.key_file: not a valid private key",
        "encrypted-key.yml | tls_server_config.key_file: encrypted private keys are not supported",
        "key-of-another-certificate.yml | tls_server_config.key_file: does not belong to the first"
            + " certificate of cert_file",
        "cert-twice.yml | tls_server_config.cert: set cert or cert_file, not both",
        "bad-client-auth-type.yml | tls_server_config.client_auth_type: must be one of"
            + " NoClientCert, RequestClientCert, RequireAnyClientCert, VerifyClientCertIfGiven,"
            + " RequireAndVerifyClientCert",
        "client-ca-without-client-auth.yml | tls_server_config.client_ca_file: set without a"
            + " client_auth_type that asks for certificates",
        "verify-without-client-ca.yml | tls_server_config.client_ca_file: required by"
            + " client_auth_type RequireAndVerifyClientCert",
        "allowed-sans-without-required-cert.yml | tls_server_config.client_allowed_sans: needs"
            + " client_auth_type RequireAnyClientCert or RequireAndVerifyClientCert",
        "unknown-tls-version.yml | tls_server_config.min_version: must be one of TLS10, TLS11,"
            + " TLS12, TLS13",
        "min-above-max.yml | tls_server_config.min_version: must not be above max_version",
        "unknown-cipher-suite.yml | tls_server_config.cipher_suites[0]: not a cipher suite this"
            + " Java supports",
        "curve-preferences.yml | tls_server_config.curve_preferences: not supported by this"
            + " exporter (Java 17 cannot set curves per server)",
        "tls-settings-without-cert.yml | tls_server_config.cert_file: required when TLS is"
            + " configured",
        "rate-limit.yml | rate_limit: not supported by this exporter",
        "bad-hash.yml | basic_auth_users.alice: not a bcrypt hash ($2a$, $2b$ or $2y$, cost 04 to"
            + " 31, 53 characters)",
        "plain-password.yml | basic_auth_users.alice: not a bcrypt hash ($2a$, $2b$ or $2y$, cost"
            + " 04 to 31, 53 characters) but, it seems, a password in plain text; make its hash"
            + " with htpasswd -nbBC 10 USER 'PASSWORD' (the part after \"USER:\"), or with python3"
            + " -c 'import bcrypt; print(bcrypt.hashpw(b\"PASSWORD\", bcrypt.gensalt(10)).decode())'",
        "hash-cost-too-high.yml | basic_auth_users.alice: not a bcrypt hash ($2a$, $2b$ or $2y$,"
            + " cost 04 to 31, 53 characters)",
        "user-with-colon.yml | basic_auth_users: a user name is empty or has a colon or a control"
            + " character",
        "hash-not-a-string.yml | basic_auth_users.alice: expected a string",
        "header-not-allowed.yml | http_server_config.headers.Set-Cookie: cannot be set; one of"
            + " Content-Security-Policy, Strict-Transport-Security, X-Content-Type-Options,"
            + " X-Frame-Options, X-XSS-Protection",
        "header-bad-value.yml | http_server_config.headers.X-Frame-Options: must be one of deny,"
            + " sameorigin",
        "http2-not-boolean.yml | http_server_config.http2: expected true or false",
        "no-users.yml | basic_auth_users: empty; list at least one user, or leave the key out for"
            + " no authentication",
      })
  void anInvalidFileNamesTheKeyAndTheProblem(String name, String problem) throws Exception {
    Path file = dir.resolve(name);

    assertThatExceptionOfType(ConfigException.class)
        .isThrownBy(() -> ConfigLoader.loadWebConfig(file))
        .withMessage(file + ": " + problem)
        .withMessageNotContaining("correct-horse-battery-staple")
        .withMessageNotContaining("tooShort")
        .withMessageNotContaining("allow-all");
  }

  @Test
  @Timeout(60)
  void onlyTheVersionsThisJavaAcceptsInAHandshakeAreListed() throws Exception {
    List<String> accepted = List.of(serverEngine().getEnabledProtocols());
    List<String> expected =
        Stream.of("TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3").filter(accepted::contains).toList();

    WebConfig.Tls tls =
        ConfigLoader.loadWebConfig(dir.resolve("tls-from-tls10.yml")).tls().orElseThrow();

    assertThat(tls.protocols()).isEqualTo(expected).contains("TLSv1.2", "TLSv1.3");
  }

  @Test
  @Timeout(60)
  void aVersionRangeThisJavaRefusesEntirelyIsAnError() throws Exception {
    assumeThat(serverEngine().getEnabledProtocols()).doesNotContain("TLSv1", "TLSv1.1");
    Path file = dir.resolve("only-disabled-versions.yml");

    assertThatExceptionOfType(ConfigException.class)
        .isThrownBy(() -> ConfigLoader.loadWebConfig(file))
        .withMessage(
            file
                + ": tls_server_config.max_version: no version from min_version to max_version is"
                + " enabled in this Java (jdk.tls.disabledAlgorithms); raise max_version to TLS12"
                + " or TLS13");
  }

  /** What a server handshake of this Java accepts, asked of the JDK directly. */
  private static SSLEngine serverEngine() throws Exception {
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, null, null);
    SSLEngine engine = context.createSSLEngine();
    engine.setUseClientMode(false);
    return engine;
  }

  @Test
  void aMissingWebConfigFileIsNamed() {
    Path file = dir.resolve("no-such-web.yml");

    assertThatExceptionOfType(ConfigException.class)
        .isThrownBy(() -> ConfigLoader.loadWebConfig(file))
        .withMessage(file + ": no such file");
  }

  private static String indent(String pem) {
    return pem.lines().map(line -> "    " + line + "\n").reduce("", String::concat);
  }
}
