// Every file generated from the mixin, by its path from the repository's root; generate.sh
// writes them (jsonnet -S -m, which ends each with a newline) and MixinTest fails when a
// committed one differs.
local mixin = import 'mixin.libsonnet';

// std.escapeStringJson in jsonnet 0.18 builds its answer a character at a time, in time quadratic
// in the string's length: a minute for the dashboard. The manifest functions call it through
// std, late bound, so this std escapes with std.strReplace instead: the same escapes, for the
// control characters text can hold.
local fast = std {
  escapeStringJson(s)::
    local replacements = [
      ['\\', '\\\\'],
      ['"', '\\"'],
      ['\n', '\\n'],
      ['\t', '\\t'],
      ['\r', '\\r'],
      ['\b', '\\b'],
      ['\f', '\\f'],
    ];
    '"' + std.foldl(function(text, r) std.strReplace(text, r[0], r[1]), replacements, std.toString(s)) + '"',
};

local header(source) = |||
  # Generated from mixin/%s by mixin/generate.sh: edit the jsonnet there, then run the script.
||| % source;

// Every key of a value, at any depth.
local keys(value) =
  if std.isObject(value) then
    std.set(std.objectFields(value) + std.flattenArrays([keys(value[k]) for k in std.objectFields(value)]))
  else if std.isArray(value) then std.set(std.flattenArrays([keys(v) for v in value]))
  else [];

// quote_keys=false costs 0.18 ten times as long as quoting them and taking the quotes off the
// keys here (the keys are plain words; a quoted value never holds a key and its colon unescaped).
local yaml(source, content) =
  header(source) + std.foldl(
    function(text, key) std.strReplace(text, '"%s":' % key, key + ':'),
    keys(content),
    fast.manifestYamlDoc(content, indent_array_in_object=true, quote_keys=true)
  );

local rules = yaml('rules.libsonnet', mixin.prometheusRules);
local alerts = yaml('alerts.libsonnet', mixin.prometheusAlerts);

{
  'config/prometheus/openrouter-exporter.rules.yml': rules,
  'config/prometheus/openrouter-exporter.alerts.yml': alerts,
  // The Helm chart's PrometheusRule reads its own copies (a chart packs only its own directory).
  'deploy/helm/openrouter-exporter/files/openrouter-exporter.rules.yml': rules,
  'deploy/helm/openrouter-exporter/files/openrouter-exporter.alerts.yml': alerts,
} + {
  ['grafana/dashboards/' + name]: fast.manifestJsonEx(mixin.grafanaDashboards[name], '  ')
  for name in std.objectFields(mixin.grafanaDashboards)
}
