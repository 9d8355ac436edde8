package dev.routewatch.exporter.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.routewatch.exporter.MutableClock;
import dev.routewatch.exporter.account.AccountResults;
import dev.routewatch.exporter.account.AccountSource;
import dev.routewatch.exporter.account.AccountStore;
import dev.routewatch.exporter.account.ActivityDay;
import dev.routewatch.exporter.config.ExporterConfig;
import dev.routewatch.exporter.config.ModelId;
import dev.routewatch.exporter.config.Otlp;
import dev.routewatch.exporter.config.Secret;
import dev.routewatch.exporter.openrouter.ActivityItem;
import dev.routewatch.exporter.openrouter.Credits;
import dev.routewatch.exporter.openrouter.FailureReason;
import dev.routewatch.exporter.openrouter.KeyInfo;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the account families render from the store: real shapes, absent fields, staleness. */
class AccountFamiliesTest {

  private static final Duration STALE_AFTER = Duration.ofMinutes(10);

  private final MutableClock clock = new MutableClock(Instant.parse("2026-09-30T10:15:00Z"));
  private final AccountStore store = new AccountStore();
  private final AccountResults results = AccountResults.into(store);
  private final AccountFamilies families = new AccountFamilies(store, () -> STALE_AFTER, clock);

  private void configure(boolean apiKey, boolean managementKey, boolean activity) {
    store.configure(
        new ExporterConfig(
            new ExporterConfig.Upstream(
                "http://127.0.0.1:1",
                apiKey ? Optional.of(new Secret("k")) : Optional.empty(),
                Duration.ofSeconds(1),
                1,
                1,
                1024,
                256),
            new ExporterConfig.Poll(Duration.ofMinutes(1), STALE_AFTER),
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
            new ExporterConfig.Account(
                Duration.ofMinutes(5),
                managementKey ? Optional.of(new Secret("m")) : Optional.empty(),
                activity),
            Optional.empty()));
  }

  private String text() {
    return Fixtures.text(families.collect());
  }

  @Test
  void anUnconfiguredSourceHasNoSeriesAtAll() {
    configure(false, false, false);

    assertThat(text()).isEmpty();
  }

  @Test
  void beforeTheFirstReadOnlyTheErrorCountersShowAtZero() {
    configure(true, false, false);

    assertThat(text())
        .contains("openrouter_account_errors_total{reason=\"not_found\",source=\"key\"} 0.0")
        .doesNotContain("openrouter_account_up")
        .doesNotContain("source=\"credits\"");
  }

  @Test
  void anOlderKeyAnswerLeavesPeriodByokLimitAndExpiryAbsentNeverZero() {
    configure(true, false, false);
    KeyInfo older =
        new KeyInfo(
            0.0, null, null, null, null, null, null, null, null, null, null, null, false, null);
    results.succeeded(AccountSource.KEY, older, clock.now());

    assertThat(text())
        .contains("openrouter_key_usage_usd_total 0.0")
        .contains(
            "openrouter_key_info{include_byok_in_limit=\"\",is_free_tier=\"false\",limit_reset=\"\"} 1")
        .contains("openrouter_account_up{source=\"key\"} 1.0")
        .doesNotContain("openrouter_key_period_usage_usd")
        .doesNotContain("openrouter_key_byok")
        .doesNotContain("openrouter_key_limit")
        .doesNotContain("openrouter_key_expiration");
  }

  @Test
  void everyFamilyOfAFullReadAndTheFiguresGoWhenStaleWhileTheReadSeriesStay() {
    configure(true, true, true);
    results.succeeded(
        AccountSource.KEY,
        new KeyInfo(
            25.5,
            1.5,
            7.25,
            25.5,
            17.38,
            0.5,
            2.0,
            17.38,
            100.0,
            74.5,
            "monthly",
            "2027-12-31T23:59:59Z",
            false,
            true),
        clock.now());
    results.succeeded(AccountSource.CREDITS, new Credits(799.0, 782.460715603), clock.now());
    LocalDate day = LocalDate.parse("2026-09-29");
    results.succeeded(
        AccountSource.ACTIVITY,
        ActivityDay.of(
            day,
            List.of(
                new ActivityItem(
                    "2026-09-29", "openai/gpt-4.1", "OpenAI", 0.015, 5L, 50L, 125L, 25L),
                new ActivityItem(
                    "2026-09-29", "openai/gpt-4.1", "OpenAI", 0.005, 3L, 150L, 75L, null))),
        clock.now());

    assertThat(text())
        .contains("openrouter_key_period_usage_usd{period=\"week\"} 7.25")
        .contains("openrouter_key_period_byok_usage_usd{period=\"day\"} 0.5")
        .contains("openrouter_key_byok_usage_usd_total 17.38")
        .contains("openrouter_key_limit_usd 100.0")
        .contains("openrouter_key_limit_remaining_usd 74.5")
        .contains("openrouter_key_expiration_timestamp_seconds 1.830297599E9")
        .contains("openrouter_credits_purchased_usd_total 799.0")
        .contains("openrouter_credits_used_usd_total 782.460715603")
        .contains(
            "openrouter_activity_spend_usd{model=\"openai/gpt-4.1\",provider=\"OpenAI\"} 0.02")
        .contains("openrouter_activity_requests{model=\"openai/gpt-4.1\",provider=\"OpenAI\"} 8.0")
        .contains(
            "openrouter_activity_tokens{kind=\"reasoning\",model=\"openai/gpt-4.1\",provider=\"OpenAI\"} 25.0")
        .contains("openrouter_activity_day_timestamp_seconds 1.79064E9")
        .contains(
            "openrouter_account_last_success_timestamp_seconds{source=\"credits\"} 1.7907633E9");

    clock.advance(Duration.ofMinutes(5));
    results.failed(AccountSource.CREDITS, FailureReason.HTTP_ERROR, "HTTP 403", clock.now());
    assertThat(text())
        .contains("openrouter_account_up{source=\"credits\"} 0.0")
        .contains("openrouter_credits_purchased_usd_total 799.0")
        .contains("openrouter_account_errors_total{reason=\"http_error\",source=\"credits\"} 1.0");

    clock.advance(STALE_AFTER);
    assertThat(text())
        .doesNotContain("openrouter_key_")
        .doesNotContain("openrouter_credits_")
        .doesNotContain("openrouter_activity_")
        .contains("openrouter_account_up{source=\"credits\"} 0.0")
        .contains("openrouter_account_up{source=\"key\"} 1.0")
        .contains("openrouter_account_last_success_timestamp_seconds{source=\"activity\"}");
  }
}
