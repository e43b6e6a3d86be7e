import { z } from 'zod';
import { ALERT_CATALOG } from '../catalog/alert-catalog.js';
import { nonNegative } from '../config/common-schemas.js';
import { parseOptions } from '../config/parse-options.js';
import { type AlertRule, INACTIVE } from './alert-rule.js';
import { buildRule } from './define-rule.js';
import { type CommonRuleOptions, catalogDefaults, commonRuleShape, resolveCommon } from './rule-options.js';

export interface EscalationBacklogRuleOptions extends CommonRuleOptions {
  /** Fire when more than this many escalations are open; default 20. */
  readonly maxOpen?: number;
}

export interface EscalationBacklogThresholds {
  readonly maxOpen: number;
}

const schema = z.object({ ...commonRuleShape, maxOpen: nonNegative.optional() }).strict();

const ENTRY = ALERT_CATALOG.AgentEscalationBacklog;

/** Escalation backlog: open escalations (from `escalation` and `escalation.resolve` events). `$value` is the count. */
export function escalationBacklogRule(
  options: EscalationBacklogRuleOptions = {},
): AlertRule<'escalation-backlog', EscalationBacklogThresholds> {
  const parsed = parseOptions(schema, options, 'escalationBacklogRule()');
  const thresholds: EscalationBacklogThresholds = { maxOpen: parsed.maxOpen ?? ENTRY.threshold };
  const common = resolveCommon(
    parsed,
    catalogDefaults(
      'AgentEscalationBacklog',
      'Agent {{ $labels.gen_ai_agent_name }} has {{ $value }} open escalations',
      { threshold: thresholds.maxOpen },
    ),
  );
  return buildRule('escalation-backlog', common, thresholds, ['escalation', 'escalation.resolve'], () => {
    let open = 0;
    return {
      observe(event) {
        if (event.type !== 'escalation' && event.type !== 'escalation.resolve') return;
        if (Number.isFinite(event.open) && event.open >= 0) open = event.open;
      },
      evaluate() {
        return open > thresholds.maxOpen ? { active: true, value: open } : INACTIVE;
      },
    };
  });
}
