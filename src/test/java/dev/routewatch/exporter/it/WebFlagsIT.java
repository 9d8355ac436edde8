package dev.routewatch.exporter.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code --web.listen-address} given twice and {@code --web.telemetry-path}, over sockets. */
class WebFlagsIT {

  private static final int FIRST = freePort();
  private static final int SECOND = freePort();

  @RegisterExtension
  static final ExporterExtension exporter =
      ExporterExtension.builder()
          .models("moonshotai/kimi-k3")
          .flags(
              "--web.listen-address=127.0.0.1:" + FIRST,
              "--web.listen-address=127.0.0.1:" + SECOND,
              "--web.telemetry-path=/probe/metrics")
          .awaitReady()
          .build();

  /** A port free a moment ago: the exporter binds it as soon as it starts. */
  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void eachAddressServesTheSamePaths() throws Exception {
    for (int port : new int[] {FIRST, SECOND}) {
      HttpResponse<String> metrics = Scrapes.get(port, "/probe/metrics");
      assertThat(metrics.statusCode()).isEqualTo(200);
      assertThat(metrics.body()).contains("openrouter_up{model=\"moonshotai/kimi-k3\"} 1");
      assertThat(Scrapes.get(port, "/-/ready").statusCode()).isEqualTo(200);
      assertThat(Scrapes.get(port, "/metrics").statusCode()).isEqualTo(404);
    }
    assertThat(exporter.port()).isEqualTo(FIRST);
    assertThat(exporter.output()).contains("Listening on 127.0.0.1:" + SECOND + " too");
  }

  @Test
  void theLandingPageLinksToTheTelemetryPath() throws Exception {
    HttpResponse<String> page = Scrapes.get(SECOND, "/");

    assertThat(page.body()).contains("<a href=\"probe/metrics\">Metrics</a>");
  }
}
