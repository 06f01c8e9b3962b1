{{/* Prefix of every object's name: the release name unless overridden. */}}
{{- define "gm.fullname" -}}
{{- default .Release.Name .Values.fullnameOverride | trunc 40 | trimSuffix "-" -}}
{{- end -}}

{{/* Labels of every object of the release. */}}
{{- define "gm.labels" -}}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/part-of: guangming-platform
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{- end -}}

{{/* Labels of one app's objects; call with (dict "root" $ "name" $name). */}}
{{- define "gm.appLabels" -}}
{{ include "gm.labels" .root }}
app.kubernetes.io/name: {{ .name }}
app.kubernetes.io/component: {{ ternary "api" "service" (eq .name "gateway") }}
{{- end -}}

{{/* Selector of one app's pods; call with (dict "root" $ "name" $name). */}}
{{- define "gm.selectorLabels" -}}
app.kubernetes.io/name: {{ .name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end -}}

{{- define "gm.image" -}}
{{- if .Values.image.digest -}}
{{ .Values.image.repository }}@{{ .Values.image.digest }}
{{- else -}}
{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}
{{- end -}}
{{- end -}}

{{- define "gm.databaseHost" -}}
{{- if .Values.database.host -}}
{{ .Values.database.host }}
{{- else if .Values.postgres.cnpg.enabled -}}
{{ include "gm.fullname" . }}-pg-rw
{{- else -}}
{{ fail "database.host is required unless postgres.cnpg.enabled is true" }}
{{- end -}}
{{- end -}}

{{/*
Settings of every process, as the ConfigMap's data; the migration hooks, which run before the
ConfigMap exists, read the same through `fromYaml`.
*/}}
{{- define "gm.sharedSettings" -}}
NODE_ENV: production
LOG_LEVEL: {{ .Values.config.logLevel | quote }}
NATS_URL: {{ .Values.nats.url | quote }}
NATS_PREFIX: {{ .Values.config.natsPrefix | quote }}
DATABASE_HOST: {{ include "gm.databaseHost" . | quote }}
DATABASE_PORT: {{ .Values.database.port | quote }}
DATABASE_NAME: {{ .Values.database.name | quote }}
DATABASE_PARAMS: {{ .Values.database.params | quote }}
DATABASE_POOL_SIZE: {{ .Values.database.poolSize | quote }}
MIGRATE_ON_START: 'false'
SEED_DEMO_DATA: 'false'
{{- with .Values.config.otlpEndpoint }}
OTEL_EXPORTER_OTLP_ENDPOINT: {{ . | quote }}
{{- end }}
# Every process verifies the caller's token (it travels over NATS): the OIDC provider's.
AUTH_MODE: oidc
AUTH_ISSUER: {{ required "auth.issuer is required" .Values.auth.issuer | quote }}
AUTH_AUDIENCE: {{ required "auth.audience is required" .Values.auth.audience | quote }}
AUTH_JWKS_URL: {{ required "auth.jwksUrl is required" .Values.auth.jwksUrl | quote }}
{{- end -}}

{{/* The gateway's own settings. */}}
{{- define "gm.gatewaySettings" -}}
CORS_ORIGINS: {{ .Values.auth.corsOrigins | quote }}
RATE_LIMIT_PER_MINUTE: {{ .Values.auth.rateLimitPerMinute | quote }}
TRUST_PROXY: {{ .Values.auth.trustProxy | quote }}
{{- end -}}

{{/* Pod-level security: non-root (numeric uid of the image's user), default seccomp. */}}
{{- define "gm.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: 1000
runAsGroup: 1000
fsGroup: 1000
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{- define "gm.containerSecurityContext" -}}
runAsNonRoot: true
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
capabilities:
  drop: [ALL]
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{/*
Database credentials of one app and the DATABASE_URL composed from them (Kubernetes expands
$(VAR) from the variables defined before). Call with (dict "root" $ "name" $name).
*/}}
{{- define "gm.databaseEnv" -}}
- name: DATABASE_USER
  valueFrom:
    secretKeyRef:
      name: {{ include "gm.fullname" .root }}-db-{{ .name }}
      key: username
- name: DATABASE_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ include "gm.fullname" .root }}-db-{{ .name }}
      key: password
- name: DATABASE_URL
  value: postgres://$(DATABASE_USER):$(DATABASE_PASSWORD)@$(DATABASE_HOST):$(DATABASE_PORT)/$(DATABASE_NAME)$(DATABASE_PARAMS)
{{- end -}}

{{/* Egress to DNS, PostgreSQL and the OTLP collector: what every pod of the release needs. */}}
{{- define "gm.baseEgress" -}}
- to:
    {{- toYaml .Values.networkPolicy.dns | nindent 4 }}
  ports:
    - port: 53
      protocol: UDP
    - port: 53
      protocol: TCP
- to:
    {{- if .Values.postgres.cnpg.enabled }}
    - podSelector:
        matchLabels:
          cnpg.io/cluster: {{ include "gm.fullname" . }}-pg
    {{- else }}
    {{- toYaml .Values.networkPolicy.postgres | nindent 4 }}
    {{- end }}
  ports:
    - port: {{ .Values.database.port }}
      protocol: TCP
- to:
    {{- toYaml .Values.networkPolicy.otlp | nindent 4 }}
  ports:
    - port: 4317
      protocol: TCP
    - port: 4318
      protocol: TCP
{{- end -}}
