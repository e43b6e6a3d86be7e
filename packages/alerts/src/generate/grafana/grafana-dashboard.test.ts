import { describe, expect, it } from 'vitest';
import { referencedSeries } from '../promql-series.js';
import { KNOWN_AGENT_SERIES } from '../series-names.js';
import { generateGrafanaDashboard, renderGrafanaDashboard } from './grafana-dashboard.js';
import type { GrafanaDashboard, GrafanaPanel } from './grafana-types.js';
import { DATASOURCE } from './panel-builders.js';

const contentPanels = (dashboard: GrafanaDashboard) =>
  dashboard.panels.filter((panel) => panel.type !== 'row');
const panelTitled = (dashboard: GrafanaDashboard, title: string): GrafanaPanel => {
  const panel = dashboard.panels.find((candidate) => candidate.title === title);
  if (panel === undefined) throw new Error(`no panel ${title}`);
  return panel;
};
const thresholdOf = (panel: GrafanaPanel) => {
  const thresholds = panel.fieldConfig?.defaults.thresholds as
    | { steps: { value: number | null }[] }
    | undefined;
  return thresholds?.steps.find((step) => step.value !== null)?.value;
};

describe('generateGrafanaDashboard', () => {
  const dashboard = generateGrafanaDashboard();

  it('points panels at the data-source variable', () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: Grafana's variable syntax
    expect(DATASOURCE).toEqual({ type: 'prometheus', uid: '${datasource}' });
  });

  it('is a schema 39+ dashboard with a Prometheus data-source variable and an agent variable', () => {
    expect(dashboard.schemaVersion).toBeGreaterThanOrEqual(39);
    expect(dashboard.uid).toBe('agentvitals');
    expect(dashboard.tags).toContain('agentvitals');
    const [datasource, agent] = dashboard.templating.list;
    expect(datasource).toMatchObject({ name: 'datasource', type: 'datasource', query: 'prometheus' });
    expect(agent).toMatchObject({
      name: 'agent',
      type: 'query',
      definition: 'label_values(agent_runs_total, gen_ai_agent_name)',
      includeAll: true,
      multi: true,
      datasource: DATASOURCE,
    });
  });

  it('has the panels of the catalog and the process metrics', () => {
    expect(contentPanels(dashboard).map((panel) => panel.title)).toEqual([
      'Runs and error rate',
      'Run duration p50 / p95',
      'Reasoning latency p50 / p95',
      'Tool success rate',
      'Tool latency p95',
      'Tokens per second by type',
      'Tokens per action',
      'Cost per hour',
      'Spend in the time range',
      'Negative sentiment ratio',
      'Escalations and backlog',
      'Queue depth',
      'Heartbeat age',
      'Circuit breaker state',
      'Alerts fired in-process',
      'CPU',
      'Memory (RSS)',
      'Event-loop delay p99',
    ]);
  });

  it('queries only catalog and process series, each selector filtered by $agent', () => {
    const used = new Set<string>();
    for (const panel of contentPanels(dashboard)) {
      expect(panel.targets?.length, panel.title).toBeGreaterThan(0);
      for (const target of panel.targets ?? []) {
        const names = referencedSeries(target.expr);
        expect(names.length, panel.title).toBeGreaterThan(0);
        expect(
          names.filter((name) => !KNOWN_AGENT_SERIES.has(name)),
          panel.title,
        ).toEqual([]);
        for (const name of names) used.add(name);
        expect(target.expr, panel.title).toContain('gen_ai_agent_name=~"$agent"');
        expect(target.datasource).toEqual(DATASOURCE);
      }
    }
    for (const name of [
      'agent_runs_total',
      'agent_cost_USD_total',
      'process_cpu_utilization_ratio',
      'agent_breaker_state',
    ]) {
      expect(used).toContain(name);
    }
  });

  it('gives every panel a unique id and unique query ids, inside a 24-column grid without overlap', () => {
    const ids = dashboard.panels.map((panel) => panel.id);
    expect(new Set(ids).size).toBe(ids.length);
    const cells = new Set<string>();
    for (const panel of dashboard.panels) {
      const { x, y, w, h } = panel.gridPos;
      expect(x + w, panel.title).toBeLessThanOrEqual(24);
      for (let row = y; row < y + h; row++) {
        for (let column = x; column < x + w; column++) {
          const cell = `${column},${row}`;
          expect(cells.has(cell), `${panel.title} overlaps at ${cell}`).toBe(false);
          cells.add(cell);
        }
      }
      const refIds = (panel.targets ?? []).map((target) => target.refId);
      expect(new Set(refIds).size).toBe(refIds.length);
    }
  });

  it('draws the alert thresholds and follows the rule overrides', () => {
    expect(thresholdOf(panelTitled(dashboard, 'Cost per hour'))).toBe(5);
    expect(thresholdOf(panelTitled(dashboard, 'Heartbeat age'))).toBe(45);
    expect(thresholdOf(panelTitled(dashboard, 'CPU'))).toBe(0.8);
    expect(thresholdOf(panelTitled(dashboard, 'Negative sentiment ratio'))).toBe(0.3);
    const custom = generateGrafanaDashboard({
      rules: { AgentCostSpike: { threshold: 9 }, AgentHeartbeatStale: { enabled: false } },
    });
    expect(thresholdOf(panelTitled(custom, 'Cost per hour'))).toBe(9);
    expect(thresholdOf(panelTitled(custom, 'Heartbeat age'))).toBeUndefined();
  });

  it("draws AgentErrorRate's threshold on the error ratio's right-hand axis, as a line", () => {
    const rightAxisLine = (dashboard: GrafanaDashboard) => {
      const overrides = panelTitled(dashboard, 'Runs and error rate').fieldConfig?.overrides as {
        matcher: { options: string };
        properties: { id: string; value: { steps?: { value: number | null }[]; mode?: string } }[];
      }[];
      const errorRatio = overrides.find((override) => override.matcher.options === '.*error ratio$');
      const property = (id: string) => errorRatio?.properties.find((candidate) => candidate.id === id)?.value;
      expect(property('custom.thresholdsStyle')).toEqual({ mode: 'line' });
      return property('thresholds')?.steps?.find((step) => step.value !== null)?.value;
    };
    expect(rightAxisLine(dashboard)).toBe(0.1);
    expect(rightAxisLine(generateGrafanaDashboard({ rules: { AgentErrorRate: { threshold: 0.25 } } }))).toBe(
      0.25,
    );
  });

  it('maps breaker states to names', () => {
    const mappings = panelTitled(dashboard, 'Circuit breaker state').fieldConfig?.defaults.mappings as {
      options: Record<string, { text: string }>;
    }[];
    expect(mappings[0]?.options['0']?.text).toBe('closed');
    expect(mappings[0]?.options['1']?.text).toBe('half-open');
    expect(mappings[0]?.options['2']?.text).toBe('open');
  });

  it('uses a relabelled agent label, a custom title, uid, tags and refresh', () => {
    const custom = generateGrafanaDashboard({
      agentLabel: 'agent',
      title: 'Bots',
      uid: 'bots-1',
      tags: ['team-a', 'agentvitals'],
      refresh: '',
      timeFrom: 'now-24h',
    });
    expect(custom.templating.list[1]).toMatchObject({ definition: 'label_values(agent_runs_total, agent)' });
    expect(JSON.stringify(custom.panels)).not.toContain('gen_ai_agent_name');
    expect(custom).toMatchObject({ title: 'Bots', uid: 'bots-1', refresh: '', time: { from: 'now-24h' } });
    expect(custom.tags).toEqual(['agentvitals', 'team-a']);
  });

  it('rejects bad options with a TypeError naming each field', () => {
    const bad = () =>
      generateGrafanaDashboard({
        uid: 'has spaces',
        title: '',
        refresh: 'often',
        timeFrom: 'yesterday',
        agentLabel: '1x',
        rules: { AgentCostSpike: { threshold: Number.NaN } },
        colour: 'red',
      } as never);
    expect(bad).toThrow(TypeError);
    expect(bad).toThrow(/uid:[\s\S]*title:|title:[\s\S]*uid:/);
    for (const path of [
      'refresh:',
      'timeFrom:',
      'agentLabel:',
      'rules.AgentCostSpike.threshold:',
      'colour',
    ]) {
      expect(bad).toThrow(path);
    }
  });

  it('renders as JSON that parses back to the same dashboard', () => {
    expect(JSON.parse(renderGrafanaDashboard())).toEqual(JSON.parse(JSON.stringify(dashboard)));
  });
});
