// openrouter-exporter's monitoring mixin: prometheusRules, prometheusAlerts and
// grafanaDashboards, configured by _config (config.libsonnet).
(import 'config.libsonnet')
+ (import 'rules.libsonnet')
+ (import 'alerts.libsonnet')
+ (import 'dashboards/openrouter-exporter.libsonnet')
