package dev.routewatch.exporter.openrouter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.routewatch.exporter.config.ModelId;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import mockwebserver3.MockWebServer;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What an answer may hold once parsed stays near its size in bytes, whatever its shape. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ParserLimitsTest {

  private static final int MAX_BODY_BYTES = 8 * 1024 * 1024;

  private static UpstreamException refused(String body) {
    return catchThrowableOfType(
        UpstreamException.class,
        () ->
            AnswerParser.modelEndpoints(
                new Buffer().writeUtf8(body), 256, AnswerParser.forBodiesOf(MAX_BODY_BYTES)));
  }

  private static ModelEndpoints parsed(String body) throws UpstreamException {
    return AnswerParser.modelEndpoints(
        new Buffer().writeUtf8(body), 256, AnswerParser.forBodiesOf(MAX_BODY_BYTES));
  }

  private static String withParameters(int count) {
    return "{\"data\":{\"endpoints\":[{\"tag\":\"t\",\"supported_parameters\":["
        + IntStream.range(0, count).mapToObj(i -> "\"p" + i + "\"").collect(Collectors.joining(","))
        + "]}]}}";
  }

  @Test
  void aListOfShortStringsBeyondOneTokenPer32BytesOfTheCapIsABadResponse() {
    // 800,000 parameters are 7.9 MB, under the cap, and would be some 40 MB of strings once parsed.
    UpstreamException failure = refused(withParameters(800_000));

    assertThat(failure).isNotNull();
    assertThat(failure.reason()).isEqualTo(FailureReason.BAD_RESPONSE);
    assertThat(failure.getMessage())
        .startsWith("JSON beyond parser limits at $.data.endpoints[0].supported_parameters");
  }

  @Test
  void readingTheBodyWholeAppliesTheSameLimits() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.start();
      server.enqueue(Fixtures.json(withParameters(800_000)));
      try (OpenRouterClient client =
          new OpenRouterClient(
              Fixtures.settings(server, Fixtures.PATIENT, Optional.empty()),
              Fixtures.USER_AGENT,
              code -> {})) {
        UpstreamException failure =
            catchThrowableOfType(
                UpstreamException.class,
                () -> client.modelEndpoints(new ModelId("a/b"), (answer, body) -> {}));

        assertThat(failure).isNotNull();
        assertThat(failure.getMessage()).startsWith("JSON beyond parser limits");
      }
    }
  }

  @Test
  void answersWithinTheTokenLimitAreRead() throws Exception {
    // 8 MiB / 32 = 262,144 tokens: a list of 200,000 is within it.
    assertThat(parsed(withParameters(200_000)).endpoints().get(0).supportedParameters())
        .hasSize(200_000);
  }

  @Test
  void aValueLongerThan128KiCharactersIsABadResponse() {
    UpstreamException failure =
        refused("{\"data\":{\"endpoints\":[{\"name\":\"" + "n".repeat(131_073) + "\"}]}}");

    assertThat(failure).isNotNull();
    assertThat(failure.reason()).isEqualTo(FailureReason.BAD_RESPONSE);
    assertThat(failure.getMessage()).startsWith("JSON beyond parser limits");
  }

  @Test
  void aValueOf128KiCharactersIsReadAndALongerOneBesideTheAnswerIsSkipped() throws Exception {
    ModelEndpoints answer =
        parsed(
            "{\"data\":{\"endpoints\":[{\"name\":\""
                + "n".repeat(131_072)
                + "\"}]},\"description\":\""
                + "d".repeat(1_000_000)
                + "\"}");

    assertThat(answer.endpoints().get(0).name()).hasSize(131_072);
  }
}
