package dev.routewatch.exporter.metrics;

import dev.routewatch.exporter.account.AccountSource;
import dev.routewatch.exporter.account.AccountState;
import dev.routewatch.exporter.account.AccountStore;
import dev.routewatch.exporter.account.ActivityDay;
import dev.routewatch.exporter.account.SourceState;
import dev.routewatch.exporter.openrouter.Credits;
import dev.routewatch.exporter.openrouter.FailureReason;
import dev.routewatch.exporter.openrouter.KeyInfo;
import dev.routewatch.exporter.snapshot.Moment;
import dev.routewatch.exporter.snapshot.TimeSource;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricFamilyDescriptor;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Unit;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Supplier;

/**
 * The account's families, from the last good read of each configured source while it is at most
 * {@code poll.stale_after} old; a figure the answer lacked is absent, never 0. The read families
 * ({@code openrouter_account_*}) stay for every configured source. No series carries a key, its
 * label or its hash. Example (text format):
 *
 * <pre>
 * # HELP openrouter_credits_purchased_usd_total Credits purchased by the account, all time, USD: OpenRouter's /credits total_credits.
 * # TYPE openrouter_credits_purchased_usd_total counter
 * openrouter_credits_purchased_usd_total 799.0
 * # HELP openrouter_account_up 1 if the latest read of the account source succeeded, else 0.
 * # TYPE openrouter_account_up gauge
 * openrouter_account_up{source="credits"} 1.0
 * </pre>
 */
final class AccountFamilies implements MultiCollector {

  private static final String CACHED = " Cached from the source's last successful read.";

