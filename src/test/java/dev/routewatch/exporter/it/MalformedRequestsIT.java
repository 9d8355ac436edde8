package dev.routewatch.exporter.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.security.crypto.bcrypt.BCrypt;

/**
 * Requests the HTTP server cannot parse or route, sent over raw sockets to the jar with basic
 * authentication and a configured header: the server's own refusals carry the header and the
 * challenge like every other answer, and echo nothing of the request.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class MalformedRequestsIT {

  private static final String PASSWORD = "scrape-password-91c4";

  @RegisterExtension
  static final ExporterExtension exporter =
      ExporterExtension.builder()
          .models("moonshotai/kimi-k3")
          .webConfig(
              "http_server_config:\n  headers:\n    X-Content-Type-Options: nosniff\n"
                  + "basic_auth_users:\n  alice: "
                  + BCrypt.hashpw(PASSWORD, BCrypt.gensalt(4))
                  + "\n")
          .build();

  @ParameterizedTest
  @ValueSource(
      strings = {
        "GET //metrics HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
        "GET metrics HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
        "GET /metrics?x=%zz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
        "GARBAGE\r\n\r\n",
        "GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nBad Header: x\r\n\r\n"
      })
  void aRequestTheServerCannotRouteIsRefusedWithTheConfiguredHeaderAndTheChallenge(String request)
      throws Exception {
    String answer = send(request);
    int end = answer.indexOf("\r\n\r\n");
    assertThat(end).as("a whole answer head: %s", answer).isPositive();
    String head = answer.substring(0, end + 2).toLowerCase(Locale.ROOT);
    String body = answer.substring(end + 4);

    assertThat(head).matches("(?s)http/1\\.1 (400|401|404) .*");
    assertThat(head)
        .contains("\r\nx-content-type-options: nosniff\r\n")
        .contains("\r\nwww-authenticate: basic realm=\"openrouter-exporter\"");
    assertThat(body)
        .doesNotContainIgnoringCase("exception")
        .doesNotContain("\tat ")
        .doesNotContainIgnoringCase("metrics")
        .doesNotContainIgnoringCase("garbage")
        .doesNotContainIgnoringCase("header")
        .doesNotContain("%zz");
  }

  @Test
  void aQueryWithABadEscapeIsRefusedWith400AfterTheCredentialsPassed() throws Exception {
    String authorization =
        Base64.getEncoder().encodeToString(("alice:" + PASSWORD).getBytes(StandardCharsets.UTF_8));

    String answer =
        send(
            "GET /metrics?x=%zz HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Basic "
                + authorization
                + "\r\n\r\n");

    assertThat(answer.toLowerCase(Locale.ROOT))
        .startsWith("http/1.1 400 ")
        .contains("\r\nx-content-type-options: nosniff\r\n")
        .doesNotContain("openrouter_");
  }

  /** The whole answer to one request on its own connection, read until the server closes it. */
  private static String send(String request) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", exporter.port())) {
      socket.setSoTimeout(15_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      socket.shutdownOutput();
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }
}
