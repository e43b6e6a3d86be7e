import type { PrometheusAlertName } from '../prometheus-rule-defaults.js';
import { resolvePrometheusRuleOptions } from '../prometheus-rule-options.js';
import { CATALOG_SERIES, LABELS } from '../series-names.js';
import { type DashboardThresholds, dashboardSections } from './dashboard-sections.js';
import { type GrafanaDashboardOptions, resolveGrafanaDashboardOptions } from './grafana-dashboard-options.js';
import type { GrafanaDashboard, GrafanaPanel, GrafanaVariable } from './grafana-types.js';
import { buildPanel, buildRow, DATASOURCE } from './panel-builders.js';

/** Grafana's dashboard JSON schema version the generator writes (Grafana 10.4 and later). */
export const GRAFANA_SCHEMA_VERSION = 39;

const GRID_WIDTH = 24;
const PANEL_HEIGHT = 8;

function thresholdsOf(
  agentLabel: string | undefined,
  rules: GrafanaDashboardOptions['rules'],
): DashboardThresholds {
  const resolved = resolvePrometheusRuleOptions({
    runbookUrl: false,
    ...(agentLabel === undefined ? {} : { agentLabel }),
    ...(rules === undefined ? {} : { rules }),
  });
  const threshold = (name: PrometheusAlertName) =>
    resolved.rules.find((rule) => rule.name === name)?.threshold;
  return {
    heartbeatSeconds: threshold('AgentHeartbeatStale'),
    costPerHourUsd: threshold('AgentCostSpike'),
    runDurationSeconds: threshold('AgentSlowResponses'),
    errorRatio: threshold('AgentErrorRate'),
    tokensPerAction: threshold('AgentTokenEfficiency'),
    negativeRatio: threshold('AgentNegativeSentiment'),
    escalationBacklog: threshold('AgentEscalationBacklog'),
    cpuRatio: threshold('AgentHighCpu'),
  };
}

function variables(agentLabel: string): GrafanaVariable[] {
  const agentQuery = `label_values(${CATALOG_SERIES.runs}, ${agentLabel})`;
  return [
    {
      name: 'datasource',
      label: 'Data source',
      type: 'datasource',
      query: 'prometheus',
      current: {},
      hide: 0,
      refresh: 1,
      regex: '',
      options: [],
    },
    {
      name: 'agent',
      label: 'Agent',
      type: 'query',
      datasource: DATASOURCE,
      definition: agentQuery,
      query: { query: agentQuery, refId: 'PrometheusVariableQueryEditor-VariableQuery' },
      refresh: 2,
      includeAll: true,
      allValue: '.*',
      multi: true,
      sort: 1,
      current: { selected: true, text: ['All'], value: ['$__all'] },
      hide: 0,
      options: [],
    },
  ];
}

/**
 * A Grafana dashboard for the metric catalog and the process metrics: runs and errors, latency,
 * tools, tokens and cost, sentiment, escalations, queues, heartbeats, breakers, in-process alerts
 * and CPU, memory and event-loop delay. It picks its Prometheus through a data-source variable and
 * filters every panel by an `agent` variable.
 * @throws TypeError naming every invalid option.
 */
export function generateGrafanaDashboard(options?: GrafanaDashboardOptions): GrafanaDashboard {
  const resolved = resolveGrafanaDashboardOptions(options);
  const agentLabel = resolved.agentLabel ?? LABELS.agent;
  const sections = dashboardSections(agentLabel, thresholdsOf(resolved.agentLabel, resolved.rules));

  const panels: GrafanaPanel[] = [];
  let id = 1;
  let y = 0;
  for (const section of sections) {
    panels.push(buildRow(section.title, id++, y));
    y += 1;
    const width = Math.floor(GRID_WIDTH / section.panels.length);
    section.panels.forEach((spec, index) => {
      panels.push(buildPanel(spec, id++, { x: index * width, y, w: width, h: PANEL_HEIGHT }));
    });
    y += PANEL_HEIGHT;
  }

  return {
    uid: resolved.uid,
    title: resolved.title,
    description: 'Production vitals of AI agents instrumented with Agent Vitals.',
    tags: resolved.tags,
    timezone: 'browser',
    editable: true,
    graphTooltip: 1,
    schemaVersion: GRAFANA_SCHEMA_VERSION,
    version: 1,
    refresh: resolved.refresh,
    time: { from: resolved.timeFrom, to: 'now' },
    templating: { list: variables(agentLabel) },
    annotations: {
      list: [
        {
          builtIn: 1,
          datasource: { type: 'grafana', uid: '-- Grafana --' },
          enable: true,
          hide: true,
          iconColor: 'rgba(0, 211, 255, 1)',
          name: 'Annotations & Alerts',
          type: 'dashboard',
        },
      ],
    },
    panels,
  };
}

/** The dashboard as pretty-printed JSON, ready for Grafana's import or file provisioning. */
export function renderGrafanaDashboard(options?: GrafanaDashboardOptions): string {
  return `${JSON.stringify(generateGrafanaDashboard(options), null, 2)}\n`;
}
