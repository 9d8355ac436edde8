package dev.routewatch.exporter.openrouter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.routewatch.exporter.Captures;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Parsing rules on small made-up answers; the real ones are in RealCapturesTest. */
class AnswerParserTest {

  private static ModelEndpoints parse(String body) throws UpstreamException {
    return AnswerParser.modelEndpoints(body.getBytes(StandardCharsets.UTF_8));
  }

  /** An answer with one endpoint made of {@code fields}. */
  private static Endpoint endpoint(String fields) throws UpstreamException {
    return parse("{\"data\":{\"id\":\"a/b\",\"endpoints\":[{" + fields + "}]}}").endpoints().get(0);
  }

  @Test
  void numbersSentAsStringsAreRead() throws UpstreamException {
    Endpoint endpoint =
        endpoint(
            """
            "status": "-2", "context_length": "100", "uptime_last_30m": "99.5",
            "latency_last_30m": {"p50": "250", "p75": 300, "p90": "412.5", "p99": null}
            """);

    assertThat(endpoint.status()).isEqualTo(-2);
    assertThat(endpoint.contextLength()).isEqualTo(100L);
    assertThat(endpoint.uptimeLast30m()).isEqualTo(99.5);
    assertThat(endpoint.latencyLast30m())
        .isEqualTo(new Endpoint.Percentiles(250.0, 300.0, 412.5, null));
  }

  @Test
  void statusDefaultOfTheSeedDocumentIsAbsent() throws UpstreamException {
    assertThat(endpoint("\"status\": \"default\", \"tag\": \"openai\"").status()).isNull();
  }

  @Test
  void unreadableNumberOrBooleanIsAbsentAndTheRestOfTheAnswerStays() throws UpstreamException {
    Endpoint endpoint =
        endpoint(
            """
            "context_length": "n/a", "max_completion_tokens": "", "uptime_last_5m": "high",
            "supports_implicit_caching": "maybe", "tag": "fireworks", "max_prompt_tokens": 8192
            """);

    assertThat(endpoint.contextLength()).isNull();
    assertThat(endpoint.maxCompletionTokens()).isNull();
    assertThat(endpoint.uptimeLast5m()).isNull();
    assertThat(endpoint.supportsImplicitCaching()).isNull();
    assertThat(endpoint.tag()).isEqualTo("fireworks");
    assertThat(endpoint.maxPromptTokens()).isEqualTo(8192L);
  }

  @Test
  void notANumberAndInfinityAreAbsentNeverNaN() throws UpstreamException {
    Endpoint endpoint =
        endpoint(
            """
            "uptime_last_5m": "NaN", "uptime_last_30m": 1e400, "uptime_last_1d": "-Infinity",
            "throughput_last_30m": {"p50": "Infinity", "p75": 12}
            """);

    assertThat(endpoint.uptimeLast5m()).isNull();
    assertThat(endpoint.uptimeLast30m()).isNull();
    assertThat(endpoint.uptimeLast1d()).isNull();
    assertThat(endpoint.throughputLast30m())
        .isEqualTo(new Endpoint.Percentiles(null, 12.0, null, null));
  }

  @Test
  void pricesAsStringsOrNumbersAreExactAndDynamicOrUnreadableOnesAreDropped()
      throws UpstreamException {
    Pricing pricing =
        endpoint(
                """
                "pricing": {"prompt": "-1", "completion": 0.00000123456789012345678,
                  "request": "0", "image": "n/a", "web_search": null, "discount": "0.25",
                  "overrides": [{"min_prompt_tokens": 200000, "prompt": "0.000006"}]}
                """)
            .pricing();

    assertThat(pricing.prices()).containsOnlyKeys("completion", "request");
    assertThat(pricing.prices().get("completion"))
        .isEqualByComparingTo("0.00000123456789012345678");
    assertThat(pricing.prices().get("request")).isEqualByComparingTo("0");
    assertThat(pricing.discount()).isEqualByComparingTo("0.25");
    assertThat(pricing.overrides().tiers())
        .extracting(tier -> tier.minPromptTokens().intValueExact())
        .containsExactly(200000);
  }

