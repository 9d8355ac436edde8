package dev.routewatch.exporter.openrouter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.routewatch.exporter.config.ModelId;
import java.time.Instant;
import java.util.function.BiConsumer;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** When OpenRouter produced an answer, as its Date and Age headers tell. */
class ProducedAtTest {

  private static final String MODEL = "a/b";
  private static final String DATE = "Wed, 02 Dec 2026 14:30:00 GMT";
  private static final Instant AT_DATE = Instant.parse("2026-12-02T14:30:00Z");

  @StartStop private final MockWebServer server = new MockWebServer();

  private ModelEndpoints answerWith(String... headers) throws Exception {
    MockResponse.Builder response =
        Fixtures.json("{\"data\":{\"id\":\"" + MODEL + "\",\"endpoints\":[]}}").newBuilder();
    for (int i = 0; i < headers.length; i += 2) {
      response.setHeader(headers[i], headers[i + 1]);
    }
    server.enqueue(response.build());
    try (OpenRouterClient client = Fixtures.patientClient(server, code -> {})) {
      return client.modelEndpoints(new ModelId(MODEL));
    }
  }

  @Test
  void dateMinusAgeIsWhenTheAnswerWasProduced() throws Exception {
    assertThat(answerWith("Date", DATE, "Age", "162").producedAt())
        .isEqualTo(AT_DATE.minusSeconds(162));
  }

  @Test
  void dateAloneWithoutAgeIsWhenTheAnswerWasProduced() throws Exception {
    assertThat(answerWith("Date", DATE).producedAt()).isEqualTo(AT_DATE);
  }

  @ParameterizedTest
  @CsvSource({"''", "soon", "-5", "1.5", "99999999999999999999999"})
  void anUnreadableAgeLeavesTheDate(String age) throws Exception {
    assertThat(answerWith("Date", DATE, "Age", age).producedAt()).isEqualTo(AT_DATE);
  }

  @ParameterizedTest
  @CsvSource({"garbage", "''", "2026-12-02T14:30:00Z"})
  void anUnreadableDateSaysNothingWhateverTheAge(String date) throws Exception {
    assertThat(answerWith("Date", date, "Age", "162").producedAt()).isNull();
  }

  @Test
  void noHeadersSayNothing() throws Exception {
    assertThat(answerWith().producedAt()).isNull();
  }

  @Test
  void theAnswerPassedOnWithItsBodyCarriesItToo() throws Exception {
    server.enqueue(
        Fixtures.json("{\"data\":{\"id\":\"" + MODEL + "\",\"endpoints\":[]}}")
            .newBuilder()
            .setHeader("Date", DATE)
            .setHeader("Age", "5")
            .build());
    BiConsumer<ModelEndpoints, byte[]> ignored = (answer, body) -> {};
    try (OpenRouterClient client = Fixtures.patientClient(server, code -> {})) {
      assertThat(client.modelEndpoints(new ModelId(MODEL), ignored).producedAt())
          .isEqualTo(AT_DATE.minusSeconds(5));
    }
  }
}