  private static final MetricFamilyDescriptor KEY_USAGE =
      MetricFamilyDescriptor.counter("openrouter_key_usage_usd_total")
          .help("Credits the API key has used, all time, USD: OpenRouter's /key usage." + CACHED)
          .build();
  private static final MetricFamilyDescriptor KEY_PERIOD_USAGE =
      MetricFamilyDescriptor.gauge("openrouter_key_period_usage_usd")
          .help(
              "Credits the API key has used in the current UTC day, week (Monday to Sunday) or"
                  + " month, USD: /key usage_daily, usage_weekly, usage_monthly."
                  + CACHED)
          .labelNames("period")
          .build();
  private static final MetricFamilyDescriptor KEY_BYOK_USAGE =
      MetricFamilyDescriptor.counter("openrouter_key_byok_usage_usd_total")
          .help("External BYOK usage of the API key, all time, USD: /key byok_usage." + CACHED)
          .build();
  private static final MetricFamilyDescriptor KEY_PERIOD_BYOK_USAGE =
      MetricFamilyDescriptor.gauge("openrouter_key_period_byok_usage_usd")
          .help(
              "External BYOK usage of the API key in the current UTC day, week or month, USD:"
                  + " /key byok_usage_daily, byok_usage_weekly, byok_usage_monthly."
                  + CACHED)
          .labelNames("period")
          .build();
  private static final MetricFamilyDescriptor KEY_LIMIT =
      MetricFamilyDescriptor.gauge("openrouter_key_limit_usd")
          .help("The API key's credit limit, USD; absent when it has none: /key limit." + CACHED)
          .build();
  private static final MetricFamilyDescriptor KEY_LIMIT_REMAINING =
      MetricFamilyDescriptor.gauge("openrouter_key_limit_remaining_usd")
          .help(
              "Credits left under the API key's limit, USD; absent without a limit: /key"
                  + " limit_remaining."
                  + CACHED)
          .build();
  private static final MetricFamilyDescriptor KEY_EXPIRATION =
      MetricFamilyDescriptor.gauge("openrouter_key_expiration_timestamp_seconds")
          .help("When the API key expires, Unix time; absent when it does not: /key expires_at.")
          .unit(Unit.SECONDS)
          .build();
  private static final MetricFamilyDescriptor KEY_INFO =
      MetricFamilyDescriptor.info("openrouter_key_info")
          .help(
              "API key metadata, value 1: /key limit_reset, is_free_tier and"
                  + " include_byok_in_limit (empty when absent)."
                  + CACHED)
          .labelNames("limit_reset", "is_free_tier", "include_byok_in_limit")
          .build();
  private static final MetricFamilyDescriptor CREDITS_PURCHASED =
      MetricFamilyDescriptor.counter("openrouter_credits_purchased_usd_total")
          .help(
              "Credits purchased by the account, all time, USD: OpenRouter's /credits"
                  + " total_credits."
                  + CACHED)
          .build();
  private static final MetricFamilyDescriptor CREDITS_USED =
      MetricFamilyDescriptor.counter("openrouter_credits_used_usd_total")
          .help("Credits used by the account, all time, USD: /credits total_usage." + CACHED)
          .build();
  private static final String ACTIVITY_DAY =
      " on the last completed UTC day, summed per model and provider (/activity).";
  private static final MetricFamilyDescriptor ACTIVITY_SPEND =
      MetricFamilyDescriptor.gauge("openrouter_activity_spend_usd")
          .help("Credits spent, USD," + ACTIVITY_DAY + CACHED)
          .labelNames("model", "provider")
          .build();
  private static final MetricFamilyDescriptor ACTIVITY_REQUESTS =
      MetricFamilyDescriptor.gauge("openrouter_activity_requests")
          .help("Requests" + ACTIVITY_DAY + CACHED)
          .labelNames("model", "provider")
          .build();
  private static final MetricFamilyDescriptor ACTIVITY_TOKENS =
      MetricFamilyDescriptor.gauge("openrouter_activity_tokens")
          .help("Prompt, completion and reasoning tokens" + ACTIVITY_DAY + CACHED)
          .labelNames("model", "provider", "kind")
          .build();
  private static final MetricFamilyDescriptor ACTIVITY_DAY_TIME =
      MetricFamilyDescriptor.gauge("openrouter_activity_day_timestamp_seconds")
          .help("00:00 UTC of the day the openrouter_activity_* families describe, Unix time.")
          .unit(Unit.SECONDS)
          .build();
  private static final MetricFamilyDescriptor UP =
      MetricFamilyDescriptor.gauge("openrouter_account_up")
          .help("1 if the latest read of the account source succeeded, else 0.")
          .labelNames("source")
          .build();
  private static final MetricFamilyDescriptor LAST_SUCCESS =
      MetricFamilyDescriptor.gauge("openrouter_account_last_success_timestamp_seconds")
          .help("Unix time of the last successful read of the account source.")
          .unit(Unit.SECONDS)
          .labelNames("source")
          .build();
  private static final MetricFamilyDescriptor ERRORS =
      MetricFamilyDescriptor.counter("openrouter_account_errors_total")
          .help("Failed reads of the account source, by reason.")
          .labelNames("source", "reason")
          .build();

  static final List<MetricFamilyDescriptor> FAMILIES =
      List.of(
          KEY_USAGE,
          KEY_PERIOD_USAGE,
          KEY_BYOK_USAGE,
          KEY_PERIOD_BYOK_USAGE,
          KEY_LIMIT,
          KEY_LIMIT_REMAINING,
          KEY_EXPIRATION,
          KEY_INFO,
          CREDITS_PURCHASED,
          CREDITS_USED,
          ACTIVITY_SPEND,
          ACTIVITY_REQUESTS,
          ACTIVITY_TOKENS,
          ACTIVITY_DAY_TIME,
          UP,
          LAST_SUCCESS,
          ERRORS);

  private final AccountStore store;
  private final Supplier<Duration> staleAfter;
  private final TimeSource time;

  /**
   * @param staleAfter the running {@code poll.stale_after}
   */
  AccountFamilies(AccountStore store, Supplier<Duration> staleAfter, TimeSource time) {
    this.store = store;
    this.staleAfter = staleAfter;
    this.time = time;
  }

  @Override
  public MetricSnapshots collect() {
    AccountState state = store.current();
    Moment now = time.now();
    Duration stale = staleAfter.get();
    FamilyPoints points = new FamilyPoints();
    state.get(AccountSource.KEY).ifPresent(read -> renderKey(read, now, stale, points));
    state.get(AccountSource.CREDITS).ifPresent(read -> renderCredits(read, now, stale, points));
    state.get(AccountSource.ACTIVITY).ifPresent(read -> renderActivity(read, now, stale, points));
    for (AccountSource<?> source : state.configured()) {
      renderRead(source, state.get(source).orElseThrow(), points);
    }
    return points.snapshots();
  }

