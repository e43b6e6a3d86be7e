import {
  type AgentGuard,
  type AlertLogger,
  createGuard,
  defaultRules,
  loggerSink,
  type ToolPolicyConfig,
} from '@agentvitals/alerts';

/** Refunds above this never run, whatever the model says: the policy stops them below the prompt. */
export const HARD_REFUND_CAP_USD = 1000;

/** The support role may use its own tools only; destructive CRM calls are denied outright. */
export const SUPPORT_POLICY: ToolPolicyConfig = {
  defaultAction: 'deny',
  defaultRole: 'support',
  roles: {
    support: {
      allow: ['crm.lookup_customer', 'crm.order_history', 'kb.search', 'billing.issue_refund', 'ticketing.*'],
      deny: ['crm.delete_*'],
      arguments: {
        'billing.issue_refund': [
          {
            name: 'refund-hard-cap',
            argument: 'amountUsd',
            predicate: (value) => typeof value !== 'number' || !(value <= HARD_REFUND_CAP_USD),
            reason: `refunds above $${HARD_REFUND_CAP_USD} need the finance team`,
          },
        ],
      },
    },
  },
};

/** The demo's guard: the default alert rules, alerts logged through pino, and the support tool policy. */
export function createSupportGuard(
  logger: AlertLogger,
  labels: Readonly<Record<string, string>> = {},
  evaluationIntervalMs = 1000,
): AgentGuard {
  return createGuard({
    rules: defaultRules(),
    sinks: [loggerSink(logger)],
    policy: SUPPORT_POLICY,
    labels,
    evaluationIntervalMs,
  });
}
