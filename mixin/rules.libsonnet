// Recording rules, named the way the Prometheus mixins name theirs: level:metric:operations (the
// labels kept, the source metric, what was done to it). The alerts and the dashboard's "cheapest
// healthy endpoint", "share of the model's requests" and "best uptime" panels read them.
//
// Prometheus may scrape several exporters, or every replica of a cluster
// (docs/high-availability.md), with the same data: each series then comes once per scrape target
// (`instance`). Every rule here and in the alerts first takes one value per endpoint
// (`max by (job, model, provider, endpoint)`), per model (`max by (job, model)`) or, for the
// account's series, one per job (`max by (job)`), so that one target or five give the same answer.
{
  local config = self._config,
  local t = config.thresholds,
  local threshold(name, value) = {
    record: 'openrouter:%s:threshold' % name,
    // Printed the way it is written (at most 10 significant digits), not in binary's full precision.
    expr: 'vector(%.10g)' % value,
  },

  prometheusRules+:: {
    groups+: [
      {
        // The one place to tune the alerts (see config.libsonnet for what each one does). The
        // dashboard's colours are built from the same values.
        name: 'openrouter-exporter-thresholds',
        rules: [
          threshold('uptime_warning', t.uptimeWarning),
          threshold('uptime_critical', t.uptimeCritical),
          threshold('ttft_p90_baseline_factor', t.ttftP90BaselineFactor),
          threshold('ttft_p90_floor_seconds', t.ttftP90FloorSeconds),
          threshold('last_successful_poll_age_seconds', t.lastSuccessfulPollAgeSeconds),
          threshold('endpoint_price_increase_ratio', t.endpointPriceIncreaseRatio),
          threshold('model_cheapest_price_increase_ratio', t.modelCheapestPriceIncreaseRatio),
          threshold('throughput_p50_baseline_ratio', t.throughputP50BaselineRatio),
          threshold('model_expiry_warning_seconds', t.modelExpiryWarningSeconds),
          threshold('credits_low_usd', t.creditsLowUSD),
          threshold('credits_runway_seconds', t.creditsRunwaySeconds),
          threshold('key_limit_used_warning_ratio', t.keyLimitUsedWarningRatio),
          threshold('key_expiry_warning_seconds', t.keyExpiryWarningSeconds),
          threshold('spend_spike_ratio', t.spendSpikeRatio),
          threshold('spend_spike_floor_usd', t.spendSpikeFloorUSD),
        ],
      },
      {
        name: 'openrouter-exporter-recording',
        rules: [
          // Each endpoint's prompt and completion list price in USD per million tokens, the unit
          // OpenRouter's pages show. The list price, not the one in effect: that one moves every
          // day with OpenRouter's time-of-day prices, which is no change of price.
          {
            record: 'endpoint:openrouter_endpoint_token_price_usd:per_million',
            expr: |||
              1e6 * max by (%(groupLabels)s, model, provider, endpoint, kind) (
                openrouter_endpoint_token_price_usd{kind=~"prompt|completion"}
              )
            ||| % config,
          },
          // Healthy endpoints: 30m uptime at or above the warning threshold and not deprioritised
          // by OpenRouter (status >= 0). Value: the 30m uptime. An endpoint that OpenRouter gives
          // no uptime for is not counted as healthy.
          {
            record: 'endpoint:openrouter_endpoint_uptime_last_30m_ratio:healthy',
            expr: |||
              max by (%(groupLabels)s, model, provider, endpoint) (openrouter_endpoint_uptime_last_30m_ratio)
                >= on() group_left() openrouter:uptime_warning:threshold
              unless on(model, provider, endpoint)
              openrouter_endpoint_status < 0
            ||| % config,
          },
          // Per-token prices in effect now at the healthy endpoints, every kind: the price a
          // short request pays at this hour, discount and time windows (off-peak prices) applied.
          {
            record: 'endpoint:openrouter_endpoint_effective_token_price_usd:healthy',
            expr: |||
              max by (%(groupLabels)s, model, provider, endpoint, kind) (openrouter_endpoint_effective_token_price_usd)
              and on(model, provider, endpoint)
              endpoint:openrouter_endpoint_uptime_last_30m_ratio:healthy
            ||| % config,
          },
          // The cheapest healthy endpoint's prompt, completion and cache-read price in effect
          // now, per model (USD per token). Absent for a model with no healthy endpoint.
          {
            record: 'model_kind:openrouter_endpoint_effective_token_price_usd:min_healthy',
            expr: |||
              min by (%(groupLabels)s, model, kind) (
                endpoint:openrouter_endpoint_effective_token_price_usd:healthy{kind=~"prompt|completion|input_cache_read"}
              )
            ||| % config,
          },
          // The prompt and completion list price of each model's cheapest healthy endpoint, USD
          // per million tokens. Absent for a model with no healthy endpoint.
          {
            record: 'model_kind:openrouter_endpoint_token_price_usd:per_million_min_healthy',
            expr: |||
              min by (%(groupLabels)s, model, kind) (
                endpoint:openrouter_endpoint_token_price_usd:per_million
                and on(model, provider, endpoint)
                endpoint:openrouter_endpoint_uptime_last_30m_ratio:healthy
              )
            ||| % config,
          },
          // Requests a model's endpoints admitted over the last 30 minutes, all workloads
          // together.
          {
            record: 'model:openrouter_endpoint_workload_requests_last_30m:sum',
            expr: |||
              sum by (%(groupLabels)s, model) (
                max by (%(groupLabels)s, model, provider, endpoint, workload) (openrouter_endpoint_workload_requests_last_30m)
              )
            ||| % config,
          },
          // Each endpoint's share of its model's requests over the last 30 minutes (0..1), all
          // workloads together. Absent while the model has no requests at all.
          {
            record: 'endpoint:openrouter_endpoint_workload_requests_last_30m:share',
            expr: |||
              sum by (%(groupLabels)s, model, provider, endpoint) (
                max by (%(groupLabels)s, model, provider, endpoint, workload) (openrouter_endpoint_workload_requests_last_30m)
              )
              / on(%(groupLabels)s, model) group_left()
              (model:openrouter_endpoint_workload_requests_last_30m:sum > 0)
            ||| % config,
          },
          // The best 30m uptime among a model's endpoints, healthy or not.
          {
            record: 'model:openrouter_endpoint_uptime_last_30m_ratio:max',
            expr: 'max by (%(groupLabels)s, model) (openrouter_endpoint_uptime_last_30m_ratio)' % config,
          },
          // Each endpoint's usual p90 time to first token: the median over a day of the 30m p90.
          // The median, not the mean, so that one bad half-hour does not move the baseline.
          {
            record: 'endpoint:openrouter_endpoint_latency_last_30m_seconds:p90_median_1d',
            expr: |||
              max by (%(groupLabels)s, model, provider, endpoint, percentile) (
                quantile_over_time(0.5, openrouter_endpoint_latency_last_30m_seconds{percentile="p90"}[1d])
              )
            ||| % config,
          },
          // Each endpoint's usual p50 throughput: the median over a day of the 30m p50.
          {
            record: 'endpoint:openrouter_endpoint_throughput_last_30m_tokens_per_second:p50_median_1d',
            expr: |||
              max by (%(groupLabels)s, model, provider, endpoint, percentile) (
                quantile_over_time(
                  0.5, openrouter_endpoint_throughput_last_30m_tokens_per_second{percentile="p50"}[1d]
                )
              )
            ||| % config,
          },

          // Account and spend. OpenRouter's usage and credit totals are its own all-time sums,
          // exported as counters: they do not restart with the exporter, and a drop (a correction
          // on OpenRouter's side, another key configured) is no reset. increase() and rate() would
          // read a drop as a reset and count the whole total as spent again, a spike of hundreds
          // of USD; here the spend over a window is the latest total minus the lowest within the
          // window, which a drop never inflates. Every exporter reads the same account, so the
          // latest total is the highest of them and the window's start the lowest.

          // The account's credit balance in USD: purchased minus used (needs the management key).
          {
            record: 'account:openrouter_credits_usd:balance',
            expr: 'max by (%(groupLabels)s) (openrouter_credits_purchased_usd_total) - max by (%(groupLabels)s) (openrouter_credits_used_usd_total)' % config,
          },
          // The account's spend in USD per second, averaged over the last six hours (all keys).
          // With less than six hours of data, what there is over six hours: an underestimate.
          {
            record: 'account:openrouter_credits_used_usd:rate6h',
            expr: |||
              (
                max by (%(groupLabels)s) (openrouter_credits_used_usd_total)
                - min by (%(groupLabels)s) (min_over_time(openrouter_credits_used_usd_total[6h]))
              ) / 21600
            ||| % config,
          },
          // The configured key's spend in USD over the last hour.
          {
            record: 'account:openrouter_key_usage_usd:spent_1h',
            expr: |||
              max by (%(groupLabels)s) (openrouter_key_usage_usd_total)
              - min by (%(groupLabels)s) (min_over_time(openrouter_key_usage_usd_total[1h]))
            ||| % config,
          },
          // Share of the key's spending limit used (0..1), from OpenRouter's limit_remaining and
          // not from the all-time usage, which outgrows a limit that resets daily, weekly or
          // monthly (limit_reset). Absent for a key without a limit.
          {
            record: 'account:openrouter_key_limit_usd:used_ratio',
            expr: |||
              (max by (%(groupLabels)s) (openrouter_key_limit_usd) - max by (%(groupLabels)s) (openrouter_key_limit_remaining_usd))
              / (max by (%(groupLabels)s) (openrouter_key_limit_usd) > 0)
            ||| % config,
          },
        ],
      },
    ],
  },
}
