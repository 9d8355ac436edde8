{{/* The chart's name, or nameOverride. */}}
{{- define "openrouter-exporter.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The objects' name: the release name and the chart's name, once if one contains the other. */}}
{{- define "openrouter-exporter.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "openrouter-exporter.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "openrouter-exporter.selectorLabels" -}}
app.kubernetes.io/name: {{ include "openrouter-exporter.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "openrouter-exporter.labels" -}}
helm.sh/chart: {{ include "openrouter-exporter.chart" . }}
{{ include "openrouter-exporter.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/component: metrics
app.kubernetes.io/part-of: {{ include "openrouter-exporter.name" . }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "openrouter-exporter.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "openrouter-exporter.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* Where the pod finds its files. */}}
{{- define "openrouter-exporter.configDir" -}}/etc/openrouter-exporter/config{{- end }}
{{- define "openrouter-exporter.secretsDir" -}}/etc/openrouter-exporter/secrets{{- end }}
{{- define "openrouter-exporter.webConfigDir" -}}/etc/openrouter-exporter/web{{- end }}

{{/* HTTPS when the web configuration file turns TLS on. */}}
{{- define "openrouter-exporter.scheme" -}}
{{- if and .Values.webConfigSecret.name .Values.webConfigSecret.tls }}https{{ else }}http{{ end }}
{{- end }}

{{/*
The exporter's configuration file: `config`, with the `cluster:` section set from its values and
each mounted Secret's file named by its key (secretFiles). Refuses several replicas without a
cluster database, since each would poll every model on its own. No message repeats a value: a URL
may carry a password.
*/}}
{{- define "openrouter-exporter.config" -}}
{{- $config := deepCopy (.Values.config | default dict) }}
{{- if and (gt (int .Values.replicaCount) 1) (not .Values.cluster.enabled) }}
{{- fail (printf "replicaCount is %d, but replicas without cluster.enabled would each poll every model: set cluster.enabled, cluster.jdbcUrl and cluster.username (a PostgreSQL database the replicas share; docs/high-availability.md), or replicaCount: 1" (int .Values.replicaCount)) }}
{{- end }}
{{- if .Values.cluster.enabled }}
{{- $jdbcUrl := required "cluster.enabled needs cluster.jdbcUrl: jdbc:postgresql://host:port/database" .Values.cluster.jdbcUrl }}
{{- if regexMatch "(?i)([?&;]password=)|(//[^/]*@)" $jdbcUrl }}
{{- fail "cluster.jdbcUrl must not carry a password: put it in the Secret named by cluster.passwordSecret.name" }}
{{- end }}
{{- $_ := set $config "cluster" (dict "jdbc_url" $jdbcUrl "username" (required "cluster.enabled needs cluster.username, the database user" .Values.cluster.username)) }}
{{- end }}
{{- $secretsDir := include "openrouter-exporter.secretsDir" . }}
{{- range include "openrouter-exporter.secretFiles" . | fromYamlArray }}
{{- $section := get $config .section | default dict }}
{{- $_ := set $section .configKey (printf "%s/%s" $secretsDir .path) }}
{{- $_ := set $config .section $section }}
{{- end }}
{{- toYaml $config }}
{{- end }}

{{/*
The Secrets mounted as files in secretsDir: their names and keys, the file's name there, and the
configuration key that names the file.
*/}}
{{- define "openrouter-exporter.secretFiles" -}}
{{- $files := list }}
{{- with .Values.apiKeySecret }}{{ if .name }}
{{- $files = append $files (dict "name" .name "key" .key "path" "api-key" "section" "openrouter" "configKey" "api_key_file") }}
{{- end }}{{ end }}
{{- with .Values.managementKeySecret }}{{ if .name }}
{{- $files = append $files (dict "name" .name "key" .key "path" "management-key" "section" "account" "configKey" "management_key_file") }}
{{- end }}{{ end }}
{{- if .Values.cluster.enabled }}{{ with .Values.cluster.passwordSecret }}{{ if .name }}
{{- $files = append $files (dict "name" .name "key" .key "path" "db-password" "section" "cluster" "configKey" "password_file") }}
{{- end }}{{ end }}{{ end }}
{{- toYaml $files }}
{{- end }}