  @Override
  public List<MetricFamilyDescriptor> getMetricFamilyDescriptors() {
    return FAMILIES;
  }

  private static void renderKey(
      SourceState<KeyInfo> read, Moment now, Duration staleAfter, FamilyPoints points) {
    if (!read.fresh(now, staleAfter)) {
      return;
    }
    KeyInfo key = read.figures();
    points.counter(KEY_USAGE, Labels.EMPTY, key.usage());
    period(points, KEY_PERIOD_USAGE, key.usageDaily(), key.usageWeekly(), key.usageMonthly());
    points.counter(KEY_BYOK_USAGE, Labels.EMPTY, key.byokUsage());
    period(
        points,
        KEY_PERIOD_BYOK_USAGE,
        key.byokUsageDaily(),
        key.byokUsageWeekly(),
        key.byokUsageMonthly());
    points.gauge(KEY_LIMIT, Labels.EMPTY, key.limit());
    points.gauge(KEY_LIMIT_REMAINING, Labels.EMPTY, key.limitRemaining());
    if (key.expiration() != null) {
      points.gauge(KEY_EXPIRATION, Labels.EMPTY, key.expiration().toEpochMilli() / 1e3);
    }
    points.info(
        KEY_INFO,
        Labels.of(
            "limit_reset", orEmpty(key.limitReset()),
            "is_free_tier", orEmpty(key.isFreeTier()),
            "include_byok_in_limit", orEmpty(key.includeByokInLimit())));
  }

  private static void period(
      FamilyPoints points, MetricFamilyDescriptor family, Double day, Double week, Double month) {
    points.gauge(family, Labels.of("period", "day"), day);
    points.gauge(family, Labels.of("period", "week"), week);
    points.gauge(family, Labels.of("period", "month"), month);
  }

  private static void renderCredits(
      SourceState<Credits> read, Moment now, Duration staleAfter, FamilyPoints points) {
    if (read.fresh(now, staleAfter)) {
      points.counter(CREDITS_PURCHASED, Labels.EMPTY, read.figures().totalCredits());
      points.counter(CREDITS_USED, Labels.EMPTY, read.figures().totalUsage());
    }
  }

  private static void renderActivity(
      SourceState<ActivityDay> read, Moment now, Duration staleAfter, FamilyPoints points) {
    if (!read.fresh(now, staleAfter)) {
      return;
    }
    ActivityDay day = read.figures();
    for (ActivityDay.Sum sum : day.sums()) {
      Labels labels = Labels.of("model", sum.model(), "provider", sum.provider());
      points.gauge(ACTIVITY_SPEND, labels, sum.usage());
      points.gauge(ACTIVITY_REQUESTS, labels, sum.requests());
      points.gauge(ACTIVITY_TOKENS, labels.add("kind", "prompt"), sum.promptTokens());
      points.gauge(ACTIVITY_TOKENS, labels.add("kind", "completion"), sum.completionTokens());
      points.gauge(ACTIVITY_TOKENS, labels.add("kind", "reasoning"), sum.reasoningTokens());
    }
    points.gauge(
        ACTIVITY_DAY_TIME, Labels.EMPTY, day.day().atStartOfDay(ZoneOffset.UTC).toEpochSecond());
  }

  private static void renderRead(
      AccountSource<?> source, SourceState<?> read, FamilyPoints points) {
    Labels labels = Labels.of("source", source.label());
    if (read.readOnce()) {
      points.gauge(UP, labels, read.up() ? 1 : 0);
    }
    if (read.lastSuccess() != null) {
      points.gauge(LAST_SUCCESS, labels, read.lastSuccess().wall().toEpochMilli() / 1e3);
    }
    // Every reason from the start, at 0 until it happens, so rate() sees the first error.
    for (FailureReason reason : FailureReason.values()) {
      points.counter(
          ERRORS,
          labels.add("reason", reason.label()),
          read.errorCounts().getOrDefault(reason, 0L));
    }
  }

  private static String orEmpty(Object value) {
    return value == null ? "" : value.toString();
  }
}
