// Every file generated from the mixin, by its path from the repository's root; generate.sh
// writes them (jsonnet -S -m, which ends each with a newline) and MixinTest fails when a
// committed one differs.
local mixin = import 'mixin.libsonnet';

local header(source) = |||
  # Generated from mixin/%s by mixin/generate.sh: edit the jsonnet there, then run the script.
||| % source;

local yaml(source, content) = header(source) + std.manifestYamlDoc(content, indent_array_in_object=true, quote_keys=false);

local rules = yaml('rules.libsonnet', mixin.prometheusRules);
local alerts = yaml('alerts.libsonnet', mixin.prometheusAlerts);

{
  'config/prometheus/openrouter-exporter.rules.yml': rules,
  'config/prometheus/openrouter-exporter.alerts.yml': alerts,
  // The Helm chart's PrometheusRule reads its own copies (a chart packs only its own directory).
  'deploy/helm/openrouter-exporter/files/openrouter-exporter.rules.yml': rules,
  'deploy/helm/openrouter-exporter/files/openrouter-exporter.alerts.yml': alerts,
} + {
  ['grafana/dashboards/' + name]: std.manifestJsonEx(mixin.grafanaDashboards[name], '  ')
  for name in std.objectFields(mixin.grafanaDashboards)
}
