/** The parts of Grafana's dashboard JSON model the generator writes. */

export interface GrafanaDatasourceRef {
  readonly type: 'prometheus';
  readonly uid: string;
}

export interface GrafanaGridPos {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

export interface GrafanaTarget {
  readonly refId: string;
  readonly datasource: GrafanaDatasourceRef;
  readonly expr: string;
  readonly legendFormat: string;
  readonly range: boolean;
  readonly instant: boolean;
}

export interface GrafanaThresholdStep {
  readonly color: string;
  readonly value: number | null;
}

export interface GrafanaFieldConfig {
  readonly defaults: Readonly<Record<string, unknown>>;
  readonly overrides: readonly unknown[];
}

export interface GrafanaPanel {
  readonly id: number;
  readonly type: string;
  readonly title: string;
  readonly description?: string;
  readonly gridPos: GrafanaGridPos;
  readonly datasource?: GrafanaDatasourceRef;
  readonly targets?: readonly GrafanaTarget[];
  readonly fieldConfig?: GrafanaFieldConfig;
  readonly options?: Readonly<Record<string, unknown>>;
  readonly collapsed?: boolean;
  readonly panels?: readonly GrafanaPanel[];
}

export interface GrafanaVariable {
  readonly name: string;
  readonly label: string;
  readonly type: 'datasource' | 'query';
  readonly [key: string]: unknown;
}

export interface GrafanaDashboard {
  readonly uid: string;
  readonly title: string;
  readonly description: string;
  readonly tags: readonly string[];
  readonly timezone: string;
  readonly editable: boolean;
  readonly graphTooltip: number;
  readonly schemaVersion: number;
  readonly version: number;
  readonly refresh: string;
  readonly time: { readonly from: string; readonly to: string };
  readonly templating: { readonly list: readonly GrafanaVariable[] };
  readonly annotations: { readonly list: readonly unknown[] };
  readonly panels: readonly GrafanaPanel[];
}