  @Test
  void workloadsKeepTheirNamesOrderAndNullParts() throws UpstreamException {
    Endpoint endpoint =
        endpoint(
            """
            "perf_last_30m_by_workload": {
              "text_generation": {"latency": {"p50": 250, "p75": 300, "p90": 400, "p99": 900},
                                  "throughput": {"p50": "40", "p75": 35, "p90": 30, "p99": 20},
                                  "request_count": 81060},
              "embeddings": {"latency": null, "throughput": null, "request_count": "12"},
              "holography": {"request_count": null, "something_new": true},
              "tts": null}
            """);

    Map<String, Endpoint.Workload> workloads = endpoint.perfLast30mByWorkload();
    assertThat(workloads.keySet())
        .containsExactly("text_generation", "embeddings", "holography", "tts");
    assertThat(workloads.get("text_generation"))
        .isEqualTo(
            new Endpoint.Workload(
                new Endpoint.Percentiles(250.0, 300.0, 400.0, 900.0),
                new Endpoint.Percentiles(40.0, 35.0, 30.0, 20.0),
                81060L));
    assertThat(workloads.get("embeddings")).isEqualTo(new Endpoint.Workload(null, null, 12L));
    assertThat(workloads.get("holography")).isEqualTo(new Endpoint.Workload(null, null, null));
    assertThat(workloads.get("tts")).isNull();
  }

  @Test
  void supportedParametersAndToolChoiceModesAreKeptAsSentWithoutNulls() throws UpstreamException {
    Endpoint endpoint =
        endpoint(
            """
            "supported_parameters": ["tools", null, "tool_choice", "a_new_one"],
            "supports_tool_choice": {"none": true, "auto": "true", "required": false,
                                     "function": null, "parallel": "perhaps"}
            """);

    assertThat(endpoint.supportedParameters()).containsExactly("tools", "tool_choice", "a_new_one");
    Map<String, Boolean> modes = endpoint.supportsToolChoice();
    assertThat(modes.keySet()).containsExactly("none", "auto", "required", "function", "parallel");
    assertThat(modes)
        .containsEntry("none", true)
        .containsEntry("auto", true)
        .containsEntry("required", false);
    assertThat(modes.get("function")).isNull();
    assertThat(modes.get("parallel")).isNull();
  }

  @Test
  void unknownFieldsAnywhereAreIgnored() throws UpstreamException {
    ModelEndpoints answer =
        parse(
            """
            {"data": {"id": "a/b", "canonical_slug": {"nested": [1, 2]},
              "endpoints": [{"tag": "x", "perf_last_30m_by_workload": {"chat": {"p50": 1}}}]},
             "meta": "anything"}
            """);

    assertThat(answer.endpoints()).extracting(Endpoint::tag).containsExactly("x");
  }

  @Test
  void emptyEndpointListIsAValidAnswer() throws UpstreamException {
    assertThat(parse("{\"data\":{\"id\":\"~a/b\",\"endpoints\":[]}}").endpoints()).isEmpty();
  }

  @Test
  void nullEndpointInTheListIsSkipped() throws UpstreamException {
    ModelEndpoints answer = parse("{\"data\":{\"endpoints\":[null,{\"tag\":\"x\"},null]}}");

    assertThat(answer.endpoints()).extracting(Endpoint::tag).containsExactly("x");
  }

  static Stream<Arguments> answersOfTheWrongShape() {
    return Stream.of(
        Arguments.of("", "empty body"),
        Arguments.of("   ", "unexpected JSON at $"),
        Arguments.of("null", "unexpected JSON at $"),
        Arguments.of("[]", "unexpected JSON at $"),
        Arguments.of("\"ok\"", "unexpected JSON at $"),
        Arguments.of("<!DOCTYPE html><html></html>", "malformed JSON"),
        Arguments.of(
            "{\"data\":{\"endpoints\":[{\"tag\":\"x\"", "malformed JSON at $.data.endpoints[0]"),
        Arguments.of("{\"data\":{\"endpoints\":[]}} {}", "unexpected JSON at $"),
        Arguments.of("{\"data\":{\"endpoints\":[]}} <html>", "malformed JSON"),
        Arguments.of("{}", "unexpected JSON at $.data"),
        Arguments.of("{\"data\":null}", "unexpected JSON at $.data"),
        Arguments.of("{\"data\":[]}", "unexpected JSON at $.data"),
        Arguments.of("{\"data\":{\"id\":\"a/b\"}}", "unexpected JSON at $.data.endpoints"),
        Arguments.of("{\"data\":{\"endpoints\":null}}", "unexpected JSON at $.data.endpoints"),
        Arguments.of("{\"data\":{\"endpoints\":\"\"}}", "unexpected JSON at $.data.endpoints"),
        Arguments.of("{\"data\":{\"endpoints\":{}}}", "unexpected JSON at $.data.endpoints"),
        Arguments.of("{\"data\":{\"endpoints\":[42]}}", "unexpected JSON at $.data.endpoints[0]"),
        Arguments.of(
            "{\"data\":{\"endpoints\":[{},{\"status\":{}}]}}",
            "unexpected JSON at $.data.endpoints[1].status"),
        Arguments.of(
            "{\"data\":{\"endpoints\":[{\"latency_last_30m\":\"fast\"}]}}",
            "unexpected JSON at $.data.endpoints[0].latency_last_30m"),
        Arguments.of(
            "{\"data\":{\"endpoints\":[{\"pricing\":\"free\"}]}}",
            "unexpected JSON at $.data.endpoints[0].pricing"),
        Arguments.of("{\"data\":{\"id\":{},\"endpoints\":[]}}", "unexpected JSON at $.data.id"));
  }

