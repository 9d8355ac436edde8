package dev.routewatch.exporter.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.routewatch.exporter.TestCertificates;
import dev.routewatch.exporter.TestCertificates.Issued;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.crypto.bcrypt.BCrypt;

/**
 * The jar with {@code --web.config.file}, over real sockets, with certificates keytool makes for
 * the run: TLS and basic authentication on every path, mutual TLS, and the exit code of a bad file.
 */
class WebSecurityIT {

  private static final String PASSWORD = "scrape-password-7f3a";
  private static final List<String> PATHS = List.of("/metrics", "/", "/-/healthy", "/-/ready");

  @TempDir static Path dir;

  /** At debug level, so that the JDK server's own log lines are checked for credentials too. */
  @RegisterExtension
  static final ExporterExtension exporters =
      ExporterExtension.builder()
          .models("moonshotai/kimi-k3")
          .flags("--log.level=debug")
          .startedByTests()
          .build();

  private static Issued server;
  private static Issued client;
  private static Issued stranger;

  @BeforeAll
  static void start() throws Exception {
    server = TestCertificates.issue(dir, "server", "RSA");
    client = TestCertificates.issue(dir, "client", "EC");
    stranger = TestCertificates.issue(dir, "stranger", "EC");
  }

  private static Path webConfig(String name, String yaml) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, yaml);
    return file;
  }

  private static ExporterProcess exporter(Path webConfig) throws Exception {
    return exporters.start("--web.config.file=" + webConfig);
  }

  private static HttpClient https(Issued clientCertificate) throws Exception {
    SSLContext context = TestCertificates.clientContext(server, clientCertificate);
    return HttpClient.newBuilder()
        .sslContext(context)
        .connectTimeout(Duration.ofSeconds(5))
        .build();
  }

  private static HttpResponse<String> send(
      HttpClient http, String method, int port, String path, String... headers) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + path))
            .method(method, HttpRequest.BodyPublishers.noBody())
            .timeout(Duration.ofSeconds(10));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void basicAuthOverTlsGuardsEveryPathAndTellsNoFailureApart() throws Exception {
    Path web =
        webConfig(
            "auth.yml",
            "tls_server_config:\n"
                + "  cert_file: server.crt\n"
                + "  key_file: server.key\n"
                + "http_server_config:\n"
                + "  headers:\n"
                + "    X-Content-Type-Options: nosniff\n"
                + "    X-Frame-Options: deny\n"
                + "basic_auth_users:\n"
                + "  alice: "
                + BCrypt.hashpw(PASSWORD, BCrypt.gensalt(6))
                + "\n");
    try (ExporterProcess exporter = exporter(web)) {
      HttpClient http = https(null);
      int port = exporter.port();
      String right = basic("alice", PASSWORD);

      for (String path : PATHS) {
        HttpResponse<String> none = send(http, "GET", port, path);
        assertThat(none.statusCode()).as(path).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate"))
            .hasValue("Basic realm=\"openrouter-exporter\", charset=\"UTF-8\"");
        assertThat(none.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(none.body()).isEqualTo("Unauthorized\n");
        assertThat(send(http, "GET", port, path, "Authorization", right).statusCode())
            .as(path)
            .isIn(200, 503);
      }
      HttpResponse<String> metrics = send(http, "GET", port, "/metrics", "Authorization", right);
      assertThat(metrics.statusCode()).isEqualTo(200);
      assertThat(metrics.body()).contains("openrouter_exporter_build_info");
      assertThat(metrics.headers().firstValue("X-Frame-Options")).hasValue("deny");
      // Unknown paths and methods are no way around authentication either.
      assertThat(send(http, "GET", port, "/nothing-here").statusCode()).isEqualTo(401);
      assertThat(send(http, "DELETE", port, "/metrics").statusCode()).isEqualTo(401);
      assertThat(send(http, "GET", port, "/nothing-here", "Authorization", right).statusCode())
          .isEqualTo(404);
      assertThat(send(http, "DELETE", port, "/metrics", "Authorization", right).statusCode())
          .isEqualTo(405);

      HttpResponse<String> wrongPassword =
          send(http, "GET", port, "/metrics", "Authorization", basic("alice", "not-it"));
      HttpResponse<String> unknownUser =
          send(http, "GET", port, "/metrics", "Authorization", basic("mallory", PASSWORD));
      HttpResponse<String> malformed =
          send(http, "GET", port, "/metrics", "Authorization", "Basic !!not-base64!!");
      for (HttpResponse<String> refused : List.of(wrongPassword, unknownUser, malformed)) {
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).isEqualTo("Unauthorized\n");
        assertThat(refused.headers().map().keySet())
            .isEqualTo(wrongPassword.headers().map().keySet());
      }
      String basic = basic("alice", PASSWORD).substring("Basic ".length());
      assertThat(exporter.output())
          .contains("level=debug")
          .doesNotContain(PASSWORD)
          .doesNotContain(basic)
          .doesNotContain("mallory");
    }
  }

  @Test
  void plainHttpToTheTlsPortGetsNoAnswer() throws Exception {
    Path web =
        webConfig(
            "tls.yml", "tls_server_config:\n  cert_file: server.crt\n  key_file: server.key\n");
    try (ExporterProcess exporter = exporter(web);
        Socket socket = new Socket("127.0.0.1", exporter.port())) {
      socket.setSoTimeout(15_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          "GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      byte[] answer = readAll(socket.getInputStream());

      // The TLS engine sees no handshake and closes the connection; no HTTP answer, no metrics.
      assertThat(new String(answer, StandardCharsets.ISO_8859_1))
          .doesNotContain("HTTP/1.1")
          .doesNotContain("openrouter_");
      assertThatExceptionOfType(IOException.class)
          .isThrownBy(() -> Scrapes.get(exporter.port(), "/metrics"));
      // Over TLS the same port answers.
      assertThat(send(https(null), "GET", exporter.port(), "/metrics").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void mutualTlsServesOnlyClientsWithACertificateFromTheClientCa() throws Exception {
    Path web =
        webConfig(
            "mtls.yml",
            "tls_server_config:\n"
                + "  cert_file: server.crt\n"
                + "  key_file: server.key\n"
                + "  client_auth_type: RequireAndVerifyClientCert\n"
                + "  client_ca_file: client.crt\n");
    try (ExporterProcess exporter = exporter(web)) {
      int port = exporter.port();

      assertThat(send(https(client), "GET", port, "/metrics").statusCode()).isEqualTo(200);
      assertThatExceptionOfType(IOException.class)
          .as("no client certificate")
          .isThrownBy(() -> send(https(null), "GET", port, "/metrics"));
      assertThatExceptionOfType(IOException.class)
          .as("a certificate the client CA did not issue")
          .isThrownBy(() -> send(https(stranger), "GET", port, "/metrics"));
    }
  }

  @Test
  void clientAllowedSansRefusesAVerifiedCertificateWithoutAnAllowedName() throws Exception {
    Path web =
        webConfig(
            "sans.yml",
            "tls_server_config:\n"
                + "  cert_file: server.crt\n"
                + "  key_file: server.key\n"
                + "  client_auth_type: RequireAnyClientCert\n"
                + "  client_allowed_sans: [stranger.test]\n");
    try (ExporterProcess exporter = exporter(web)) {
      int port = exporter.port();

      assertThat(send(https(stranger), "GET", port, "/metrics").statusCode()).isEqualTo(200);
      assertThatExceptionOfType(IOException.class)
          .isThrownBy(() -> send(https(client), "GET", port, "/metrics"));
    }
  }

  @Test
  void anInvalidWebConfigurationExitsWith2NamingTheKey() throws Exception {
    Path missing = dir.resolve("missing-web.yml");
    Path badHash = webConfig("bad-hash.yml", "basic_auth_users:\n  alice: " + PASSWORD + "\n");
    Path badPem =
        webConfig(
            "bad-pem.yml", "tls_server_config:\n  cert_file: server.key\n  key_file: server.key\n");

    ExporterProcess.Result noFile =
        ExporterProcess.run(
            Map.of(), "--config.file=" + exporters.config(), "--web.config.file=" + missing);
    ExporterProcess.Result hash =
        ExporterProcess.run(
            Map.of(), "--config.file=" + exporters.config(), "--web.config.file=" + badHash);
    ExporterProcess.Result pem =
        ExporterProcess.run(
            Map.of(), "--config.file=" + exporters.config(), "--web.config.file=" + badPem);
    ExporterProcess.Result check =
        ExporterProcess.run(
            Map.of(),
            "--config.file=" + exporters.config(),
            "--web.config.file=" + badHash,
            "--config.check");

    assertThat(noFile).isEqualTo(new ExporterProcess.Result(2, missing + ": no such file"));
    assertThat(hash.exitCode()).isEqualTo(2);
    assertThat(hash.output())
        .isEqualTo(
            badHash
                + ": basic_auth_users.alice: not a bcrypt hash ($2a$, $2b$ or $2y$, cost 04 to 31,"
                + " 53 characters) but, it seems, a password in plain text; make its hash with"
                + " htpasswd -nbBC 10 USER 'PASSWORD' (the part after \"USER:\"), or with python3 -c"
                + " 'import bcrypt; print(bcrypt.hashpw(b\"PASSWORD\", bcrypt.gensalt(10)).decode())'");
    assertThat(pem)
        .isEqualTo(
            new ExporterProcess.Result(
                2,
                badPem
                    + ": tls_server_config.cert_file: no PEM certificate (BEGIN CERTIFICATE) in"
                    + " it"));
    assertThat(check).isEqualTo(hash);
  }

  private static byte[] readAll(InputStream in) {
    try {
      return in.readAllBytes();
    } catch (IOException reset) {
      return new byte[0]; // a reset is a refusal too
    }
  }
}
