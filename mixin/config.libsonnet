// Everything a user of the mixin may want to change, in the kube-prometheus layout: override it
// with `(import 'mixin.libsonnet') + { _config+:: { ... } }`.
{
  _config+:: {
    // The scrape job of the exporters: OpenRouterExporterDown selects it, and the exporter-down
    // inhibition in config/alertmanager/alertmanager.yml matches its alerts by this job label.
    // Keep it in step with the job_name in your Prometheus configuration.
    exporterSelector: 'job="openrouter-exporter"',

    // The alerts aggregate over scrape targets (several exporters or cluster replicas with the
    // same data give one alert) but keep these labels, so that Alertmanager can tell which job
    // an alert comes from (the exporter-down inhibition needs it).
    groupLabels: 'job',

    // Where each alert's runbook is: %s is the alert's name in lower case, the anchor of its
    // section in docs/runbooks.md. Point it at your own copy of the repository.
    runbookURLPattern: 'https://github.com/routewatch/openrouter-exporter/blob/main/docs/runbooks.md#%s',

    // Where Grafana serves the dashboard; alerts link to it with their model (and provider)
    // selected. docker-compose.yml serves Grafana on localhost:3000.
    grafanaURL: 'http://localhost:3000',
    dashboardUID: 'openrouter-exporter',
    dashboardTitle: 'OpenRouter endpoints',
    dashboardURL: '%s/d/%s' % [self.grafanaURL, self.dashboardUID],

    // The thresholds: recorded as constant series (openrouter:*:threshold) that the alerts and
    // the "healthy endpoint" rules compare against, so a running Prometheus can be asked for
    // them and one value changes every rule that uses it. How long a condition must hold is each
    // alert's own `for:` in alerts.libsonnet.
    thresholds: {
      // 30m uptime below this: the endpoint is degraded (OpenRouterEndpointUptimeLow, warning),
      // no longer counts as healthy, and counts towards OpenRouterModelAllEndpointsDegraded. The
      // dashboard colours uptime orange below it.
      uptimeWarning: 0.95,
      // 30m uptime below this: OpenRouterEndpointUptimeCriticallyLow (critical); the dashboard
      // colours uptime red below it.
      uptimeCritical: 0.80,
      // p90 time to first token above this many times its own 1-day median:
      // OpenRouterEndpointTimeToFirstTokenHigh ...
      ttftP90BaselineFactor: 3,
      // ... but only when it is also above this many seconds (a jump from 0.2 s to 0.7 s is noise).
      ttftP90FloorSeconds: 2,
      // Age in seconds of OpenRouter's data for a model (its CDN's age included):
      // OpenRouterLastSuccessfulPollTooOld. The default is the exporter's default
      // poll.stale_after (10m), after which the model's series are gone; the CDN alone adds up to
      // 5 minutes. The dashboard's data-age panel turns red there.
      lastSuccessfulPollAgeSeconds: 600,
      // An endpoint's prompt or completion list price above this many times its lowest within the
      // last hour: OpenRouterEndpointPriceIncreased (1.1: more than 10 % up).
      endpointPriceIncreaseRatio: 1.1,
      // The prompt or completion list price of a model's cheapest healthy endpoint above this many
      // times its lowest within the last hour: OpenRouterModelCheapestPriceIncreased.
      modelCheapestPriceIncreaseRatio: 1.1,
      // 30m p50 throughput below this fraction of its own 1-day median:
      // OpenRouterEndpointThroughputLow.
      throughputP50BaselineRatio: 0.5,
      // Seconds before a model's announced expiry (the catalog's expiration_date) from which
      // OpenRouterModelExpiringSoon fires: 14 days.
      modelExpiryWarningSeconds: 1209600,

      // Account and spend (docs/account.md); amounts in USD.
      // The account's credit balance (purchased minus used) below this: OpenRouterCreditsLow.
      creditsLowUSD: 10,
      // The balance lasts less than this many seconds at the last six hours' spend:
      // OpenRouterCreditsRunningOut (3 days).
      creditsRunwaySeconds: 259200,
      // Share of the key's spending limit used, at or above this: OpenRouterKeyLimitNearlyReached.
      // The whole limit used is OpenRouterKeyLimitReached, which has no threshold.
      keyLimitUsedWarningRatio: 0.8,
      // Seconds before the key's expiry from which OpenRouterKeyExpiringSoon fires: 7 days.
      keyExpiryWarningSeconds: 604800,
      // The key's spend over the last hour above this many times its hourly average over the
      // trailing week: OpenRouterSpendSpike ...
      spendSpikeRatio: 3,
      // ... but only when that hour's spend is also above this many USD.
      spendSpikeFloorUSD: 1,
    },
  },
}
