export type { AutoscalingOptions } from './autoscaling/index.js';
export {
  generateKedaScaledObject,
  generateKubernetesHpa,
  prometheusAdapterRule,
  renderKedaScaledObject,
  renderKubernetesHpa,
} from './autoscaling/index.js';
export {
  GRAFANA_SCHEMA_VERSION,
  generateGrafanaDashboard,
  renderGrafanaDashboard,
} from './grafana/grafana-dashboard.js';
export type { GrafanaDashboardOptions } from './grafana/grafana-dashboard-options.js';
export type {
  GrafanaDashboard,
  GrafanaPanel,
  GrafanaTarget,
  GrafanaVariable,
} from './grafana/grafana-types.js';
export type { MetricTableRow } from './metrics-table.js';
export { metricTableRows, renderMetricTableMarkdown, renderMetricTableText } from './metrics-table.js';
export type {
  PrometheusAlertName,
  PrometheusRuleSettings,
  ThresholdKind,
} from './prometheus-rule-defaults.js';
export { PROMETHEUS_ALERT_NAMES, PROMETHEUS_RULE_DEFAULTS } from './prometheus-rule-defaults.js';
export type {
  PrometheusRuleOptions,
  PrometheusRuleOverride,
  PrometheusRuleOverrides,
} from './prometheus-rule-options.js';
export { DEFAULT_RUNBOOK_BASE_URL } from './prometheus-rule-options.js';
export type { PrometheusAlertingRule, PrometheusRuleFile, PrometheusRuleGroup } from './prometheus-rules.js';
export { generatePrometheusRules, renderPrometheusRules } from './prometheus-rules.js';
export type { HistogramSeries } from './series-names.js';
export {
  CATALOG_SERIES,
  KNOWN_AGENT_SERIES,
  PROCESS_SERIES,
  PROMETHEUS_TARGET_SERIES,
  prometheusLabelName,
} from './series-names.js';