  @ParameterizedTest
  @MethodSource("answersOfTheWrongShape")
  void answerOfTheWrongShapeIsABadResponseNamingOnlyWhere(String body, String message) {
    UpstreamException failure = catchThrowableOfType(UpstreamException.class, () -> parse(body));

    assertThat(failure.reason()).isEqualTo(FailureReason.BAD_RESPONSE);
    assertThat(failure.getMessage()).isEqualTo(message);
  }

  @Test
  void deepNestingIsRefusedBeforeItCostsStack() {
    String deep = "[".repeat(10_000);
    UpstreamException failure =
        catchThrowableOfType(
            UpstreamException.class,
            () -> parse("{\"data\":{\"endpoints\":[],\"x\":" + deep + "}}"));

    assertThat(failure.reason()).isEqualTo(FailureReason.BAD_RESPONSE);
    assertThat(failure.getMessage()).startsWith("JSON beyond parser limits");
  }

  @Test
  void overlongNumberIsRefused() {
    String digits = "1".repeat(5_000);
    UpstreamException failure =
        catchThrowableOfType(
            UpstreamException.class,
            () -> parse("{\"data\":{\"endpoints\":[{\"uptime_last_5m\":" + digits + "}]}}"));

    assertThat(failure.reason()).isEqualTo(FailureReason.BAD_RESPONSE);
    assertThat(failure.getMessage()).startsWith("JSON beyond parser limits");
  }

