package dev.routewatch.exporter.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.routewatch.exporter.metrics.Exposition;
import dev.routewatch.exporter.metrics.ScrapeBody;
import dev.routewatch.exporter.metrics.ScrapeFormat;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What {@link MetricsEndpoint} reads from a request and asks its {@link Exposition} for. */
@Timeout(60)
class MetricsRequestTest {

  /** One scrape as the endpoint asked for it. */
  private record Asked(ScrapeFormat format, boolean gzip, Set<String> names) {}

  private final List<Asked> asked = new ArrayList<>();
  private final HttpServer server;
  private final HttpClient http = HttpClient.newHttpClient();

  MetricsRequestTest() throws IOException {
    Exposition recording =
        (format, gzip, names) -> {
          asked.add(new Asked(format, gzip, names));
          return ScrapeBody.of("answer\n".getBytes(StandardCharsets.US_ASCII));
        };
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/metrics", new MetricsEndpoint(recording));
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private HttpResponse<byte[]> request(String method, String query, String... headers)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(
                URI.create(
                    "http://127.0.0.1:" + server.getAddress().getPort() + "/metrics" + query))
            .method(method, HttpRequest.BodyPublishers.noBody());
    if (headers.length > 0) {
      request.headers(headers);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  void everyNameParameterSelectsAFamilyEncodedOrNot() throws Exception {
    HttpResponse<byte[]> response =
        request(
            "GET",
            "?name[]=openrouter_up&name%5B%5D=openrouter_endpoint&debug=1&name[]=&name[]=openrouter_up");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(asked)
        .containsExactly(
            new Asked(
                ScrapeFormat.TEXT, false, Set.of("openrouter_up", "openrouter_endpoint", "")));
  }

  @Test
  void noNameParameterAsksForEveryFamily() throws Exception {
    request("GET", "?other=1");

    assertThat(asked).containsExactly(new Asked(ScrapeFormat.TEXT, false, Set.of()));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "text/plain;version=0.0.4 | TEXT",
        "application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5 | OPENMETRICS",
        "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;"
            + "encoding=delimited | PROTOBUF",
        "*/* | TEXT"
      })
  void acceptChoosesTheFormatAndItsContentType(String accept, ScrapeFormat format)
      throws Exception {
    HttpResponse<byte[]> response = request("GET", "", "Accept", accept);

    assertThat(asked).containsExactly(new Asked(format, false, Set.of()));
    assertThat(response.headers().firstValue("Content-Type")).hasValue(format.contentType());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {"gzip | true", "br, GZIP | true", "gzip;q=0.5 | true", "gzip;q=0 | false"})
  void acceptEncodingChoosesGzipUnlessItsQualityIsZero(String acceptEncoding, boolean gzip)
      throws Exception {
    HttpResponse<byte[]> response = request("GET", "", "Accept-Encoding", acceptEncoding);

    assertThat(asked).containsExactly(new Asked(ScrapeFormat.TEXT, gzip, Set.of()));
    assertThat(response.headers().firstValue("Content-Encoding").isPresent()).isEqualTo(gzip);
  }

  @Test
  void headAnswersTheHeadersWithoutAskingForAScrape() throws Exception {
    HttpResponse<byte[]> response = request("HEAD", "", "Accept-Encoding", "gzip");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Encoding")).hasValue("gzip");
    assertThat(asked).isEmpty();
  }
}
