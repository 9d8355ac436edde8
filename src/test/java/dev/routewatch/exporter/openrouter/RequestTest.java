package dev.routewatch.exporter.openrouter;

import static dev.routewatch.exporter.openrouter.Fixtures.PATIENT;
import static dev.routewatch.exporter.openrouter.Fixtures.USER_AGENT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.routewatch.exporter.config.ExporterConfig;
import dev.routewatch.exporter.config.ModelId;
import dev.routewatch.exporter.config.Secret;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the client puts on the wire: the path it builds from a model id, and its headers. */
class RequestTest {

  /** An answer without endpoints for {@code model}, which it names as real answers do. */
  private static String emptyAnswer(String model) {
    return "{\"data\":{\"id\":\"" + model + "\",\"endpoints\":[]}}";
  }

  @StartStop private final MockWebServer server = new MockWebServer();

  private RecordedRequest send(ExporterConfig.Upstream settings, String model) throws Exception {
    server.enqueue(Fixtures.json(emptyAnswer(model)));
    try (OpenRouterClient client = new OpenRouterClient(settings, USER_AGENT, code -> {})) {
      client.modelEndpoints(new ModelId(model));
    }
    return server.takeRequest(1, TimeUnit.SECONDS);
  }

  @ParameterizedTest
  @CsvSource({
    "nex-agi/nex-n2.5-pro:free, /api/v1/models/nex-agi/nex-n2.5-pro:free/endpoints",
    "~typesafe/jev-latest, /api/v1/models/~typesafe/jev-latest/endpoints",
    "deepseek/deepseek-chat-v3.1, /api/v1/models/deepseek/deepseek-chat-v3.1/endpoints",
    "qwen/qwen_3-235b.a22b, /api/v1/models/qwen/qwen_3-235b.a22b/endpoints",
  })
  void modelIdBecomesTwoPathSegmentsUnderTheBaseUrlPath(String model, String target)
      throws Exception {
    RecordedRequest request = send(Fixtures.settings(server, PATIENT, Optional.empty()), model);

    assertThat(request.getMethod()).isEqualTo("GET");
    assertThat(request.getTarget()).isEqualTo(target);
  }

  @ParameterizedTest
  @CsvSource({
    "'', /models/a/b/endpoints",
    "/, /models/a/b/endpoints",
    "/api/v1/, /api/v1/models/a/b/endpoints"
  })
  void baseUrlWithoutPathOrWithTrailingSlashGivesOneSlashBetweenSegments(String path, String target)
      throws Exception {
    String baseUrl = "http://" + server.getHostName() + ":" + server.getPort() + path;

    RecordedRequest request = send(Fixtures.settings(baseUrl, PATIENT, Optional.empty()), "a/b");

    assertThat(request.getTarget()).isEqualTo(target);
  }

  @Test
  void withoutKeyTheRequestNamesTheExporterAndAsksForJsonWithoutAuthorization() throws Exception {
    RecordedRequest request =
        send(Fixtures.settings(server, PATIENT, Optional.empty()), "moonshotai/kimi-k3");

    assertThat(request.getHeaders().get("User-Agent")).isEqualTo(USER_AGENT);
    assertThat(request.getHeaders().get("Accept")).isEqualTo("application/json");
    assertThat(request.getHeaders().names()).doesNotContain("Authorization");
  }

  @Test
  void keyIsSentAsBearerTokenInTheAuthorizationHeaderOnly() throws Exception {
    RecordedRequest request =
        send(
            Fixtures.settings(server, PATIENT, Optional.of(new Secret("sk-test-secret"))),
            "moonshotai/kimi-k3");

    assertThat(request.getHeaders().values("Authorization"))
        .containsExactly("Bearer sk-test-secret");
    assertThat(request.getUrl().toString()).doesNotContain("sk-test-secret");
  }
}
