package dev.routewatch.exporter.account;

import static org.assertj.core.api.Assertions.assertThat;

import dev.routewatch.exporter.Captures;
import dev.routewatch.exporter.MutableClock;
import dev.routewatch.exporter.config.ExporterConfig;
import dev.routewatch.exporter.config.ModelId;
import dev.routewatch.exporter.config.Otlp;
import dev.routewatch.exporter.config.Secret;
import dev.routewatch.exporter.openrouter.Credits;
import dev.routewatch.exporter.openrouter.FailureReason;
import dev.routewatch.exporter.openrouter.KeyInfo;
import dev.routewatch.exporter.openrouter.OpenRouterClient;
import dev.routewatch.exporter.poll.Backoff;
import dev.routewatch.exporter.poll.RequestBudget;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/**
 * Each account source read from a MockWebServer serving the real shapes: figures as sent, absent
 * where the answer lacks them, each source failing alone, and each key sent where it belongs.
 */
class AccountReaderTest {

  private static final Secret API_KEY = new Secret("sk-or-v1-api-key-of-the-test");
  private static final Secret MANAGEMENT_KEY = new Secret("sk-or-v1-management-key-of-the-test");
  private static final Duration INTERVAL = Duration.ofMinutes(5);
  private static final Instant NOW = Instant.parse("2026-09-30T10:15:00Z");

  @StartStop private final MockWebServer server = new MockWebServer();

  private final MutableClock clock = new MutableClock(NOW);
  private final AccountStore store = new AccountStore();
  private final List<String> forbidden = new ArrayList<>();

  private static MockResponse json(int code, String body) {
    return new MockResponse.Builder()
        .code(code)
        .setHeader("Content-Type", "application/json")
        .body(body)
        .build();
  }

