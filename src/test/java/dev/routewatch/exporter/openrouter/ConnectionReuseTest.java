package dev.routewatch.exporter.openrouter;

import static dev.routewatch.exporter.openrouter.Fixtures.PATIENT;
import static dev.routewatch.exporter.openrouter.Fixtures.USER_AGENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.routewatch.exporter.Captures;
import dev.routewatch.exporter.config.ExporterConfig;
import dev.routewatch.exporter.config.ModelId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * One model's faulty answer costs only that model: the pooled connection it came over is never used
 * for another model's request once the answer failed or left bytes unread.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ConnectionReuseTest {

  private static final String GUILTY = "typesafe/jev-1.13";

  /** Model id to its real capture, each served byte for byte under its own id. */
  private static final Map<String, String> INNOCENT = innocent();

  private static Map<String, String> innocent() {
    Map<String, String> captures = new LinkedHashMap<>();
    captures.put("upstage/solar-decide", "02-upstage-solar-decide-endpoints-status-minus2.json");
    captures.put("jaredpalmer/kev-4b", "03-jaredpalmer-kev-4b-endpoints-latency-null.json");
    captures.put("~typesafe/jev-latest", "04-alias-typesafe-jev-latest-empty-endpoints.json");
    captures.put(
        "nex-agi/nex-n2.5-pro:free", "08-nex-agi-nex-n2.5-pro-free-endpoints-trimmed.json");
    return captures;
  }

  private static final String KIMI = "06-moonshotai-kimi-k3-endpoints-with-latency-reduced.json";

  private final Fixtures.RecordingListener listener = new Fixtures.RecordingListener();
  private KeepAliveUpstream upstream;
  private OpenRouterClient client;

  @BeforeEach
  void start() throws IOException {
    upstream = new KeepAliveUpstream();
    upstream.answer(GUILTY, capture("01-typesafe-jev-1.13-endpoints-latency-null.json"));
    INNOCENT.forEach((model, capture) -> upstream.answer(model, capture(capture)));
    client =
        new OpenRouterClient(
            Fixtures.settings(upstream.baseUrl(), PATIENT, Optional.empty()), USER_AGENT, listener);
  }

  @AfterEach
  void stop() throws IOException {
    client.close();
    upstream.close();
  }

  private static byte[] capture(String file) {
    return Captures.bytes(file);
  }

  private ModelEndpoints poll(String model) throws Exception {
    return client.modelEndpoints(new ModelId(model));
  }

  private UpstreamException failure(String model) {
    return catchThrowableOfType(UpstreamException.class, () -> poll(model));
  }

  /** Polls every innocent model after the guilty one, one at a time, so the pool offers reuse. */
  private void everyInnocentModelGetsItsOwnAnswer() throws Exception {
    for (Map.Entry<String, String> model : INNOCENT.entrySet()) {
      ModelEndpoints expected = AnswerParser.modelEndpoints(capture(model.getValue()));
      assertThat(poll(model.getKey())).as(model.getKey()).isEqualTo(expected);
    }
  }

  @Test
  void cleanAnswersShareOneConnection() throws Exception {
    poll(GUILTY);
    everyInnocentModelGetsItsOwnAnswer();

    assertThat(upstream.connections()).isEqualTo(1);
  }

  @Test
  void aStrayLineEndAfterAnAnswerFailsThatModelAloneAsABadResponse() throws Exception {
    upstream.afterAnswer(GUILTY, "\r\n".getBytes(StandardCharsets.US_ASCII));

    assertThat(failure(GUILTY))
        .extracting(UpstreamException::reason)
        .isEqualTo(FailureReason.BAD_RESPONSE);
    everyInnocentModelGetsItsOwnAnswer();
  }

  @Test
  void aWholeAnswerSmuggledAfterAnAnswerIsNeverTakenForTheNextModel() throws Exception {
    upstream.afterAnswer(GUILTY, KeepAliveUpstream.ok(capture(KIMI)));

    assertThat(failure(GUILTY))
        .extracting(UpstreamException::reason)
        .isEqualTo(FailureReason.BAD_RESPONSE);
    everyInnocentModelGetsItsOwnAnswer();
  }

  @Test
  void bytesArrivingOnAnIdleConnectionNeverReachTheNextModel() throws Exception {
    upstream.whileIdleAfter(GUILTY, KeepAliveUpstream.ok(capture(KIMI)));
    poll(GUILTY);
    Thread.sleep(KeepAliveUpstream.LATER.multipliedBy(3).toMillis());

    everyInnocentModelGetsItsOwnAnswer();
  }

  @Test
  void anAnswerOverTheCapRetiresItsConnection() throws Exception {
    byte[] kimi = capture(KIMI);
    client.close();
    client =
        new OpenRouterClient(
            new ExporterConfig.Upstream(
                upstream.baseUrl(), Optional.empty(), PATIENT, 4, 120, kimi.length - 1, 256),
            USER_AGENT,
            listener);
    upstream.answer("moonshotai/kimi-k3", kimi);

    assertThat(failure("moonshotai/kimi-k3").reason()).isEqualTo(FailureReason.BAD_RESPONSE);
    everyInnocentModelGetsItsOwnAnswer();

    assertThat(upstream.connections()).isEqualTo(2);
  }

  @Test
  void anHttp2ConnectionCarriesOnAfterAFailedAnswerSinceFramesKeepAnswersApart() throws Exception {
    try (MockWebServer h2 = new MockWebServer()) {
      h2.setProtocols(List.of(Protocol.H2_PRIOR_KNOWLEDGE));
      h2.start();
      h2.enqueue(new MockResponse.Builder().code(500).body("oops").build());
      h2.enqueue(Fixtures.capture(KIMI));
      OkHttpClient base =
          new OkHttpClient.Builder().protocols(List.of(Protocol.H2_PRIOR_KNOWLEDGE)).build();
      try (OpenRouterClient overH2 =
          new OpenRouterClient(
              Fixtures.settings(h2, PATIENT, Optional.empty()), USER_AGENT, listener, base)) {
        ModelId kimi = new ModelId("moonshotai/kimi-k3");
        catchThrowableOfType(UpstreamException.class, () -> overH2.modelEndpoints(kimi));
        overH2.modelEndpoints(kimi);
      }

      assertThat(h2.takeRequest().getConnectionIndex()).isZero();
      assertThat(h2.takeRequest().getConnectionIndex()).isZero();
    }
  }

  @Test
  void anAnswerCarryingAnotherModelsIdIsABadResponse() {
    upstream.answer("moonshotai/kimi-k3-mirror", capture(KIMI));

    UpstreamException failure = failure("moonshotai/kimi-k3-mirror");

    assertThat(failure.reason()).isEqualTo(FailureReason.BAD_RESPONSE);
    assertThat(failure.getMessage()).doesNotContain("moonshotai/kimi-k3\"");
  }

  @Test
  void aFailedAnswerRetiresItsConnection() throws Exception {
    assertThat(failure("unknown/model").reason()).isEqualTo(FailureReason.NOT_FOUND);
    everyInnocentModelGetsItsOwnAnswer();

    assertThat(upstream.connections()).isEqualTo(2);
  }
}
