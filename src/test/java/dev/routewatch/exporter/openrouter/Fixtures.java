package dev.routewatch.exporter.openrouter;

import dev.routewatch.exporter.Captures;
import dev.routewatch.exporter.config.ExporterConfig;
import dev.routewatch.exporter.config.Secret;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okio.Buffer;

/** Upstream settings, canned answers and a recording listener for the client tests. */
final class Fixtures {

  static final String USER_AGENT = "openrouter-exporter/0.1.0";

  /** Long enough never to fire by accident on a busy machine. */
  static final Duration PATIENT = Duration.ofSeconds(10);

  private Fixtures() {}

  /** The default response cap, 8 MiB. */
  static final int MAX_BODY_BYTES = 8 * 1024 * 1024;

  /** Settings pointing at {@code server} under {@code /api/v1}, like the real base_url. */
  static ExporterConfig.Upstream settings(
      MockWebServer server, Duration timeout, Optional<Secret> apiKey) {
    return settings(server.url("/api/v1").toString(), timeout, apiKey);
  }

  /** A client of {@code server} with patient settings, no key, telling {@code listener}. */
  static OpenRouterClient patientClient(MockWebServer server, ApiRequestListener listener) {
    return new OpenRouterClient(settings(server, PATIENT, Optional.empty()), USER_AGENT, listener);
  }

  static ExporterConfig.Upstream settings(
      String baseUrl, Duration timeout, Optional<Secret> apiKey) {
    return new ExporterConfig.Upstream(baseUrl, apiKey, timeout, 4, 120, MAX_BODY_BYTES, 256);
  }

  /** A real capture from src/test/resources/openrouter/real, served byte for byte. */
  static MockResponse capture(String file) {
    return json(new Buffer().write(Captures.bytes(file)));
  }

  static MockResponse json(String body) {
    return json(new Buffer().writeUtf8(body));
  }

  static MockResponse json(Buffer body) {
    return new MockResponse.Builder()
        .addHeader("Content-Type", "application/json")
        .body(body)
        .build();
  }

  /** Keeps every code it is told, in order. */
  static final class RecordingListener implements ApiRequestListener {
    private final List<String> codes = new CopyOnWriteArrayList<>();

    @Override
    public void requestCompleted(String code) {
      codes.add(code);
    }

    List<String> codes() {
      return List.copyOf(codes);
    }
  }
}