  /**
   * An upstream answering each account path with {@code key}, {@code credits}, {@code activity}.
   */
  private void answer(MockResponse key, MockResponse credits, MockResponse activity) {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return switch (request.getUrl().encodedPath()) {
              case "/api/v1/key" -> key;
              case "/api/v1/credits" -> credits;
              case "/api/v1/activity" -> activity;
              default -> json(404, "{}");
            };
          }
        });
  }

  private ExporterConfig config(Optional<Secret> managementKey, boolean activity) {
    return new ExporterConfig(
        new ExporterConfig.Upstream(
            server.url("/api/v1").toString(),
            Optional.of(API_KEY),
            Duration.ofSeconds(10),
            4,
            120,
            8 << 20,
            256),
        new ExporterConfig.Poll(Duration.ofMinutes(1), Duration.ofMinutes(10)),
        List.of(new ModelId("a/b")),
        new ExporterConfig.Discovery(List.of(), List.of(), Duration.ofHours(1), 500),
        new InetSocketAddress(0),
        new ExporterConfig.Metrics(false),
        Optional.empty(),
        new Otlp(
            Optional.empty(),
            Otlp.Protocol.HTTP_PROTOBUF,
            Duration.ofSeconds(60),
            Map.of(),
            Map.of()),
        new ExporterConfig.Account(INTERVAL, managementKey, activity),
        Optional.empty());
  }

  /** Reads every source once with {@code config}. */
  private void readAll(ExporterConfig config) {
    store.configure(config);
    try (OpenRouterClient client = new OpenRouterClient(config.openrouter(), "test", code -> {})) {
      new AccountReader(
              config,
              client,
              new RequestBudget(4, 120),
              AccountResults.into(store),
              new Backoff(INTERVAL, new Random(1)),
              clock)
          .readAll();
    }
  }

  private <T> SourceState<T> state(AccountSource<T> source) {
    return store.current().get(source).orElseThrow();
  }

  private List<RecordedRequest> requests() throws InterruptedException {
    List<RecordedRequest> requests = new ArrayList<>();
    for (RecordedRequest r; (r = server.takeRequest(10, TimeUnit.MILLISECONDS)) != null; ) {
      requests.add(r);
    }
    return requests;
  }

  @Test
  void withTheApiKeyAloneOnlyKeyIsReadAndAnOlderAnswerLeavesItsMissingFiguresAbsent()
      throws Exception {
    answer(
        json(200, Captures.read("12-auth-key-2025-06-no-period-usage.json")),
        json(500, "{}"),
        json(500, "{}"));

    readAll(config(Optional.empty(), false));

    assertThat(store.current().configured()).containsExactly(AccountSource.KEY);
    SourceState<KeyInfo> key = state(AccountSource.KEY);
    assertThat(key.up()).isTrue();
    assertThat(key.lastSuccess().wall()).isEqualTo(NOW);
    assertThat(key.figures().usage()).isEqualTo(0.0);
    assertThat(key.figures().isFreeTier()).isFalse();
    // 2025's answer: no period or BYOK figures, no expiry; limit and limit_remaining null.
    assertThat(key.figures().usageDaily()).isNull();
    assertThat(key.figures().byokUsage()).isNull();
    assertThat(key.figures().limit()).isNull();
    assertThat(key.figures().limitRemaining()).isNull();
    assertThat(key.figures().expiration()).isNull();
    List<RecordedRequest> requests = requests();
    assertThat(requests).extracting(r -> r.getUrl().encodedPath()).containsExactly("/api/v1/key");
    assertThat(requests.get(0).getHeaders().get("Authorization"))
        .isEqualTo("Bearer " + API_KEY.reveal());
  }

  @Test
  void withAManagementKeyEverySourceIsReadEachWithItsOwnKeyInThreeRequests() throws Exception {
    answer(
        json(200, Captures.read("12-key-openapi-example.json")),
        json(200, Captures.read("11-credits.json")),
        json(
            200,
            Captures.read("13-activity-openapi-example.json").replace("2025-08-24", "2026-09-29")));

    readAll(config(Optional.of(MANAGEMENT_KEY), true));

    KeyInfo key = state(AccountSource.KEY).figures();
    assertThat(key.usageMonthly()).isEqualTo(25.5);
    assertThat(key.byokUsageWeekly()).isEqualTo(17.38);
    assertThat(key.limit()).isEqualTo(100.0);
    assertThat(key.limitRemaining()).isEqualTo(74.5);
    assertThat(key.limitReset()).isEqualTo("monthly");
    assertThat(key.expiration()).isEqualTo(Instant.parse("2027-12-31T23:59:59Z"));
    assertThat(state(AccountSource.CREDITS).figures()).isEqualTo(new Credits(799.0, 782.460715603));
    ActivityDay day = state(AccountSource.ACTIVITY).figures();
    assertThat(day.day()).isEqualTo(LocalDate.parse("2026-09-29"));
    assertThat(day.sums())
        .containsExactly(
            new ActivityDay.Sum("openai/gpt-4.1", "OpenAI", 0.02, 8L, 200L, 200L, 25L),
            new ActivityDay.Sum("moonshotai/kimi-k3", "Fireworks", 0.0042, 2L, 900L, 40L, 0L));
    List<RecordedRequest> requests = requests();
    assertThat(requests)
        .extracting(r -> r.getUrl().encodedPath() + "?" + r.getUrl().encodedQuery())
        .containsExactly(
            "/api/v1/key?null", "/api/v1/credits?null", "/api/v1/activity?date=2026-09-29");
    assertThat(requests)
        .extracting(r -> r.getHeaders().get("Authorization"))
        .containsExactly(
            "Bearer " + API_KEY.reveal(),
            "Bearer " + MANAGEMENT_KEY.reveal(),
            "Bearer " + MANAGEMENT_KEY.reveal());
  }

  @Test
  void aKeyThatIsNoManagementKeyFailsCreditsAndActivityAloneAndTheKeyIsStillRead()
      throws Exception {
    MockResponse forbidden =
        json(403, Captures.read("13-error-403-activity-needs-management-key.json"));
    answer(json(200, Captures.read("12-key-openapi-example.json")), forbidden, forbidden);

    readAll(config(Optional.of(MANAGEMENT_KEY), true));

    assertThat(state(AccountSource.KEY).up()).isTrue();
    for (AccountSource<?> source : List.of(AccountSource.CREDITS, AccountSource.ACTIVITY)) {
      SourceState<?> state = state(source);
      assertThat(state.up()).isFalse();
      assertThat(state.readOnce()).isTrue();
      assertThat(state.figures()).isNull();
      assertThat(state.lastFailure()).isEqualTo(FailureReason.HTTP_ERROR);
      assertThat(state.lastError())
          .startsWith("HTTP 403: OpenRouter answers /" + source + " only for a management key")
          .doesNotContain(MANAGEMENT_KEY.reveal());
      assertThat(state.errorCounts().get(FailureReason.HTTP_ERROR)).isEqualTo(1);
      assertThat(state.errorCounts().get(FailureReason.NOT_FOUND)).isZero();
    }
  }

  @Test
  void aFourOhFourIsNotFoundAndTheLastGoodFiguresStay() throws Exception {
    ExporterConfig config = config(Optional.of(MANAGEMENT_KEY), false);
    answer(
        json(200, Captures.read("12-key-openapi-example.json")),
        json(200, Captures.read("11-credits.json")),
        json(500, "{}"));
    readAll(config);
    answer(json(404, "{}"), json(404, "{}"), json(500, "{}"));
    // Past the backoff a failure would start, so the second round reads again.
    clock.advance(INTERVAL);

    readAll(config);

    SourceState<Credits> credits = state(AccountSource.CREDITS);
    assertThat(credits.up()).isFalse();
    assertThat(credits.lastFailure()).isEqualTo(FailureReason.NOT_FOUND);
    assertThat(credits.figures().totalCredits()).isEqualTo(799.0);
    assertThat(credits.lastSuccess().wall()).isEqualTo(NOW);
    assertThat(state(AccountSource.KEY).errorCounts().get(FailureReason.NOT_FOUND)).isEqualTo(1);
    assertThat(store.current().get(AccountSource.ACTIVITY)).isEmpty();
  }

  @Test
  void anAnswerOfTheWrongShapeIsABadResponse() throws Exception {
    answer(json(200, "{\"data\":null}"), json(200, "[]"), json(500, "{}"));

    readAll(config(Optional.of(MANAGEMENT_KEY), false));

    assertThat(state(AccountSource.KEY).lastFailure()).isEqualTo(FailureReason.BAD_RESPONSE);
    assertThat(state(AccountSource.CREDITS).lastFailure()).isEqualTo(FailureReason.BAD_RESPONSE);
  }
}
