package dev.routewatch.exporter.openrouter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.routewatch.exporter.config.ModelId;
import java.util.Map;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every real capture, served byte for byte over a socket, parses to the values it holds. */
class RealCapturesTest {

  @StartStop private final MockWebServer server = new MockWebServer();
  private final Fixtures.RecordingListener listener = new Fixtures.RecordingListener();
  private OpenRouterClient client;

  @BeforeEach
  void start() {
    client = Fixtures.patientClient(server, listener);
  }

  @AfterEach
  void stop() {
    client.close();
  }

  private ModelEndpoints serve(String capture, String model) throws Exception {
    server.enqueue(Fixtures.capture(capture));
    return client.modelEndpoints(new ModelId(model));
  }

  @ParameterizedTest
  @CsvSource({
    "01-typesafe-jev-1.13-endpoints-latency-null.json, typesafe/jev-1.13, 1",
    "02-upstage-solar-decide-endpoints-status-minus2.json, upstage/solar-decide, 2",
    "03-jaredpalmer-kev-4b-endpoints-latency-null.json, jaredpalmer/kev-4b, 1",
    "04-alias-typesafe-jev-latest-empty-endpoints.json, ~typesafe/jev-latest, 0",
    "05-router-typesafe-jev-router-empty-endpoints.json, typesafe/jev-router, 0",
    "06-moonshotai-kimi-k3-endpoints-with-latency-reduced.json, moonshotai/kimi-k3, 4",
    "07-anthropic-claude-fable-5.1-azure-endpoint-element-as-body.json,"
        + " anthropic/claude-fable-5.1, 1",
    "08-nex-agi-nex-n2.5-pro-free-endpoints-trimmed.json, nex-agi/nex-n2.5-pro:free, 1",
    "09-deepseek-chat-v3.1-endpoints-2025-trimmed.json, deepseek/deepseek-chat-v3.1, 1",
  })
  void everyCaptureParsesToItsModelAndEndpointCount(String capture, String model, int endpoints)
      throws Exception {
    ModelEndpoints answer = serve(capture, model);

    assertThat(answer.id()).isEqualTo(model);
    assertThat(answer.endpoints()).hasSize(endpoints);
    assertThat(listener.codes()).containsExactly("200");
  }

  @Test
  void answerWithoutKeyHasNullLatencyAndThroughput() throws Exception {
    ModelEndpoints answer =
        serve("01-typesafe-jev-1.13-endpoints-latency-null.json", "typesafe/jev-1.13");

    assertThat(answer.name()).isEqualTo("TypeSafe: Jev 1.13");
    assertThat(answer.created()).isEqualTo(1789689684L);
    assertThat(answer.architecture())
        .isEqualTo(new ModelEndpoints.Architecture("Other", null, "text->decisions"));
    Endpoint endpoint = answer.endpoints().get(0);
    assertThat(endpoint.name()).isEqualTo("TypeSafe | typesafe/jev-1.13-20260917");
    assertThat(endpoint.providerName()).isEqualTo("TypeSafe");
    assertThat(endpoint.tag()).isEqualTo("typesafe");
    assertThat(endpoint.quantization()).isEqualTo("unknown");
    assertThat(endpoint.contextLength()).isEqualTo(32000L);
    assertThat(endpoint.maxCompletionTokens()).isEqualTo(28800L);
    assertThat(endpoint.maxPromptTokens()).isNull();
    assertThat(endpoint.status()).isZero();
    assertThat(endpoint.uptimeLast5m()).isEqualTo(100.0);
    assertThat(endpoint.uptimeLast30m()).isEqualTo(100.0);
    assertThat(endpoint.uptimeLast1d()).isEqualTo(100.0);
    assertThat(endpoint.latencyLast30m()).isNull();
    assertThat(endpoint.throughputLast30m()).isNull();
    assertThat(endpoint.supportsImplicitCaching()).isFalse();
    assertThat(endpoint.pricing().prices()).containsOnlyKeys("prompt", "completion");
    assertThat(endpoint.pricing().prices().get("prompt")).isEqualByComparingTo("0.000000042");
    assertThat(endpoint.pricing().prices().get("completion")).isEqualByComparingTo("0");
    assertThat(endpoint.pricing().discount()).isEqualByComparingTo("0");
  }

  @Test
  void deprioritisedEndpointKeepsItsNegativeStatusAndHalfDiscount() throws Exception {
    ModelEndpoints answer =
        serve("02-upstage-solar-decide-endpoints-status-minus2.json", "upstage/solar-decide");

    assertThat(answer.endpoints())
        .extracting(Endpoint::tag, Endpoint::status)
        .containsExactly(tuple("upstage/zdr", 0), tuple("upstage", -2));
    Endpoint deprioritised = answer.endpoints().get(1);
    assertThat(deprioritised.uptimeLast5m()).isNull();
    assertThat(deprioritised.uptimeLast30m()).isEqualTo(89.1891891891892);
    assertThat(deprioritised.pricing().discount()).isEqualByComparingTo("0.5");
    assertThat(deprioritised.pricing().prices().get("input_cache_read"))
        .isEqualByComparingTo("0.00000005");
  }

