// The "OpenRouter endpoints" dashboard: uptime, latency and throughput, prices, traffic, changes
// within the hour and the exporter's own health, for the models and providers selected.
local g = import '../lib/grafana.libsonnet';

{
  local config = self._config,
  local t = config.thresholds,

  // Uptime colours: red below the critical threshold, orange below the warning one.
  local uptimeColours = g.steps('red', [['orange', t.uptimeCritical], ['green', t.uptimeWarning]]),
  // Every query follows the selection; endpoint series by model and provider.
  local endpoints = 'model=~"$model",provider=~"$provider"',
  local models = 'model=~"$model"',
  local perEndpoint(metric, selector=endpoints) =
    'max by (model, provider, endpoint) (%s{%s})' % [metric, selector],
  local usdPerMillion = [{ id: 'unit', value: 'currencyUSD' }, { id: 'decimals', value: 3 }],
  local uptimeColumn(refId, name) = g.column('Value #' + refId, name, [
    { id: 'unit', value: 'percentunit' },
    { id: 'decimals', value: 2 },
    { id: 'thresholds', value: uptimeColours },
    { id: 'custom.cellOptions', value: { type: 'color-background', mode: 'basic' } },
  ]),
  // A latest poll or read: 1 OK, 0 failing.
  local upOrFailing = {
    unit: 'none',
    mappings: [{ type: 'value', options: {
      '1': { text: 'OK', color: 'green', index: 0 },
      '0': { text: 'failing', color: 'red', index: 1 },
    } }],
    thresholds: g.steps('red', [['green', 1]]),
  },
  local variable(name, label, definition) = {
    type: 'query',
    name: name,
    label: label,
    datasource: { type: 'prometheus', uid: '${datasource}' },
    definition: definition,
    query: definition,
    refresh: 2,
    sort: 1,
    multi: true,
    includeAll: true,
    allValue: '.*',
    current: { selected: true, text: ['All'], value: ['$__all'] },
    hide: 0,
    regex: '',
    options: [],
  },

  local uptime = g.row('Uptime', [g.line(10, [
    g.cell(12, g.table(
      'Uptime and status by endpoint',
      "Share of successful requests per endpoint over OpenRouter's last 5 minutes, 30 minutes and day. Red below %g %%, orange below %g %% (the default alert thresholds). Status is OpenRouter's: negative means deprioritised (used only when the others fail)." % [100 * t.uptimeCritical, 100 * t.uptimeWarning],
      [
        g.tableQuery(perEndpoint('openrouter_endpoint_uptime_last_5m_ratio'), 'A'),
        g.tableQuery(perEndpoint('openrouter_endpoint_uptime_last_30m_ratio'), 'B'),
        g.tableQuery(perEndpoint('openrouter_endpoint_uptime_last_1d_ratio'), 'C'),
        g.tableQuery(perEndpoint('openrouter_endpoint_status'), 'D'),
      ],
      [
        uptimeColumn('A', 'Uptime 5m'),
        uptimeColumn('B', 'Uptime 30m'),
        uptimeColumn('C', 'Uptime 1d'),
        g.column('Value #D', 'Status', [
          { id: 'unit', value: 'none' },
          { id: 'decimals', value: 0 },
          { id: 'mappings', value: [
            { type: 'value', options: { '0': { text: 'normal', color: 'green', index: 0 } } },
            { type: 'range', options: { from: -1000000, to: -1, result: { text: 'deprioritised', color: 'orange', index: 1 } } },
          ] },
          { id: 'custom.cellOptions', value: { type: 'color-text' } },
        ]),
      ],
      { displayName: 'Uptime 30m', desc: false },
      ['model', 'provider', 'endpoint', 'Value #A', 'Value #B', 'Value #C', 'Value #D'],
    )),
    g.cell(12, g.timeseries(
      '30m uptime over time',
      "OpenRouter's uptime over the last 30 minutes, per endpoint. Dashed lines: the default warning (%g %%) and critical (%g %%) alert thresholds." % [100 * t.uptimeWarning, 100 * t.uptimeCritical],
      g.rangeQuery('openrouter_endpoint_uptime_last_30m_ratio{%s}' % endpoints, '{{model}} · {{endpoint}}'),
      'percentunit',
      ['lastNotNull', 'min'],
      { custom+: { thresholdsStyle: { mode: 'dashed' } }, max: 1, thresholds: uptimeColours, min:: null },
    )),
  ])]),

  local latency = g.row('Latency and throughput', [g.line(9, [
    g.cell(12, g.timeseries(
      'Time to first token (p50, p90, p99)',
      "OpenRouter's percentiles of the time to first token over its last 30 minutes, per endpoint. Empty without an API key: OpenRouter leaves latency out then.",
      g.rangeQuery('openrouter_endpoint_latency_last_30m_seconds{%s,percentile=~"p50|p90|p99"}' % endpoints, '{{model}} · {{endpoint}} {{percentile}}'),
      's',
      ['lastNotNull', 'max'],
    )),
    g.cell(12, g.timeseries(
      'Throughput (median)',
      "OpenRouter's median output tokens per second over its last 30 minutes, per endpoint. Empty without an API key.",
      g.rangeQuery('openrouter_endpoint_throughput_last_30m_tokens_per_second{%s,percentile="p50"}' % endpoints, '{{model}} · {{endpoint}}'),
      'suffix: tokens/s',
      ['lastNotNull', 'min'],
    )),
  ])]),

  local prices = g.row('Prices and endpoints', [
    g.line(9, [
      g.cell(10, g.table(
        'Cheapest healthy endpoint per model',
        'For each model and kind of token, the endpoint whose price in effect now (discount and OpenRouter\'s time-of-day prices applied) is the lowest among the healthy ones (30m uptime at least the warning threshold, not deprioritised), in USD per million tokens. Needs config/prometheus/openrouter-exporter.rules.yml loaded.',
        [g.tableQuery('max by (model, kind, provider, endpoint) (endpoint:openrouter_endpoint_effective_token_price_usd:healthy{model=~"$model",kind=~"prompt|completion"} == on(%(groupLabels)s, model, kind) group_left() model_kind:openrouter_endpoint_effective_token_price_usd:min_healthy) * 1e6' % config, 'A')],
        [g.column('Value', 'USD per 1M tokens', usdPerMillion)],
        { displayName: 'model', desc: false },
        ['model', 'kind', 'provider', 'endpoint', 'Value'],
        { custom: { align: 'auto' } },
      )),
      g.cell(14, g.table(
        'Prices per million tokens',
        'Per-token prices in effect now at every endpoint, in USD per million tokens: the list price with the discount and any time-of-day price (pricing.overrides) applied, for a prompt below every long-context tier. Healthy: 30m uptime at least the warning threshold and not deprioritised.',
        [
          g.tableQuery(perEndpoint('openrouter_endpoint_effective_token_price_usd', endpoints + ',kind="prompt"') + ' * 1e6', 'A'),
          g.tableQuery(perEndpoint('openrouter_endpoint_effective_token_price_usd', endpoints + ',kind="completion"') + ' * 1e6', 'B'),
          g.tableQuery(perEndpoint('openrouter_endpoint_effective_token_price_usd', endpoints + ',kind="input_cache_read"') + ' * 1e6', 'C'),
          g.tableQuery(perEndpoint('endpoint:openrouter_endpoint_uptime_last_30m_ratio:healthy'), 'D'),
        ],
        [
          g.column('Value #A', 'Prompt', usdPerMillion),
          g.column('Value #B', 'Completion', usdPerMillion),
          g.column('Value #C', 'Cache read', usdPerMillion),
          g.column('Value #D', 'Healthy', [
            { id: 'unit', value: 'percentunit' },
            { id: 'mappings', value: [
              { type: 'range', options: { from: 0, to: 1, result: { text: 'yes', color: 'green', index: 0 } } },
              { type: 'special', options: { match: 'null', result: { text: 'no', color: 'orange', index: 1 } } },
            ] },
            { id: 'custom.cellOptions', value: { type: 'color-text' } },
          ]),
        ],
        { displayName: 'Prompt', desc: false },
        ['model', 'provider', 'endpoint', 'Value #D', 'Value #A', 'Value #B', 'Value #C'],
      )),
    ]),
    g.line(8, [
      g.cell(12, g.timeseries(
        'Endpoints per model',
        'How many endpoints OpenRouter lists for each model. Aliases and routers list none.',
        g.rangeQuery('openrouter_model_endpoints{%s}' % models, '{{model}}'),
        'none',
        ['lastNotNull', 'min'],
        { decimals: 0 },
      )),
      g.cell(12, g.bargauge(
        'Best 30m uptime per model',
        "The highest 30m uptime among each model's endpoints: how well the model can be served at best. Needs config/prometheus/openrouter-exporter.rules.yml loaded.",
        g.instantQuery('model:openrouter_endpoint_uptime_last_30m_ratio:max{%s}' % models, '{{model}}'),
        { decimals: 2, thresholds: uptimeColours, color: { mode: 'thresholds' } },
      )),
    ]),
  ]),

  local traffic = g.row('Traffic', [g.line(9, [
    g.cell(14, g.timeseries(
      'Requests per endpoint by workload (last 30 minutes)',
      "Requests each endpoint admitted over OpenRouter's last 30 minutes, by workload (text generation, embeddings, image generation, ...): how much traffic each provider really serves. Empty without an API key.",
      g.rangeQuery('openrouter_endpoint_workload_requests_last_30m{%s}' % endpoints, '{{model}} · {{endpoint}} · {{workload}}'),
      'short',
      ['lastNotNull', 'max'],
      { decimals: 0 },
    )),
    g.cell(10, g.bargauge(
      "Share of the model's requests",
      "Each endpoint's share of its model's requests over OpenRouter's last 30 minutes, all workloads together: where OpenRouter actually routes the model's traffic. Needs config/prometheus/openrouter-exporter.rules.yml loaded and an API key.",
      g.instantQuery('endpoint:openrouter_endpoint_workload_requests_last_30m:share{%s}' % endpoints, '{{model}} · {{endpoint}}'),
      { decimals: 1, color: { mode: 'continuous-BlPu' } },
    )),
  ])]),

  local changes = g.row('Changes', [
    g.line(9, [
    g.cell(24, g.table(
      'Context, quantization and endpoint changes within the last hour',
      'Per endpoint: its context length now and its highest within the last hour (a cut shows as now below highest, OpenRouterEndpointContextLengthReduced), and how many quantizations OpenRouter reported for it within the hour (more than 1: it was re-hosted at another precision, OpenRouterEndpointQuantizationChanged). In answers for: since when OpenRouter lists the endpoint, up to an hour (less: it appeared, OpenRouterEndpointAppeared). Sort by a column to bring the changed endpoints to the top.',
      [
        g.tableQuery(perEndpoint('openrouter_endpoint_context_length_tokens'), 'A'),
        g.tableQuery('max by (model, provider, endpoint) (max_over_time(openrouter_endpoint_context_length_tokens{%s}[1h]))' % endpoints, 'B'),
        g.tableQuery('count by (model, provider, endpoint) (count by (model, provider, endpoint, quantization) (max_over_time(openrouter_endpoint_info{%s}[1h])))' % endpoints, 'C'),
        g.tableQuery('time() - min by (model, provider, endpoint) (min_over_time(timestamp(openrouter_endpoint_info{%s})[1h:1m]))' % endpoints, 'D'),
      ],
      [
        g.column('Value #A', 'Context now', [{ id: 'unit', value: 'short' }]),
        g.column('Value #B', 'Context, highest in 1h', [{ id: 'unit', value: 'short' }]),
        g.column('Value #C', 'Quantizations in 1h', [{ id: 'unit', value: 'none' }]),
        g.column('Value #D', 'In answers for (up to 1h)', [{ id: 'unit', value: 's' }]),
      ],
      { displayName: 'Quantizations in 1h', desc: true },
    )),
  ]),
    g.line(9, [
      g.cell(15, g.table(
        'List price changes within the last hour (USD per million tokens)',
        'Per endpoint and kind (prompt, completion): OpenRouter\'s list price now, its lowest within the last hour (the price before a rise, what OpenRouterEndpointPriceIncreased compares against) and its highest (the price before a cut). A rise shows as now above lowest. The list price, not the one in effect: time-of-day prices move that one every day.',
        [
          g.tableQuery('max by (model, provider, endpoint, kind) (openrouter_endpoint_token_price_usd{%s,kind=~"prompt|completion"}) * 1e6' % endpoints, 'A'),
          g.tableQuery('max by (model, provider, endpoint, kind) (min_over_time(openrouter_endpoint_token_price_usd{%s,kind=~"prompt|completion"}[1h])) * 1e6' % endpoints, 'B'),
          g.tableQuery('max by (model, provider, endpoint, kind) (max_over_time(openrouter_endpoint_token_price_usd{%s,kind=~"prompt|completion"}[1h])) * 1e6' % endpoints, 'C'),
        ],
        [
          g.column('Value #A', 'Now', [{ id: 'unit', value: 'currencyUSD' }]),
          g.column('Value #B', 'Lowest in 1h', [{ id: 'unit', value: 'currencyUSD' }]),
          g.column('Value #C', 'Highest in 1h', [{ id: 'unit', value: 'currencyUSD' }]),
        ],
        { displayName: 'Now', desc: true },
      )),
      g.cell(9, g.table(
        'Model expiry',
        "Models whose entry in OpenRouter's catalog has an expiration_date: the day (00:00 UTC) requests to it start failing, and how long until then (OpenRouterModelExpiringSoon fires within %d days). Models without one are not listed." % (t.modelExpiryWarningSeconds / 86400),
        [
          g.tableQuery('max by (model) (openrouter_model_expiration_timestamp_seconds{%s}) * 1e3' % models, 'A'),
          g.tableQuery('max by (model) (openrouter_model_expiration_timestamp_seconds{%s}) - time()' % models, 'B'),
        ],
        [
          g.column('Value #A', 'Expires', [{ id: 'unit', value: 'dateTimeAsIso' }]),
          g.column('Value #B', 'Time left', [{ id: 'unit', value: 's' }]),
        ],
        { displayName: 'Time left', desc: false },
      )),
    ]),
  ]),

  local account = g.row('Account', [
    g.line(8, [
      g.cell(5, g.stat(
        'Credit balance',
        'Credits purchased minus credits used, for the whole OpenRouter account, in USD (account:openrouter_credits_usd:balance, from GET /credits). Needs a management key (docs/account.md) and config/prometheus/openrouter-exporter.rules.yml loaded. Red below the default threshold of OpenRouterCreditsLow (%g USD).' % t.creditsLowUSD,
        g.rangeQuery('account:openrouter_credits_usd:balance', 'balance'),
        { unit: 'currencyUSD', decimals: 2, thresholds: g.steps('red', [['green', t.creditsLowUSD]]) },
        'value',
        textMode='value',
        graphMode='area',
      )),
      g.cell(5, g.gauge(
        'Key limit used',
        "Share of the exporter's API key's spending limit used in the limit's period (limit_reset), from GET /key's limit and limit_remaining (account:openrouter_key_limit_usd:used_ratio; needs the rule files). No data for a key without a limit. Orange from OpenRouterKeyLimitNearlyReached's default (%g %%), red at the whole limit (OpenRouterKeyLimitReached)." % (100 * t.keyLimitUsedWarningRatio),
        g.instantQuery('account:openrouter_key_limit_usd:used_ratio', null),
        {
          unit: 'percentunit',
          decimals: 1,
          min: 0,
          max: 1,
          thresholds: g.steps('green', [['orange', t.keyLimitUsedWarningRatio], ['red', 1]]),
        },
      )),
      g.cell(5, g.stat(
        'Key expires in',
        "Time until the exporter's API key expires (GET /key expires_at). No data for a key without an expiry. Red within OpenRouterKeyExpiringSoon's default (%d days)." % (t.keyExpiryWarningSeconds / 86400),
        g.instantQuery('max(openrouter_key_expiration_timestamp_seconds) - time()', null),
        { unit: 's', decimals: 0, thresholds: g.steps('red', [['green', t.keyExpiryWarningSeconds]]) },
        'value',
        textMode='value',
      )),
      g.cell(9, g.timeseries(
        'Key spend per hour and per day',
        "What the exporter's API key spent over the hour and over the 24 hours before each point, in USD: its all-time usage (GET /key) now minus its lowest within the window, so a correction on OpenRouter's side never counts as spend. The hour is OpenRouterSpendSpike's account:openrouter_key_usage_usd:spent_1h (needs the rule files).",
        [
          g.rangeQuery('account:openrouter_key_usage_usd:spent_1h', 'last hour', 'A'),
          g.rangeQuery('max(openrouter_key_usage_usd_total) - min(min_over_time(openrouter_key_usage_usd_total[1d]))', 'last 24 hours', 'B'),
        ],
        'currencyUSD',
        ['lastNotNull', 'max'],
        { decimals: 2 },
        legendPlacement='bottom',
      )),
    ]),
    g.line(9, [
      g.cell(14, g.table(
        'Spend per model and provider (last completed UTC day)',
        'The whole account\'s spend in USD and requests per model and provider over the last completed UTC day, from GET /activity (needs a management key and account.activity: true). Follows the model and provider selection: a model the exporter does not poll shows only with the model selection at All.',
        [
          g.tableQuery('max by (model, provider) (openrouter_activity_spend_usd{%s})' % endpoints, 'A'),
          g.tableQuery('max by (model, provider) (openrouter_activity_requests{%s})' % endpoints, 'B'),
        ],
        [
          g.column('Value #A', 'Spend', [{ id: 'unit', value: 'currencyUSD' }, { id: 'decimals', value: 2 }]),
          g.column('Value #B', 'Requests', [{ id: 'unit', value: 'short' }, { id: 'decimals', value: 0 }]),
        ],
        { displayName: 'Spend', desc: true },
        ['model', 'provider', 'Value #A', 'Value #B'],
      )),
      g.cell(10, g.stat(
        'Latest account read per source',
        "openrouter_account_up: whether the exporter's latest read of each account source succeeded (key: GET /key; credits and activity: the management key's). A source not configured is absent; OpenRouterAccountReadsFailing fires when one fails at every exporter for 15 minutes.",
        g.instantQuery('max by (source) (openrouter_account_up)', '{{source}}'),
        upOrFailing,
        'background',
      )),
    ]),
  ]),

  local exporter = g.row('Exporter', [
    g.line(8, [
      g.cell(8, g.stat(
        'Latest poll per model',
        "openrouter_up: whether the exporter's latest poll of each model succeeded.",
        g.instantQuery('max by (model) (openrouter_up{%s})' % models, '{{model}}'),
        upOrFailing,
        'background',
      )),
      g.cell(8, g.stat(
        "Age of the data (OpenRouter's answer)",
        "Time since OpenRouter produced the answer of each model's last successful poll: the answer's Date minus its Age, so it includes the time OpenRouter's CDN held it (up to 5 minutes, s-maxage=300), and grows when polls fail. Orange after the CDN's 5 minutes plus two default poll intervals, red after the default stale_after (10m), the alert OpenRouterLastSuccessfulPollTooOld's threshold.",
        g.instantQuery('time() - max by (model) (openrouter_model_data_timestamp_seconds{%s})' % models, '{{model}}'),
        {
          unit: 's',
          decimals: 0,
          thresholds: g.steps('green', [['orange', 420], ['red', t.lastSuccessfulPollAgeSeconds]]),
        },
        'value',
      )),
      g.cell(8, g.timeseries(
        'Failed polls per minute, by reason',
        'openrouter_poll_errors_total of the selected models: rate_limited (HTTP 429), not_found (HTTP 404: delisted or mistyped), http_error (other non-2xx), timeout, io_error, bad_response.',
        g.rangeQuery('sum by (reason) (rate(openrouter_poll_errors_total{%s}[$__rate_interval])) * 60' % models, '{{reason}}'),
        'reqpm',
        ['lastNotNull', 'max'],
      )),
    ]),
    g.line(8, [
      g.cell(12, g.timeseries(
        'Upstream requests per minute, by status code',
        'Every HTTP request the exporter sent to OpenRouter, by status code (none: no response came).',
        g.rangeQuery('sum by (code) (rate(openrouter_api_requests_total[$__rate_interval])) * 60', '{{code}}'),
        'reqpm',
        ['lastNotNull', 'max'],
      )),
      g.cell(12, g.timeseries(
        'Poll duration',
        "How long each model's latest poll took.",
        g.rangeQuery('openrouter_poll_duration_seconds{%s}' % models, '{{model}}'),
        's',
        ['lastNotNull', 'max'],
      )),
    ]),
  ]),

  grafanaDashboards+:: {
    'openrouter-exporter.json': {
      title: config.dashboardTitle,
      uid: config.dashboardUID,
      description: "Uptime, time to first token, throughput, traffic and prices of the provider endpoints behind OpenRouter models, and the account's credits and spend, from openrouter-exporter.",
      tags: ['openrouter', 'openrouter-exporter'],
      editable: true,
      graphTooltip: 1,
      schemaVersion: 39,
      version: 1,
      time: { from: 'now-6h', to: 'now' },
      timepicker: {},
      timezone: 'browser',
      refresh: '1m',
      links: [],
      annotations: { list: [{
        builtIn: 1,
        datasource: { type: 'grafana', uid: '-- Grafana --' },
        enable: true,
        hide: true,
        iconColor: 'rgba(0, 211, 255, 1)',
        name: 'Annotations & Alerts',
        type: 'dashboard',
      }] },
      templating: { list: [
        {
          type: 'datasource',
          name: 'datasource',
          label: 'Data source',
          query: 'prometheus',
          current: {},
          hide: 0,
          includeAll: false,
          multi: false,
          regex: '',
          refresh: 1,
          options: [],
        },
        variable('model', 'Model', 'label_values(openrouter_up, model)'),
        variable('provider', 'Provider', 'label_values(openrouter_endpoint_info{model=~"$model"}, provider)'),
      ] },
      panels: g.layout([uptime, latency, prices, traffic, changes, account, exporter]),
    },
  },
}
