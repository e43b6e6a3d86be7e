import type {
  GrafanaDatasourceRef,
  GrafanaPanel,
  GrafanaTarget,
  GrafanaThresholdStep,
} from './grafana-types.js';

/** Panels refer to the dashboard's data-source variable, so one JSON serves every Prometheus. */
// biome-ignore lint/suspicious/noTemplateCurlyInString: Grafana's variable syntax, not a template literal
export const DATASOURCE: GrafanaDatasourceRef = { type: 'prometheus', uid: '${datasource}' };

/** A query of a panel: the PromQL and its legend. */
export interface QuerySpec {
  readonly expr: string;
  readonly legend: string;
  /** Evaluate once at the end of the range (stat panels). */
  readonly instant?: boolean;
}

/** A value mapping shown instead of a number (e.g. breaker states). */
export interface ValueMappingSpec {
  readonly value: number;
  readonly text: string;
  readonly color: string;
}

/** A panel before layout: what it shows, not where. */
export interface PanelSpec {
  readonly type: 'timeseries' | 'stat' | 'state-timeline';
  readonly title: string;
  readonly description: string;
  readonly queries: readonly QuerySpec[];
  readonly unit: string;
  readonly min?: number;
  readonly max?: number;
  /** Draws a red line (or colours a stat) at this value: the matching alert's threshold. */
  readonly threshold?: number;
  readonly bars?: boolean;
  readonly mappings?: readonly ValueMappingSpec[];
  /** Series whose legend matches this regex go to a right-hand axis with `rightUnit`. */
  readonly rightAxis?: {
    readonly legendPattern: string;
    readonly unit: string;
    readonly min?: number;
    readonly max?: number;
    /** Draws a red line on the right-hand axis at this value: the matching alert's threshold. */
    readonly threshold?: number;
  };
}

const REF_IDS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

function targets(queries: readonly QuerySpec[]): GrafanaTarget[] {
  return queries.map((query, index) => ({
    refId: REF_IDS[index] ?? `Q${index}`,
    datasource: DATASOURCE,
    expr: query.expr,
    legendFormat: query.legend,
    range: query.instant !== true,
    instant: query.instant === true,
  }));
}

function thresholdSteps(threshold: number | undefined): GrafanaThresholdStep[] {
  const steps: GrafanaThresholdStep[] = [{ color: 'green', value: null }];
  if (threshold !== undefined) steps.push({ color: 'red', value: threshold });
  return steps;
}

function mappings(spec: PanelSpec): unknown[] {
  if (spec.mappings === undefined) return [];
  const options = Object.fromEntries(
    spec.mappings.map((mapping, index) => [
      String(mapping.value),
      { text: mapping.text, color: mapping.color, index },
    ]),
  );
  return [{ type: 'value', options }];
}

function custom(spec: PanelSpec): Record<string, unknown> {
  if (spec.type === 'stat') return {};
  if (spec.type === 'state-timeline') return { lineWidth: 0, fillOpacity: 80 };
  return {
    drawStyle: spec.bars ? 'bars' : 'line',
    lineWidth: 1,
    fillOpacity: spec.bars ? 80 : 10,
    showPoints: 'never',
    spanNulls: false,
    thresholdsStyle: { mode: spec.threshold === undefined ? 'off' : 'line' },
  };
}

function overrides(spec: PanelSpec): unknown[] {
  if (spec.rightAxis === undefined) return [];
  const { legendPattern, unit, min, max, threshold } = spec.rightAxis;
  const properties: { id: string; value: unknown }[] = [
    { id: 'unit', value: unit },
    { id: 'custom.axisPlacement', value: 'right' },
  ];
  if (min !== undefined) properties.push({ id: 'min', value: min });
  if (max !== undefined) properties.push({ id: 'max', value: max });
  if (threshold !== undefined) {
    properties.push(
      { id: 'thresholds', value: { mode: 'absolute', steps: thresholdSteps(threshold) } },
      { id: 'custom.thresholdsStyle', value: { mode: 'line' } },
    );
  }
  return [{ matcher: { id: 'byRegexp', options: legendPattern }, properties }];
}

function panelOptions(spec: PanelSpec): Record<string, unknown> {
  if (spec.type === 'stat') {
    return {
      reduceOptions: { calcs: ['lastNotNull'], fields: '', values: false },
      colorMode: 'value',
      graphMode: 'none',
      textMode: 'auto',
    };
  }
  const legend = { displayMode: 'list', placement: 'bottom', showLegend: true };
  if (spec.type === 'state-timeline') return { legend, showValue: 'auto', mergeValues: true, rowHeight: 0.9 };
  return { legend, tooltip: { mode: 'multi', sort: 'desc' } };
}

/** A Grafana panel from its spec, id and position. */
export function buildPanel(spec: PanelSpec, id: number, gridPos: GrafanaPanel['gridPos']): GrafanaPanel {
  const defaults: Record<string, unknown> = {
    unit: spec.unit,
    color: { mode: spec.type === 'timeseries' ? 'palette-classic' : 'thresholds' },
    thresholds: { mode: 'absolute', steps: thresholdSteps(spec.threshold) },
    mappings: mappings(spec),
    custom: custom(spec),
  };
  if (spec.min !== undefined) defaults.min = spec.min;
  if (spec.max !== undefined) defaults.max = spec.max;
  return {
    id,
    type: spec.type,
    title: spec.title,
    description: spec.description,
    gridPos,
    datasource: DATASOURCE,
    targets: targets(spec.queries),
    fieldConfig: { defaults, overrides: overrides(spec) },
    options: panelOptions(spec),
  };
}

/** A row header. */
export function buildRow(title: string, id: number, y: number): GrafanaPanel {
  return { id, type: 'row', title, collapsed: false, gridPos: { x: 0, y, w: 24, h: 1 }, panels: [] };
}
