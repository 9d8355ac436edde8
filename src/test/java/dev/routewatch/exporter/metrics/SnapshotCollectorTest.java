package dev.routewatch.exporter.metrics;

import static dev.routewatch.exporter.metrics.Fixtures.answer;
import static dev.routewatch.exporter.metrics.Fixtures.parse;
import static dev.routewatch.exporter.metrics.Fixtures.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.routewatch.exporter.MutableClock;
import dev.routewatch.exporter.config.ModelId;
import dev.routewatch.exporter.openrouter.Catalog;
import dev.routewatch.exporter.openrouter.FailureReason;
import dev.routewatch.exporter.openrouter.ModelEndpoints;
import dev.routewatch.exporter.snapshot.Lifecycles;
import dev.routewatch.exporter.snapshot.SnapshotStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SnapshotCollectorTest {

  private static final Instant POLLED_AT = Instant.parse("2026-09-28T16:00:00Z");
  private static final Duration STALE_AFTER = Duration.ofMinutes(10);
  private static final Duration TOOK = Duration.ofMillis(250);
  private static final ModelId JEV = new ModelId("typesafe/jev-1.13");
  private static final ModelId KIMI = new ModelId("moonshotai/kimi-k3");
  private static final String JEV_ANSWER = "01-typesafe-jev-1.13-endpoints-latency-null.json";
  private static final String KIMI_ANSWER =
      "06-moonshotai-kimi-k3-endpoints-with-latency-reduced.json";

  @Test
  void oneEndpointRendersAsThisExposition() {
    SnapshotStore store = polledOnce(JEV, answer(JEV_ANSWER));

    assertThat(scrape(store, POLLED_AT))
        .isEqualTo(
            """
            # HELP openrouter_endpoint_info Endpoint metadata, value 1: OpenRouter's name, quantization and supports_implicit_caching. Cached from the model's last successful poll.
            # TYPE openrouter_endpoint_info gauge
            openrouter_endpoint_info{endpoint="typesafe",model="typesafe/jev-1.13",name="TypeSafe | typesafe/jev-1.13-20260917",provider="TypeSafe",quantization="unknown",supports_implicit_caching="false"} 1
            # HELP openrouter_endpoint_context_length_tokens Context window in tokens: OpenRouter's context_length. Cached from the model's last successful poll.
            # TYPE openrouter_endpoint_context_length_tokens gauge
            openrouter_endpoint_context_length_tokens{endpoint="typesafe",model="typesafe/jev-1.13",provider="TypeSafe"} 32000.0
            # HELP openrouter_endpoint_discount_ratio Discount on the endpoint's prices: OpenRouter's pricing.discount. Cached from the model's last successful poll.
            # TYPE openrouter_endpoint_discount_ratio gauge
            openrouter_endpoint_discount_ratio{endpoint="typesafe",model="typesafe/jev-1.13",provider="TypeSafe"} 0.0
            # HELP openrouter_endpoint_effective_token_price_usd Price in USD per token in effect at scrape time for a prompt below every tier, by kind: OpenRouter's pricing.<kind>, overridden by the pricing.overrides[] time windows (UTC) open at scrape time, later entries winning, times 1 - pricing.discount; absent while the price is dynamic (-1). Cached from the model's last successful poll.
            # TYPE openrouter_endpoint_effective_token_price_usd gauge
            openrouter_endpoint_effective_token_price_usd{endpoint="typesafe",kind="completion",model="typesafe/jev-1.13",provider="TypeSafe"} 0.0
            openrouter_endpoint_effective_token_price_usd{endpoint="typesafe",kind="prompt",model="typesafe/jev-1.13",provider="TypeSafe"} 4.2E-8
            # HELP openrouter_endpoint_max_completion_tokens Most tokens one completion may have: OpenRouter's max_completion_tokens. Cached from the model's last successful poll.
            # TYPE openrouter_endpoint_max_completion_tokens gauge
            openrouter_endpoint_max_completion_tokens{endpoint="typesafe",model="typesafe/jev-1.13",provider="TypeSafe"} 28800.0
            # HELP openrouter_endpoint_status Endpoint status: OpenRouter's status (0 normal, negative deprioritised). Cached from the model's last successful poll.
            # TYPE openrouter_endpoint_status gauge
            openrouter_endpoint_status{endpoint="typesafe",model="typesafe/jev-1.13",provider="TypeSafe"} 0.0
            # HELP openrouter_endpoint_token_price_usd Price in USD per token, by kind: OpenRouter's pricing.<kind>; absent while the price is dynamic (-1). Cached from the model's last successful poll.
            # TYPE openrouter_endpoint_token_price_usd gauge
            openrouter_endpoint_token_price_usd{endpoint="typesafe",kind="completion",model="typesafe/jev-1.13",provider="TypeSafe"} 0.0
            openrouter_endpoint_token_price_usd{endpoint="typesafe",kind="prompt",model="typesafe/jev-1.13",provider="TypeSafe"} 4.2E-8
            # HELP openrouter_endpoint_uptime_last_1d_ratio Share of successful requests over the last day: OpenRouter's uptime_last_1d / 100. Cached from the model's last successful poll.
            # TYPE openrouter_endpoint_uptime_last_1d_ratio gauge
            openrouter_endpoint_uptime_last_1d_ratio{endpoint="typesafe",model="typesafe/jev-1.13",provider="TypeSafe"} 1.0
            # HELP openrouter_endpoint_uptime_last_30m_ratio Share of successful requests over the last 30 minutes: OpenRouter's uptime_last_30m / 100. Cached from the model's last successful poll.
            # TYPE openrouter_endpoint_uptime_last_30m_ratio gauge
            openrouter_endpoint_uptime_last_30m_ratio{endpoint="typesafe",model="typesafe/jev-1.13",provider="TypeSafe"} 1.0
            # HELP openrouter_endpoint_uptime_last_5m_ratio Share of successful requests over the last 5 minutes: OpenRouter's uptime_last_5m / 100. Cached from the model's last successful poll.
            # TYPE openrouter_endpoint_uptime_last_5m_ratio gauge
            openrouter_endpoint_uptime_last_5m_ratio{endpoint="typesafe",model="typesafe/jev-1.13",provider="TypeSafe"} 1.0
            # HELP openrouter_last_successful_poll_timestamp_seconds Unix time of the model's last successful poll.
            # TYPE openrouter_last_successful_poll_timestamp_seconds gauge
            openrouter_last_successful_poll_timestamp_seconds{model="typesafe/jev-1.13"} 1.7906112E9
            # HELP openrouter_model_info Model metadata, value 1: OpenRouter's data.name and data.architecture tokenizer, instruct_type and modality. Cached from the model's last successful poll.
            # TYPE openrouter_model_info gauge
            openrouter_model_info{instruct_type="",modality="text->decisions",model="typesafe/jev-1.13",name="TypeSafe: Jev 1.13",tokenizer="Other"} 1
            # HELP openrouter_model_created_timestamp_seconds When OpenRouter added the model, Unix time: OpenRouter's data.created. Cached from the model's last successful poll.
            # TYPE openrouter_model_created_timestamp_seconds gauge
            openrouter_model_created_timestamp_seconds{model="typesafe/jev-1.13"} 1.789689684E9
            # HELP openrouter_model_data_timestamp_seconds When OpenRouter produced the answer of the model's last successful poll: its Date header minus its Age header (Date alone without Age, the poll's time without Date).
            # TYPE openrouter_model_data_timestamp_seconds gauge
            openrouter_model_data_timestamp_seconds{model="typesafe/jev-1.13"} 1.7906112E9
            # HELP openrouter_model_endpoints Endpoints serving the model: the length of OpenRouter's data.endpoints. Cached from the model's last successful poll.
            # TYPE openrouter_model_endpoints gauge
            openrouter_model_endpoints{model="typesafe/jev-1.13"} 1.0
            # HELP openrouter_model_label_values_truncated Label values from the model's answer that were longer than 256 characters and were cut to end in an ellipsis, U+2026 (provider, endpoint, name, quantization, tokenizer, instruct_type, modality, workload, parameter, mode, tool). Cached from the model's last successful poll.
            # TYPE openrouter_model_label_values_truncated gauge
            openrouter_model_label_values_truncated{model="typesafe/jev-1.13"} 0.0
            # HELP openrouter_poll_duration_seconds How long the model's latest poll took.
            # TYPE openrouter_poll_duration_seconds gauge
            openrouter_poll_duration_seconds{model="typesafe/jev-1.13"} 0.25
            # HELP openrouter_poll_errors_total Failed polls of the model, by reason.
            # TYPE openrouter_poll_errors_total counter
            openrouter_poll_errors_total{model="typesafe/jev-1.13",reason="bad_response"} 0.0
            openrouter_poll_errors_total{model="typesafe/jev-1.13",reason="http_error"} 0.0
            openrouter_poll_errors_total{model="typesafe/jev-1.13",reason="io_error"} 0.0
            openrouter_poll_errors_total{model="typesafe/jev-1.13",reason="not_found"} 0.0
            openrouter_poll_errors_total{model="typesafe/jev-1.13",reason="rate_limited"} 0.0
            openrouter_poll_errors_total{model="typesafe/jev-1.13",reason="timeout"} 0.0
            # HELP openrouter_up 1 if the model's latest poll succeeded, else 0.
            # TYPE openrouter_up gauge
            openrouter_up{model="typesafe/jev-1.13"} 1.0
            """);
  }

  @Test
  void aNullSourceValueLeavesItsSeriesAbsent() {
    // 01 has null latency, throughput and max_prompt_tokens; 02 has a null uptime_last_5m.
    ModelId solar = new ModelId("upstage/solar-decide");
    SnapshotStore store = new SnapshotStore(List.of(JEV, solar));
    store.update(
        JEV, state -> state.succeeded(answer(JEV_ANSWER), MutableClock.moment(POLLED_AT), TOOK));
    store.update(
        solar,
        state ->
            state.succeeded(
                answer("02-upstage-solar-decide-endpoints-status-minus2.json"),
                MutableClock.moment(POLLED_AT),
                TOOK));

    String text = scrape(store, POLLED_AT);

    assertThat(text)
        .doesNotContain("openrouter_endpoint_latency_last_30m_seconds")
        .doesNotContain("openrouter_endpoint_throughput_last_30m_tokens_per_second")
        .doesNotContain("openrouter_endpoint_max_prompt_tokens")
        .doesNotContain("NaN")
        .contains("openrouter_endpoint_max_completion_tokens{");
    assertThat(lines(text, "openrouter_endpoint_uptime_last_5m_ratio{"))
        .isEqualTo(
            """
            openrouter_endpoint_uptime_last_5m_ratio{endpoint="typesafe",model="typesafe/jev-1.13",provider="TypeSafe"} 1.0
            """);
  }

  @Test
  void endpointsSharingATagGetTheSmallestFreeNumber() {
    ModelEndpoints answer =
        parse(
            """
            {"id": "typesafe/jev-1.13",
             "endpoints": [{"tag": "a", "status": 0}, {"tag": "a#2", "status": -1},
                           {"tag": "a", "status": -2}]}
            """,
            ModelEndpoints.class);
    SnapshotStore store = polledOnce(JEV, answer);

    assertThat(lines(scrape(store, POLLED_AT), "openrouter_endpoint_status{"))
        .isEqualTo(
            """
            openrouter_endpoint_status{endpoint="a",model="typesafe/jev-1.13",provider=""} 0.0
            openrouter_endpoint_status{endpoint="a#2",model="typesafe/jev-1.13",provider=""} -1.0
            openrouter_endpoint_status{endpoint="a#3",model="typesafe/jev-1.13",provider=""} -2.0
            """);
  }

  @Test
  void afterAFailedPollTheLastGoodSeriesStayUntilStaleAfterHasPassed() {
    SnapshotStore store = polledOnce(JEV, answer(JEV_ANSWER));
    store.update(
        JEV,
        state ->
            state.failed(
                FailureReason.TIMEOUT,
                "no answer in 10s",
                MutableClock.moment(POLLED_AT.plusSeconds(60)),
                Duration.ofSeconds(10)));

    String lastFresh = scrape(store, POLLED_AT.plus(STALE_AFTER));
    assertThat(lastFresh)
        .contains("openrouter_endpoint_status{")
        .contains("openrouter_model_info{")
        .contains("openrouter_up{model=\"typesafe/jev-1.13\"} 0.0");

    assertThat(scrape(store, POLLED_AT.plus(STALE_AFTER).plusMillis(1)))
        .isEqualTo(
            """
            # HELP openrouter_last_successful_poll_timestamp_seconds Unix time of the model's last successful poll.
            # TYPE openrouter_last_successful_poll_timestamp_seconds gauge
            openrouter_last_successful_poll_timestamp_seconds{model="typesafe/jev-1.13"} 1.7906112E9
            # HELP openrouter_model_data_timestamp_seconds When OpenRouter produced the answer of the model's last successful poll: its Date header minus its Age header (Date alone without Age, the poll's time without Date).
            # TYPE openrouter_model_data_timestamp_seconds gauge
            openrouter_model_data_timestamp_seconds{model="typesafe/jev-1.13"} 1.7906112E9
            # HELP openrouter_poll_duration_seconds How long the model's latest poll took.
            # TYPE openrouter_poll_duration_seconds gauge
            openrouter_poll_duration_seconds{model="typesafe/jev-1.13"} 10.0
            # HELP openrouter_poll_errors_total Failed polls of the model, by reason.
            # TYPE openrouter_poll_errors_total counter
            openrouter_poll_errors_total{model="typesafe/jev-1.13",reason="bad_response"} 0.0
            openrouter_poll_errors_total{model="typesafe/jev-1.13",reason="http_error"} 0.0
            openrouter_poll_errors_total{model="typesafe/jev-1.13",reason="io_error"} 0.0
            openrouter_poll_errors_total{model="typesafe/jev-1.13",reason="not_found"} 0.0
            openrouter_poll_errors_total{model="typesafe/jev-1.13",reason="rate_limited"} 0.0
            openrouter_poll_errors_total{model="typesafe/jev-1.13",reason="timeout"} 1.0
            # HELP openrouter_up 1 if the model's latest poll succeeded, else 0.
            # TYPE openrouter_up gauge
            openrouter_up{model="typesafe/jev-1.13"} 0.0
            """);
  }

  @Test
  void anEndpointGoneFromALaterAnswerIsGoneFromTheNextScrape() {
    ModelEndpoints full = answer(KIMI_ANSWER);
    ModelEndpoints fireworksOnly =
        new ModelEndpoints(
            full.id(),
            full.name(),
            full.created(),
            full.architecture(),
            full.endpoints().subList(0, 1));
    SnapshotStore store = polledOnce(KIMI, full);
    assertThat(lines(scrape(store, POLLED_AT), "openrouter_endpoint_info{")).hasLineCount(4);

    store.update(
        KIMI,
        state ->
            state.succeeded(fireworksOnly, MutableClock.moment(POLLED_AT.plusSeconds(60)), TOOK));
    String text = scrape(store, POLLED_AT.plusSeconds(60));

    assertThat(text).doesNotContain("alibaba").doesNotContain("morph/fast");
    assertThat(lines(text, "openrouter_endpoint_status{"))
        .isEqualTo(
            """
            openrouter_endpoint_status{endpoint="fireworks",model="moonshotai/kimi-k3",provider="Fireworks"} 0.0
            """);
    assertThat(lines(text, "openrouter_model_endpoints{"))
        .isEqualTo(
            """
            openrouter_model_endpoints{model="moonshotai/kimi-k3"} 1.0
            """);
  }

  @Test
  void pricesRenderAsExactDoublesWhetherSentAsStringsOrNumbers() {
    ModelEndpoints answer =
        parse(
            """
            {"id": "moonshotai/kimi-k3",
             "endpoints": [{"provider_name": "Fireworks", "tag": "fireworks",
               "pricing": {"prompt": "0.000003", "completion": 0.000015, "image": "-1",
                           "request": 0, "web_search": "0.01", "input_cache_write_1h": "0.00002",
                           "some_future_kind": "0.5", "discount": 0.25}}]}
            """,
            ModelEndpoints.class);
    SnapshotStore store = polledOnce(KIMI, answer);

    String text = scrape(store, POLLED_AT);

    assertThat(
            lines(text, "openrouter_endpoint_token_price_usd{")
                + lines(text, "openrouter_endpoint_unit_price_usd{")
                + lines(text, "openrouter_endpoint_discount_ratio{"))
        .isEqualTo(
            """
            openrouter_endpoint_token_price_usd{endpoint="fireworks",kind="completion",model="moonshotai/kimi-k3",provider="Fireworks"} 1.5E-5
            openrouter_endpoint_token_price_usd{endpoint="fireworks",kind="input_cache_write_1h",model="moonshotai/kimi-k3",provider="Fireworks"} 2.0E-5
            openrouter_endpoint_token_price_usd{endpoint="fireworks",kind="prompt",model="moonshotai/kimi-k3",provider="Fireworks"} 3.0E-6
            openrouter_endpoint_unit_price_usd{endpoint="fireworks",kind="request",model="moonshotai/kimi-k3",provider="Fireworks"} 0.0
            openrouter_endpoint_unit_price_usd{endpoint="fireworks",kind="web_search",model="moonshotai/kimi-k3",provider="Fireworks"} 0.01
            openrouter_endpoint_discount_ratio{endpoint="fireworks",model="moonshotai/kimi-k3",provider="Fireworks"} 0.25
            """);
    assertThat(lines(text, "openrouter_endpoint_effective_token_price_usd{"))
        .as("the discount applied")
        .isEqualTo(
            """
            openrouter_endpoint_effective_token_price_usd{endpoint="fireworks",kind="completion",model="moonshotai/kimi-k3",provider="Fireworks"} 1.125E-5
            openrouter_endpoint_effective_token_price_usd{endpoint="fireworks",kind="input_cache_write_1h",model="moonshotai/kimi-k3",provider="Fireworks"} 1.5E-5
            openrouter_endpoint_effective_token_price_usd{endpoint="fireworks",kind="prompt",model="moonshotai/kimi-k3",provider="Fireworks"} 2.25E-6
            """);
    assertThat(text).doesNotContain("some_future_kind").doesNotContain("kind=\"image\"");
  }

  @Test
  void latencyIsConvertedFromMillisecondsAndUptimeFromPercent() {
    SnapshotStore store = polledOnce(KIMI, answer(KIMI_ANSWER));

    String text = scrape(store, POLLED_AT);

    // alibaba: latency p90 24973.2 ms, throughput p90 18, uptime_last_5m 72.72727272727273 %.
    assertThat(lines(text, "endpoint=\"alibaba\",model=\"moonshotai/kimi-k3\",percentile=\"p90\""))
        .isEqualTo(
            """
            openrouter_endpoint_latency_last_30m_seconds{endpoint="alibaba",model="moonshotai/kimi-k3",percentile="p90",provider="Alibaba"} 24.9732
            openrouter_endpoint_throughput_last_30m_tokens_per_second{endpoint="alibaba",model="moonshotai/kimi-k3",percentile="p90",provider="Alibaba"} 18.0
            """);
    assertThat(lines(text, "openrouter_endpoint_uptime_last_5m_ratio{endpoint=\"alibaba\""))
        .isEqualTo(
            """
            openrouter_endpoint_uptime_last_5m_ratio{endpoint="alibaba",model="moonshotai/kimi-k3",provider="Alibaba"} 0.7272727272727273
            """);
  }

  @Test
  void seriesCarryThePolledModelIdEvenWhereDataIdDiffers() {
    ModelId alias = new ModelId("~typesafe/jev-latest");
    SnapshotStore store = polledOnce(alias, answer(JEV_ANSWER));

    assertThat(scrape(store, POLLED_AT))
        .doesNotContain("model=\"typesafe/jev-1.13\"")
        .contains(
            "openrouter_endpoint_status{endpoint=\"typesafe\",model=\"~typesafe/jev-latest\",provider=\"TypeSafe\"} 0.0");
  }

  @Test
  void theDataTimestampIsWhenOpenRouterProducedTheAnswerNotWhenItArrived() {
    Instant produced = POLLED_AT.minusSeconds(162);
    SnapshotStore store = polledOnce(JEV, answer(JEV_ANSWER).withProducedAt(produced));

    assertThat(lines(scrape(store, POLLED_AT), "openrouter_model_data_timestamp_seconds"))
        .isEqualTo(
            """
            openrouter_model_data_timestamp_seconds{model="typesafe/jev-1.13"} 1.790611038E9
            """);
  }

  @Test
  void anAnswerWithoutEndpointsStillHasItsModelSeries() {
    ModelId alias = new ModelId("~typesafe/jev-latest");
    SnapshotStore store =
        polledOnce(alias, answer("04-alias-typesafe-jev-latest-empty-endpoints.json"));

    String text = scrape(store, POLLED_AT);

    assertThat(text).doesNotContain("openrouter_endpoint_");
    assertThat(lines(text, "openrouter_model_"))
        .isEqualTo(
            """
            openrouter_model_info{instruct_type="",modality="text->decisions",model="~typesafe/jev-latest",name="TypeSafe: Jev Latest",tokenizer="Router"} 1
            openrouter_model_created_timestamp_seconds{model="~typesafe/jev-latest"} 1.789689685E9
            openrouter_model_data_timestamp_seconds{model="~typesafe/jev-latest"} 1.7906112E9
            openrouter_model_endpoints{model="~typesafe/jev-latest"} 0.0
            openrouter_model_label_values_truncated{model="~typesafe/jev-latest"} 0.0
            """);
  }

  @Test
  void aModelNeverPolledHasOnlyItsErrorCounters() {
    SnapshotStore store = new SnapshotStore(List.of(JEV));

    assertThat(scrape(store, POLLED_AT))
        .isEqualTo(
            """
            # HELP openrouter_poll_errors_total Failed polls of the model, by reason.
            # TYPE openrouter_poll_errors_total counter
            openrouter_poll_errors_total{model="typesafe/jev-1.13",reason="bad_response"} 0.0
            openrouter_poll_errors_total{model="typesafe/jev-1.13",reason="http_error"} 0.0
            openrouter_poll_errors_total{model="typesafe/jev-1.13",reason="io_error"} 0.0
            openrouter_poll_errors_total{model="typesafe/jev-1.13",reason="not_found"} 0.0
            openrouter_poll_errors_total{model="typesafe/jev-1.13",reason="rate_limited"} 0.0
            openrouter_poll_errors_total{model="typesafe/jev-1.13",reason="timeout"} 0.0
            """);
  }

  /** A store of one model whose first poll, at POLLED_AT, brought {@code answer}. */
  @Test
  void theCatalogsLifecyclesShowForPolledModelsUntilStaleAfterPastTheNextReadDue() {
    ModelId alias = new ModelId("~typesafe/jev-latest");
    SnapshotStore store = new SnapshotStore(List.of(JEV, alias));
    Instant expiry = Instant.parse("2027-01-15T00:00:00Z");
    Duration interval = Duration.ofHours(1);
    store.updateLifecycles(
        new Lifecycles(
            Map.of(
                JEV.value(),
                new Catalog.Lifecycle(expiry, "typesafe/not-an-alias"),
                alias.value(),
                new Catalog.Lifecycle(null, JEV.value()),
                "other/unpolled",
                new Catalog.Lifecycle(expiry, null)),
            MutableClock.moment(POLLED_AT.plus(interval))));

    String shown = scrape(store, POLLED_AT.plus(interval).plus(STALE_AFTER));
    assertThat(lines(shown, "openrouter_model_expiration_timestamp_seconds"))
        .isEqualTo(
            "openrouter_model_expiration_timestamp_seconds{model=\"typesafe/jev-1.13\"} 1.7999712E9\n");
    assertThat(lines(shown, "openrouter_model_alias_target_info"))
        .isEqualTo(
            "openrouter_model_alias_target_info{model=\"~typesafe/jev-latest\",target=\"typesafe/jev-1.13\"} 1\n");

    assertThat(scrape(store, POLLED_AT.plus(interval).plus(STALE_AFTER).plusSeconds(1)))
        .doesNotContain("openrouter_model_expiration_", "openrouter_model_alias_target_");
  }

  private static SnapshotStore polledOnce(ModelId model, ModelEndpoints answer) {
    SnapshotStore store = new SnapshotStore(List.of(model));
    store.update(model, state -> state.succeeded(answer, MutableClock.moment(POLLED_AT), TOOK));
    return store;
  }

  private static String scrape(SnapshotStore store, Instant at) {
    return text(
        new SnapshotCollector(
                store, new SnapshotCollector.Settings(STALE_AFTER, false), new MutableClock(at))
            .collect());
  }

  /** The sample lines of {@code text} that contain {@code part}, each ending in a newline. */
  private static String lines(String text, String part) {
    return text.lines()
        .filter(line -> !line.startsWith("#") && line.contains(part))
        .map(line -> line + "\n")
        .collect(Collectors.joining());
  }
}
