import { z } from 'zod';
import { parseOptions } from '../../config/parse-options.js';
import {
  labelNameSchema,
  type PrometheusRuleOverrides,
  prometheusRuleOverridesSchema,
} from '../prometheus-rule-options.js';
import { PROMETHEUS_DURATION } from '../promql.js';

/** Options of `generateGrafanaDashboard()`. */
export interface GrafanaDashboardOptions {
  /** Dashboard title (default `Agent Vitals`). */
  readonly title?: string;
  /** Dashboard uid, stable across imports (default `agentvitals`; letters, digits, `-`, `_`, at most 40). */
  readonly uid?: string;
  /** Extra tags; `agentvitals` is always set. */
  readonly tags?: readonly string[];
  /** Auto-refresh interval (default `30s`; `''` turns it off). */
  readonly refresh?: string;
  /** Start of the default time range (default `now-6h`). */
  readonly timeFrom?: string;
  /** The label carrying the agent name (default `gen_ai_agent_name`); match the rules' `agentLabel`. */
  readonly agentLabel?: string;
  /** The same per-alert overrides as the rules: panels draw the alert thresholds as red lines. */
  readonly rules?: PrometheusRuleOverrides;
}

export interface ResolvedGrafanaDashboardOptions {
  readonly title: string;
  readonly uid: string;
  readonly tags: readonly string[];
  readonly refresh: string;
  readonly timeFrom: string;
  readonly agentLabel: string | undefined;
  readonly rules: PrometheusRuleOverrides;
}

const schema = z.strictObject({
  title: z.string().min(1, 'must not be empty').optional(),
  uid: z
    .string()
    .regex(/^[a-zA-Z0-9_-]{1,40}$/, 'must be 1 to 40 letters, digits, "-" or "_"')
    .optional(),
  tags: z.array(z.string().min(1, 'must not be empty')).optional(),
  refresh: z
    .string()
    .refine(
      (text) => text === '' || (text !== '' && PROMETHEUS_DURATION.test(text)),
      'must be a duration such as 30s or 1m, or ""',
    )
    .optional(),
  timeFrom: z
    .string()
    .regex(
      /^now(?:-[0-9]+[smhdwMy])?(?:\/[smhdwMy])?$/,
      'must be a Grafana relative time such as now-6h or now-7d',
    )
    .optional(),
  agentLabel: labelNameSchema.optional(),
  rules: prometheusRuleOverridesSchema.optional(),
});

/**
 * Validates the dashboard options and fills in defaults.
 * @throws TypeError naming every invalid field.
 */
export function resolveGrafanaDashboardOptions(
  options: GrafanaDashboardOptions = {},
): ResolvedGrafanaDashboardOptions {
  const parsed = parseOptions(schema, options, 'Grafana dashboard options');
  return {
    title: parsed.title ?? 'Agent Vitals',
    uid: parsed.uid ?? 'agentvitals',
    tags: [...new Set(['agentvitals', ...(parsed.tags ?? [])])],
    refresh: parsed.refresh ?? '30s',
    timeFrom: parsed.timeFrom ?? 'now-6h',
    agentLabel: parsed.agentLabel,
    rules: (parsed.rules ?? {}) as PrometheusRuleOverrides,
  };
}