  @Test
  void quantisedEndpointKeepsItsTagAndQuantization() throws Exception {
    Endpoint endpoint =
        serve("03-jaredpalmer-kev-4b-endpoints-latency-null.json", "jaredpalmer/kev-4b")
            .endpoints()
            .get(0);

    assertThat(endpoint.tag()).isEqualTo("siliconflow/fp8");
    assertThat(endpoint.quantization()).isEqualTo("fp8");
  }

  @Test
  void aliasAnswerHasNoEndpointsAndARouterTokenizer() throws Exception {
    ModelEndpoints answer =
        serve("04-alias-typesafe-jev-latest-empty-endpoints.json", "~typesafe/jev-latest");

    assertThat(answer.endpoints()).isEmpty();
    assertThat(answer.architecture().tokenizer()).isEqualTo("Router");
  }

  @Test
  void answerWithKeyHasLatencyInMillisecondsAndThroughputPercentiles() throws Exception {
    ModelEndpoints answer =
        serve("06-moonshotai-kimi-k3-endpoints-with-latency-reduced.json", "moonshotai/kimi-k3");

    assertThat(answer.endpoints())
        .extracting(Endpoint::tag)
        .containsExactly("fireworks", "alibaba", "fireworks/fast", "morph/fast");
    assertThat(answer.endpoints()).extracting(Endpoint::status).containsExactly(0, -2, 0, -2);
    Endpoint fireworks = answer.endpoints().get(0);
    assertThat(fireworks.latencyLast30m())
        .isEqualTo(new Endpoint.Percentiles(2687.0, 4162.25, 5954.0, 30351.360000000015));
    assertThat(fireworks.throughputLast30m())
        .isEqualTo(new Endpoint.Percentiles(35.0, 42.0, 47.0, 58.0));
    assertThat(fireworks.maxCompletionTokens()).isNull();
    Endpoint morph = answer.endpoints().get(3);
    assertThat(morph.quantization()).isEqualTo("fp4");
    assertThat(morph.uptimeLast5m()).isNull();
    assertThat(morph.uptimeLast1d()).isEqualTo(82.41507018426226);
  }

  @Test
  void endpointWithOnlyADayOfUptimeHasEveryPricingKey() throws Exception {
    Endpoint azure =
        serve(
                "07-anthropic-claude-fable-5.1-azure-endpoint-element-as-body.json",
                "anthropic/claude-fable-5.1")
            .endpoints()
            .get(0);

    assertThat(azure.uptimeLast5m()).isNull();
    assertThat(azure.uptimeLast30m()).isNull();
    assertThat(azure.uptimeLast1d()).isEqualTo(99.45459503681484);
    assertThat(azure.pricing().prices())
        .containsOnlyKeys(
            "prompt",
            "completion",
            "web_search",
            "input_cache_read",
            "input_cache_write",
            "input_cache_write_1h");
    assertThat(azure.pricing().prices().get("web_search")).isEqualByComparingTo("0.01");
    assertThat(azure.pricing().prices().get("input_cache_write_1h"))
        .isEqualByComparingTo("0.00002");
    assertThat(azure.supportedParameters())
        .hasSize(10)
        .startsWith("reasoning", "include_reasoning", "structured_outputs");
    assertThat(azure.supportsToolChoice())
        .isEqualTo(Map.of("none", true, "auto", true, "required", true, "function", true));
    assertThat(azure.perfLast30mByWorkload()).isNull();
  }

  @Test
  void freeVariantAnswerWithoutModelDetailsStillParses() throws Exception {
    ModelEndpoints answer =
        serve("08-nex-agi-nex-n2.5-pro-free-endpoints-trimmed.json", "nex-agi/nex-n2.5-pro:free");

    assertThat(answer.name()).isNull();
    assertThat(answer.created()).isNull();
    assertThat(answer.architecture()).isNull();
    Endpoint endpoint = answer.endpoints().get(0);
    assertThat(endpoint.tag()).isEqualTo("nex-agi/fp8");
    assertThat(endpoint.contextLength()).isEqualTo(262144L);
    assertThat(endpoint.uptimeLast5m()).isEqualTo(96.57768651608487);
  }

  @Test
  void olderAnswerWithPricesAsNumbersGivesExactZerosAndAbsentFields() throws Exception {
    ModelEndpoints answer =
        serve("09-deepseek-chat-v3.1-endpoints-2025-trimmed.json", "deepseek/deepseek-chat-v3.1");

    assertThat(answer.architecture().instructType()).isEqualTo("deepseek-v3.1");
    Endpoint chutes = answer.endpoints().get(0);
    assertThat(chutes.pricing().prices())
        .containsOnlyKeys(
            "prompt",
            "completion",
            "request",
            "image",
            "image_output",
            "web_search",
            "internal_reasoning");
    assertThat(chutes.pricing().prices().get("prompt")).isEqualByComparingTo("0.0000002");
    assertThat(chutes.pricing().prices().get("request")).isEqualByComparingTo("0");
    assertThat(chutes.pricing().prices().get("internal_reasoning")).isEqualByComparingTo("0");
    assertThat(chutes.quantization()).isNull();
    assertThat(chutes.uptimeLast5m()).isNull();
    assertThat(chutes.uptimeLast1d()).isNull();
    assertThat(chutes.uptimeLast30m()).isEqualTo(99.33169971040321);
    assertThat(chutes.latencyLast30m()).isNull();
    assertThat(chutes.status()).isZero();
  }
}