  @Test
  void fieldNameFromTheUpstreamIsNotEchoedInTheMessage() {
    String deep = "[".repeat(100);
    UpstreamException failure =
        catchThrowableOfType(
            UpstreamException.class,
            () -> parse("{\"data\":{\"endpoints\":[{\"Bearer sk-test-secret\":" + deep + "}]}}"));

    assertThat(failure.getMessage())
        .startsWith("JSON beyond parser limits at $.data.endpoints[0]")
        .doesNotContain("sk-test-secret");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          "context_length": 99999999999999999999 | context length too large for a long
          "context_length": 1.5                  | context length not whole
          "status": 3000000000                   | status too large for an int
          "status": -1.5                         | status not whole
          "status": "default"                    | status not a number
          """)
  void aWholeNumberThatDoesNotFitIsAbsentAndTheAnswerStays(String field, String why)
      throws Exception {
    Endpoint endpoint = endpoint(field + ", \"tag\": \"t\"");

    assertThat(endpoint.tag()).as(why).isEqualTo("t");
    assertThat(endpoint.contextLength()).as(why).isNull();
    assertThat(endpoint.status()).as(why).isNull();
  }

  @Test
  void wholeNumbersAsStringsAndWholeFloatsAreRead() throws Exception {
    Endpoint endpoint = endpoint("\"context_length\": \"8192\", \"status\": -2.0");

    assertThat(endpoint.contextLength()).isEqualTo(8192L);
    assertThat(endpoint.status()).isEqualTo(-2);
  }

  @Test
  void theRealCatalogExcerptGivesItsModelIds() throws Exception {
    byte[] body = Captures.bytes("10-models-list-excerpt-decisions-models.json");

    assertThat(AnswerParser.catalog(body).ids())
        .containsExactly(
            "upstage/solar-decide",
            "respan/span-01",
            "respan/span-01-lite",
            "respan/span-01-lite:free",
            "typesafe/jev-router",
            "jaredpalmer/kev-4b",
            "~typesafe/jev-latest",
            "typesafe/jev-1.13");
  }

  @Test
  void theRealCatalogExcerptGivesTheAliasItsTargetAndNoModelAnExpiry() throws Exception {
    byte[] body = Captures.bytes("10-models-list-excerpt-decisions-models.json");

    assertThat(AnswerParser.catalog(body).lifecycles())
        .containsExactly(
            Map.entry("~typesafe/jev-latest", new Catalog.Lifecycle(null, "typesafe/jev-1.13")));
  }

  @Test
  void anExpirationDateIsMidnightUtcAndOnlyModelsWithALifecycleAreKept() throws Exception {
    String catalog =
        "{\"data\":[{\"id\":\"a/one\",\"expiration_date\":\"2026-12-31\"},"
            + "{\"id\":\"b/two\",\"expiration_date\":null,\"alias_target\":null},"
            + "{\"id\":\"~c/three\",\"alias_target\":{\"name\":\"C\",\"slug\":\"c/three-1\"},"
            + "\"expiration_date\":\"2027-01-15\"}]}";

    Catalog parsed = AnswerParser.catalog(catalog.getBytes(StandardCharsets.UTF_8));

    assertThat(parsed.ids()).containsExactly("a/one", "b/two", "~c/three");
    assertThat(parsed.lifecycles())
        .containsOnly(
            Map.entry("a/one", new Catalog.Lifecycle(Instant.parse("2026-12-31T00:00:00Z"), null)),
            Map.entry(
                "~c/three",
                new Catalog.Lifecycle(Instant.parse("2027-01-15T00:00:00Z"), "c/three-1")));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "\"expiration_date\": \"31/12/2026\", \"alias_target\": {\"slug\": 42}",
        "\"expiration_date\": 20261231, \"alias_target\": \"a/b\"",
        "\"expiration_date\": {\"day\": 1}, \"alias_target\": {\"slug\": \"no id\"}",
      })
  void anUnreadableExpiryOrAliasTargetReadsAsAbsent(String fields) throws Exception {
    String catalog = "{\"data\":[{\"id\":\"a/one\"," + fields + "},{\"id\":\"b/two\"}]}";

    Catalog parsed = AnswerParser.catalog(catalog.getBytes(StandardCharsets.UTF_8));

    assertThat(parsed.ids()).containsExactly("a/one", "b/two");
    assertThat(parsed.lifecycles()).isEmpty();
  }

  @ParameterizedTest
  @Timeout(10)
  @ValueSource(
      strings = {
        "\"id\": {\"slug\": \"respan/span-01\"},",
        "\"id\": [\"respan/span-01\"],",
        "\"id\": 42,",
        "\"id\": null,",
        "\"id\": \"not a model id\",",
      })
  void aCatalogEntryWithoutAUsableIdCostsOnlyThatEntry(String brokenId) throws Exception {
    String catalog =
        new String(
            Captures.bytes("10-models-list-excerpt-decisions-models.json"), StandardCharsets.UTF_8);
    String broken = catalog.replace("\"id\": \"respan/span-01\",", brokenId);
    assertThat(broken).as("one entry broken").isNotEqualTo(catalog);

    assertThat(AnswerParser.catalog(broken.getBytes(StandardCharsets.UTF_8)).ids())
        .containsExactly(
            "upstage/solar-decide",
            "respan/span-01-lite",
            "respan/span-01-lite:free",
            "typesafe/jev-router",
            "jaredpalmer/kev-4b",
            "~typesafe/jev-latest",
            "typesafe/jev-1.13");
  }

  @ParameterizedTest
  @Timeout(10)
  @ValueSource(strings = {"null", "\"respan/span-01\"", "42", "[{\"id\": \"respan/span-01\"}]"})
  void aCatalogEntryThatIsNoObjectCostsOnlyThatEntry(String entry) throws Exception {
    String catalog =
        "{\"data\":[{\"id\":\"a/one\",\"pricing\":{\"prompt\":\"0\"}},"
            + entry
            + ",{\"id\":\"b/two\"}]}";

    assertThat(AnswerParser.catalog(catalog.getBytes(StandardCharsets.UTF_8)).ids())
        .containsExactly("a/one", "b/two");
  }

  @Test
  void aCatalogWithoutDataIsABadResponse() {
    UpstreamException failure =
        catchThrowableOfType(
            UpstreamException.class, () -> AnswerParser.catalog("{\"data\":null}".getBytes()));

    assertThat(failure.reason()).isEqualTo(FailureReason.BAD_RESPONSE);
  }
}
