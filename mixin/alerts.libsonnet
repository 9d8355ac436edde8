// Alerts, in the layout of the Prometheus mixins: CamelCase names, a `severity` label (info,
// warning, critical), and `summary`, `description`, `runbook_url` and `dashboard_url` annotations.
//
// Every alert reads one value per endpoint, per model or per account source (`max by (job,
// model, provider, endpoint)`, `max by (job, model)`, `max by (job, source)`, or the account:
// recording rules for the account's figures) so that several exporters or cluster replicas
// scraped with the same data fire it once (rules.libsonnet says why); OpenRouterExporterDown alone is per
// scrape target, since each target is down on its own.
//
// Thresholds are not written here: they are the constant series recorded in rules.libsonnet from
// config.libsonnet's `thresholds`. Each alert's `for:` (how long its condition must hold) is
// below, next to it.
{
  local config = self._config,

  // What the alert is about, for its dashboard link: an endpoint selects its model and provider,
  // a model its model, the exporter nothing.
  local dashboardLink = {
    endpoint: '%s?var-model={{ $labels.model | urlquery }}&var-provider={{ $labels.provider | urlquery }}' % config.dashboardURL,
    model: '%s?var-model={{ $labels.model | urlquery }}' % config.dashboardURL,
    exporter: config.dashboardURL,
  },

  // A description written over several lines in the source, one line in the notification (as
  // YAML's folded `>-` would give).
  local fold(text) = std.join(' ', std.filter(function(line) line != '', std.split(text, '\n'))),

  local alert(name, about, severity, expr, summary, description, forDuration, keepFiringFor=null) = {
    alert: name,
    expr: expr % config,
    'for': forDuration,
    labels: { severity: severity },
    annotations: {
      summary: summary,
      description: fold(description),
      runbook_url: config.runbookURLPattern % std.asciiLower(name),
      dashboard_url: dashboardLink[about],
    },
  } + (if keepFiringFor == null then {} else { keep_firing_for: keepFiringFor }),

  prometheusAlerts+:: {
    groups+: [
      {
        name: 'openrouter-endpoints',
        rules: [
          alert(
            'OpenRouterEndpointUptimeLow', 'endpoint', 'warning',
            |||
              max by (%(groupLabels)s, model, provider, endpoint) (openrouter_endpoint_uptime_last_30m_ratio)
                < on() group_left() openrouter:uptime_warning:threshold
            |||,
            "An OpenRouter endpoint's uptime is low.",
            |||
              {{ $labels.provider }} endpoint {{ $labels.endpoint }} of {{ $labels.model }} served
              {{ $value | humanizePercentage }} of its requests over the last 30 minutes, below the
              warning threshold (openrouter:uptime_warning:threshold).
            |||,
            '15m'
          ),
          alert(
            'OpenRouterEndpointUptimeCriticallyLow', 'endpoint', 'critical',
            |||
              max by (%(groupLabels)s, model, provider, endpoint) (openrouter_endpoint_uptime_last_30m_ratio)
                < on() group_left() openrouter:uptime_critical:threshold
            |||,
            "An OpenRouter endpoint's uptime is critically low.",
            |||
              {{ $labels.provider }} endpoint {{ $labels.endpoint }} of {{ $labels.model }} served
              {{ $value | humanizePercentage }} of its requests over the last 30 minutes, below the
              critical threshold (openrouter:uptime_critical:threshold).
            |||,
            '10m'
          ),
          alert(
            'OpenRouterEndpointDeprioritised', 'endpoint', 'info',
            'max by (%(groupLabels)s, model, provider, endpoint) (openrouter_endpoint_status) < 0',
            'OpenRouter deprioritises an endpoint.',
            |||
              OpenRouter reports status {{ $value }} for {{ $labels.provider }} endpoint
              {{ $labels.endpoint }} of {{ $labels.model }}: it routes to this endpoint only when
              the others fail.
            |||,
            '30m'
          ),
          // Degraded: 30m uptime below the warning threshold, or deprioritised. Fires when the
          // degraded endpoints are all of the model's endpoints.
          alert(
            'OpenRouterModelAllEndpointsDegraded', 'model', 'critical',
            |||
              count by (%(groupLabels)s, model) (
                max by (%(groupLabels)s, model, provider, endpoint) (openrouter_endpoint_status) < 0
                or
                max by (%(groupLabels)s, model, provider, endpoint) (openrouter_endpoint_uptime_last_30m_ratio)
                  < on() group_left() openrouter:uptime_warning:threshold
              )
              >= max by (%(groupLabels)s, model) (openrouter_model_endpoints)
            |||,
            'Every endpoint of an OpenRouter model is degraded.',
            |||
              All {{ $value }} endpoints of {{ $labels.model }} are deprioritised or below the
              warning uptime threshold: requests to this model have nowhere good to go.
            |||,
            '10m'
          ),
          // Aliases (ids starting with ~) always answer with no endpoints: they are left out.
          alert(
            'OpenRouterModelNoEndpoints', 'model', 'warning',
            'max by (%(groupLabels)s, model) (openrouter_model_endpoints{model!~"~.*"}) == 0',
            'An OpenRouter model has no endpoints.',
            |||
              OpenRouter lists no endpoint serving {{ $labels.model }}: requests to it cannot be
              served.
            |||,
            '15m'
          ),
          // Seen in the last hour, gone now, while the model's polls succeed (a failing poll is
          // OpenRouterPollsFailing's business). Resolves by itself an hour after the endpoint went.
          alert(
            'OpenRouterEndpointDisappeared', 'endpoint', 'warning',
            |||
              max by (%(groupLabels)s, model, provider, endpoint, name) (max_over_time(openrouter_endpoint_info[1h]))
              unless on(model, provider, endpoint) openrouter_endpoint_info
              and on(model) max by (model) (openrouter_up) == 1
            |||,
            'An OpenRouter endpoint disappeared.',
            |||
              {{ $labels.provider }} endpoint {{ $labels.endpoint }} no longer serves
              {{ $labels.model }}: it was in OpenRouter's answer within the last hour and is not now.
            |||,
            '5m'
          ),
          // Fires while the price differs from an hour ago; a new endpoint has no price an hour
          // ago and does not fire. The list price, on purpose: the price in effect moves every
          // day with OpenRouter's time-of-day prices, which is no change of price.
          alert(
            'OpenRouterEndpointPriceChanged', 'endpoint', 'info',
            |||
              max by (%(groupLabels)s, model, provider, endpoint, kind) (openrouter_endpoint_token_price_usd)
                != max by (%(groupLabels)s, model, provider, endpoint, kind) (openrouter_endpoint_token_price_usd offset 1h)
              or
              max by (%(groupLabels)s, model, provider, endpoint, kind) (openrouter_endpoint_unit_price_usd)
                != max by (%(groupLabels)s, model, provider, endpoint, kind) (openrouter_endpoint_unit_price_usd offset 1h)
            |||,
            "An OpenRouter endpoint's price changed.",
            |||
              The {{ $labels.kind }} price of {{ $labels.provider }} endpoint {{ $labels.endpoint }}
              of {{ $labels.model }} is now {{ $value }} USD and was different an hour ago.
            |||,
            '5m'
          ),
          // Drift: what a model routes to changes under it. A change is judged against the last
          // hour, and an alert whose condition can come and go while a value flaps keeps firing
          // for an hour (keep_firing_for), so a value going back and forth notifies once per hour.
          alert(
            'OpenRouterEndpointPriceIncreased', 'endpoint', 'warning',
            |||
              endpoint:openrouter_endpoint_token_price_usd:per_million
                > min_over_time(endpoint:openrouter_endpoint_token_price_usd:per_million[1h])
                  * on() group_left() openrouter:endpoint_price_increase_ratio:threshold
            |||,
            "An OpenRouter endpoint's price went up.",
            |||
              The {{ $labels.kind }} list price of {{ $labels.provider }} endpoint
              {{ $labels.endpoint }} of {{ $labels.model }} went from
              {{ with printf `min_over_time(endpoint:openrouter_endpoint_token_price_usd:per_million{model=%q,provider=%q,endpoint=%q,kind=%q}[1h])` $labels.model $labels.provider $labels.endpoint $labels.kind | query }}{{ . | first | value | printf "%.4g" }}{{ end }}
              to {{ $value | printf "%.4g" }} USD per million tokens within the last hour, more
              than openrouter:endpoint_price_increase_ratio:threshold times its lowest.
            |||,
            '5m', '1h'
          ),
          // More than one quantization within the last hour for an endpoint still served: the
          // condition holds for the whole hour after a change, flapping included.
          alert(
            'OpenRouterEndpointQuantizationChanged', 'endpoint', 'warning',
            |||
              count by (%(groupLabels)s, model, provider, endpoint) (
                max by (%(groupLabels)s, model, provider, endpoint, quantization) (
                  max_over_time(openrouter_endpoint_info[1h])
                )
              ) > 1
              and on(model, provider, endpoint) openrouter_endpoint_info
            |||,
            "An OpenRouter endpoint's quantization changed.",
            |||
              {{ $labels.provider }} endpoint {{ $labels.endpoint }} of {{ $labels.model }} now
              serves the model at
              {{ range printf `max by (quantization) (openrouter_endpoint_info{model=%q,provider=%q,endpoint=%q})` $labels.model $labels.provider $labels.endpoint | query }}{{ or .Labels.quantization "an unstated precision" }}{{ end }};
              within the last hour it served it at
              {{ range printf `max by (quantization) (max_over_time(openrouter_endpoint_info{model=%q,provider=%q,endpoint=%q}[1h])) unless on(quantization) openrouter_endpoint_info{model=%q,provider=%q,endpoint=%q}` $labels.model $labels.provider $labels.endpoint $labels.model $labels.provider $labels.endpoint | query }}{{ or .Labels.quantization "an unstated precision" }} {{ end }}(quantization).
            |||,
            '5m'
          ),
          alert(
            'OpenRouterEndpointContextLengthReduced', 'endpoint', 'warning',
            |||
              max by (%(groupLabels)s, model, provider, endpoint) (openrouter_endpoint_context_length_tokens)
                < max by (%(groupLabels)s, model, provider, endpoint) (
                  max_over_time(openrouter_endpoint_context_length_tokens[1h])
                )
            |||,
            "An OpenRouter endpoint's context window shrank.",
            |||
              The context length of {{ $labels.provider }} endpoint {{ $labels.endpoint }} of
              {{ $labels.model }} went from
              {{ with printf `max(max_over_time(openrouter_endpoint_context_length_tokens{model=%q,provider=%q,endpoint=%q}[1h]))` $labels.model $labels.provider $labels.endpoint | query }}{{ . | first | value | printf "%.0f" }}{{ end }}
              to {{ $value | printf "%.0f" }} tokens within the last hour: longer prompts now fail there.
            |||,
            '5m', '1h'
          ),
          alert(
            'OpenRouterEndpointMaxCompletionTokensReduced', 'endpoint', 'warning',
            |||
              max by (%(groupLabels)s, model, provider, endpoint) (openrouter_endpoint_max_completion_tokens)
                < max by (%(groupLabels)s, model, provider, endpoint) (
                  max_over_time(openrouter_endpoint_max_completion_tokens[1h])
                )
            |||,
            "An OpenRouter endpoint's completion limit shrank.",
            |||
              The maximum completion length of {{ $labels.provider }} endpoint
              {{ $labels.endpoint }} of {{ $labels.model }} went from
              {{ with printf `max(max_over_time(openrouter_endpoint_max_completion_tokens{model=%q,provider=%q,endpoint=%q}[1h]))` $labels.model $labels.provider $labels.endpoint | query }}{{ . | first | value | printf "%.0f" }}{{ end }}
              to {{ $value | printf "%.0f" }} tokens within the last hour: longer answers are now cut there.
            |||,
            '5m', '1h'
          ),
          // Absent from every answer of the hour before the last ten minutes, while the model was
          // polled then: a model seen for the first time (a new exporter, a new model) is not new
          // endpoints. An endpoint coming and going within the hour fires once.
          alert(
            'OpenRouterEndpointAppeared', 'endpoint', 'info',
            |||
              max by (%(groupLabels)s, model, provider, endpoint, name) (openrouter_endpoint_info)
              unless on(model, provider, endpoint)
              max_over_time(openrouter_endpoint_info[1h] offset 10m)
              and on(model) max_over_time(openrouter_model_endpoints[1h] offset 10m)
            |||,
            'A new OpenRouter endpoint serves a model.',
            |||
              {{ $labels.provider }} endpoint {{ $labels.endpoint }} now serves {{ $labels.model }}:
              it was in none of OpenRouter's answers in the hour before. Compare its price and
              uptime with the endpoints you route to.
            |||,
            '5m'
          ),
          // What the cheapest usable endpoint costs: goes up when that endpoint raises its price
          // and when it stops being healthy. `for:` is longer than the endpoint alert's since
          // health comes and goes with uptime.
          alert(
            'OpenRouterModelCheapestPriceIncreased', 'model', 'warning',
            |||
              model_kind:openrouter_endpoint_token_price_usd:per_million_min_healthy
                > min_over_time(model_kind:openrouter_endpoint_token_price_usd:per_million_min_healthy[1h])
                  * on() group_left() openrouter:model_cheapest_price_increase_ratio:threshold
            |||,
            'The cheapest healthy endpoint of an OpenRouter model costs more.',
            |||
              The cheapest healthy {{ $labels.kind }} list price of {{ $labels.model }} went from
              {{ with printf `min_over_time(model_kind:openrouter_endpoint_token_price_usd:per_million_min_healthy{model=%q,kind=%q}[1h])` $labels.model $labels.kind | query }}{{ . | first | value | printf "%.4g" }}{{ end }}
              to {{ $value | printf "%.4g" }} USD per million tokens within the last hour, more
              than openrouter:model_cheapest_price_increase_ratio:threshold times its lowest.
            |||,
            '15m', '1h'
          ),
          alert(
            'OpenRouterEndpointThroughputLow', 'endpoint', 'warning',
            |||
              max by (%(groupLabels)s, model, provider, endpoint, percentile) (
                openrouter_endpoint_throughput_last_30m_tokens_per_second{percentile="p50"}
              )
                < endpoint:openrouter_endpoint_throughput_last_30m_tokens_per_second:p50_median_1d
                  * on() group_left() openrouter:throughput_p50_baseline_ratio:threshold
            |||,
            'An OpenRouter endpoint generates far slower than usual.',
            |||
              The p50 throughput of {{ $labels.provider }} endpoint {{ $labels.endpoint }} of
              {{ $labels.model }} is {{ $value | printf "%.4g" }} tokens per second over the last
              30 minutes, against a 1-day median of
              {{ with printf `endpoint:openrouter_endpoint_throughput_last_30m_tokens_per_second:p50_median_1d{model=%q,provider=%q,endpoint=%q}` $labels.model $labels.provider $labels.endpoint | query }}{{ . | first | value | printf "%.4g" }}{{ end }}
              tokens per second: below openrouter:throughput_p50_baseline_ratio:threshold of it.
            |||,
            '15m'
          ),
          alert(
            'OpenRouterEndpointTimeToFirstTokenHigh', 'endpoint', 'warning',
            |||
              max by (%(groupLabels)s, model, provider, endpoint, percentile) (
                openrouter_endpoint_latency_last_30m_seconds{percentile="p90"}
              )
                > endpoint:openrouter_endpoint_latency_last_30m_seconds:p90_median_1d
                  * on() group_left() openrouter:ttft_p90_baseline_factor:threshold
                > on() group_left() openrouter:ttft_p90_floor_seconds:threshold
            |||,
            "An OpenRouter endpoint's time to first token is far above its usual.",
            |||
              The p90 time to first token of {{ $labels.provider }} endpoint {{ $labels.endpoint }}
              of {{ $labels.model }} is {{ $value | humanizeDuration }} over the last 30 minutes,
              more than openrouter:ttft_p90_baseline_factor:threshold times its 1-day median.
            |||,
            '15m'
          ),
        ],
      },
      {
        name: 'openrouter-models',
        rules: [
          // OpenRouter answers 404 for the model (delisted or renamed) and no exporter polls it
          // successfully. A failing model's polls back off to 4 poll intervals, plus 20% jitter
          // and half an interval of slack: 80m apart at poll.interval 15m, so the 2h window sees
          // a 404 at every moment while they go on.
          alert(
            'OpenRouterModelGone', 'model', 'warning',
            |||
              max by (%(groupLabels)s, model) (increase(openrouter_poll_errors_total{reason="not_found"}[2h])) > 0
              and on(model) max by (model) (openrouter_up) == 0
            |||,
            'An OpenRouter model is gone.',
            |||
              OpenRouter has answered 404 Not Found to the polls of {{ $labels.model }} for 15
              minutes: the model was delisted or renamed.
            |||,
            '15m'
          ),
          alert(
            'OpenRouterModelExpiringSoon', 'model', 'warning',
            |||
              max by (%(groupLabels)s, model) (openrouter_model_expiration_timestamp_seconds) - time()
                < on() group_left() openrouter:model_expiry_warning_seconds:threshold
            |||,
            'An OpenRouter model reaches its announced expiry soon.',
            |||
              OpenRouter's catalog gives {{ $labels.model }} an expiration date of
              {{ with printf `max(openrouter_model_expiration_timestamp_seconds{model=%q})` $labels.model | query }}{{ . | first | value | humanizeTimestamp }}{{ end }},
              {{ $value | humanizeDuration }} from now, within
              openrouter:model_expiry_warning_seconds:threshold: requests to it fail after that.
            |||,
            '5m'
          ),
          // More than one target within the last hour for an alias still listed: the condition
          // holds for the whole hour after a change, flapping included.
          alert(
            'OpenRouterModelAliasRetargeted', 'model', 'info',
            |||
              count by (%(groupLabels)s, model) (
                max by (%(groupLabels)s, model, target) (max_over_time(openrouter_model_alias_target_info[1h]))
              ) > 1
              and on(model) openrouter_model_alias_target_info
            |||,
            'An OpenRouter alias points at another model.',
            |||
              {{ $labels.model }} now points at
              {{ range printf `max by (target) (openrouter_model_alias_target_info{model=%q})` $labels.model | query }}{{ .Labels.target }}{{ end }};
              within the last hour it pointed at
              {{ range printf `max by (target) (max_over_time(openrouter_model_alias_target_info{model=%q}[1h])) unless on(target) openrouter_model_alias_target_info{model=%q}` $labels.model $labels.model | query }}{{ .Labels.target }} {{ end }}(alias_target).
            |||,
            '5m'
          ),
        ],
      },
      // Account and spend (docs/account.md): the credit balance needs a management key, the
      // key's figures an API key; an alert whose series are absent stays silent.
      {
        name: 'openrouter-account',
        rules: [
          alert(
            'OpenRouterCreditsLow', 'exporter', 'warning',
            |||
              account:openrouter_credits_usd:balance
                < on() group_left() openrouter:credits_low_usd:threshold
            |||,
            "The OpenRouter account's credit balance is low.",
            |||
              The OpenRouter account has {{ $value | printf "%.2f" }} USD of credits left
              (purchased minus used), below
              {{ with query "openrouter:credits_low_usd:threshold" }}{{ . | first | value | printf "%.2f" }}{{ end }}
              USD (openrouter:credits_low_usd:threshold): requests fail once it reaches 0.
            |||,
            '10m'
          ),
          // The balance, at the account's spend over the last six hours, lasts less than the
          // threshold. A balance already at 0 or below lasts 0 s; no spend, forever.
          alert(
            'OpenRouterCreditsRunningOut', 'exporter', 'warning',
            |||
              clamp_min(account:openrouter_credits_usd:balance, 0)
                / (account:openrouter_credits_used_usd:rate6h > 0)
                < on() group_left() openrouter:credits_runway_seconds:threshold
            |||,
            "The OpenRouter account's credits run out soon at the current spend.",
            |||
              At the last six hours' spend of
              {{ with query "account:openrouter_credits_used_usd:rate6h * 3600" }}{{ . | first | value | printf "%.2f" }}{{ end }}
              USD per hour, the balance of
              {{ with query "account:openrouter_credits_usd:balance" }}{{ . | first | value | printf "%.2f" }}{{ end }}
              USD lasts {{ $value | humanizeDuration }}, less than
              {{ with query "openrouter:credits_runway_seconds:threshold" }}{{ . | first | value | humanizeDuration }}{{ end }}
              (openrouter:credits_runway_seconds:threshold): buy credits or enable auto top-up.
            |||,
            '15m'
          ),
          alert(
            'OpenRouterKeyLimitNearlyReached', 'exporter', 'warning',
            |||
              account:openrouter_key_limit_usd:used_ratio
                >= on() group_left() openrouter:key_limit_used_warning_ratio:threshold
            |||,
            'The OpenRouter API key has nearly reached its spending limit.',
            |||
              The exporter's OpenRouter API key has used {{ $value | humanizePercentage }} of its
              {{ with query "max(openrouter_key_limit_usd)" }}{{ . | first | value | printf "%.2f" }}{{ end }}
              USD limit
              ({{ with query "max(openrouter_key_limit_remaining_usd)" }}{{ . | first | value | printf "%.2f" }}{{ end }}
              USD left{{ with query `max by (limit_reset) (openrouter_key_info{limit_reset!=""})` }}, reset {{ . | first | label "limit_reset" }}{{ end }}),
              at least openrouter:key_limit_used_warning_ratio:threshold.
            |||,
            '5m'
          ),
          alert(
            'OpenRouterKeyLimitReached', 'exporter', 'critical',
            'max by (%(groupLabels)s) (openrouter_key_limit_remaining_usd) <= 0',
            'The OpenRouter API key has reached its spending limit.',
            |||
              The exporter's OpenRouter API key has
              {{ $value | printf "%.2f" }} USD left of its
              {{ with query "max(openrouter_key_limit_usd)" }}{{ . | first | value | printf "%.2f" }}{{ end }}
              USD limit{{ with query `max by (limit_reset) (openrouter_key_info{limit_reset!=""})` }}
              (reset {{ . | first | label "limit_reset" }}){{ end }}: requests with it fail until the
              limit is raised or its period resets.
            |||,
            '5m'
          ),
          alert(
            'OpenRouterKeyExpiringSoon', 'exporter', 'warning',
            |||
              max by (%(groupLabels)s) (openrouter_key_expiration_timestamp_seconds) - time()
                < on() group_left() openrouter:key_expiry_warning_seconds:threshold
            |||,
            'The OpenRouter API key expires soon.',
            |||
              The exporter's OpenRouter API key expires at
              {{ with query "max(openrouter_key_expiration_timestamp_seconds)" }}{{ . | first | value | humanizeTimestamp }}{{ end }},
              {{ $value | humanizeDuration }} from now, within
              openrouter:key_expiry_warning_seconds:threshold: requests with it fail after that.
            |||,
            '5m'
          ),
          // The trailing week's hourly average is the mean of the recorded last-hour spends over
          // the week, so an exporter with less than a week of data compares against what it has.
          alert(
            'OpenRouterSpendSpike', 'exporter', 'warning',
            |||
              account:openrouter_key_usage_usd:spent_1h
                > avg_over_time(account:openrouter_key_usage_usd:spent_1h[1w])
                  * on() group_left() openrouter:spend_spike_ratio:threshold
                > on() group_left() openrouter:spend_spike_floor_usd:threshold
            |||,
            'The OpenRouter API key spends far more than usual.',
            |||
              The exporter's OpenRouter API key spent {{ $value | printf "%.2f" }} USD in the last
              hour, against an hourly average of
              {{ with query "avg_over_time(account:openrouter_key_usage_usd:spent_1h[1w])" }}{{ . | first | value | printf "%.2f" }}{{ end }}
              USD over the trailing week: more than
              {{ with query "openrouter:spend_spike_ratio:threshold" }}{{ . | first | value }}{{ end }}
              times that (openrouter:spend_spike_ratio:threshold) and more than
              {{ with query "openrouter:spend_spike_floor_usd:threshold" }}{{ . | first | value | printf "%.2f" }}{{ end }}
              USD (openrouter:spend_spike_floor_usd:threshold).
            |||,
            '10m'
          ),
          // A source every exporter fails to read; a 403 from credits or activity means the key
          // is no management key.
          alert(
            'OpenRouterAccountReadsFailing', 'exporter', 'warning',
            'max by (%(groupLabels)s, source) (openrouter_account_up) == 0',
            'The exporter fails to read the OpenRouter account.',
            |||
              Every exporter's latest read of the OpenRouter account's {{ $labels.source }} has
              failed for 15 minutes, with reason
              {{ range $i, $error := printf `max by (reason) (increase(openrouter_account_errors_total{source=%q}[1h])) > 0` $labels.source | query }}{{ if $i }}, {{ end }}{{ $error.Labels.reason }}{{ end }}
              within the last hour (openrouter_account_errors_total); its series keep their last
              values until poll.stale_after, then go.
            |||,
            '15m'
          ),
        ],
      },
      {
        name: 'openrouter-exporter',
        rules: [
          // Any exporter or replica with a successful latest poll has the model's data: not
          // failing. A model answered with 404 is OpenRouterModelGone's case, not the exporter's
          // trouble.
          alert(
            'OpenRouterPollsFailing', 'model', 'warning',
            |||
              max by (%(groupLabels)s, model) (openrouter_up) == 0
              unless on(model)
              max by (model) (increase(openrouter_poll_errors_total{reason="not_found"}[2h])) > 0
            |||,
            "The exporter's polls of an OpenRouter model fail.",
            |||
              Every exporter's latest poll of {{ $labels.model }} has failed for 5 minutes;
              openrouter_poll_errors_total{model="{{ $labels.model }}"} counts them by reason.
            |||,
            '5m'
          ),
          alert(
            'OpenRouterLastSuccessfulPollTooOld', 'model', 'warning',
            |||
              time() - max by (%(groupLabels)s, model) (openrouter_model_data_timestamp_seconds)
                > on() group_left() openrouter:last_successful_poll_age_seconds:threshold
            |||,
            "The exporter's data for an OpenRouter model is stale.",
            |||
              OpenRouter's data for {{ $labels.model }} is {{ $value | humanizeDuration }} old
              (the freshest answer of any exporter's last successful poll, CDN age included), more
              than openrouter:last_successful_poll_age_seconds:threshold.
            |||,
            '5m'
          ),
          alert(
            'OpenRouterExporterDown', 'exporter', 'critical',
            'up{%(exporterSelector)s} == 0',
            'openrouter-exporter is down.',
            |||
              Prometheus has failed to scrape {{ $labels.instance }} (job {{ $labels.job }}) for 5
              minutes: no OpenRouter endpoint is watched and no other OpenRouter alert can fire.
            |||,
            '5m'
          ),
        ],
      },
    ],
  },
}
