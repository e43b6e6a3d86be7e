/** The SLA rules that hand a ticket to a human. Reasons are `agent.escalation.reason` values. */
export const ESCALATION_REASONS = {
  angryCustomer: 'angry_customer',
  refundOverLimit: 'refund_over_limit',
  toolFailure: 'tool_failure',
  policyDenied: 'policy_denied',
} as const;

export interface SlaRules {
  /** Customer messages scoring at or below this are escalated; default -0.5. */
  readonly angryAtOrBelow: number;
  /** Refunds above this amount (USD) need a human's approval; default 200. */
  readonly refundLimitUsd: number;
  /** Failures of one tool within a ticket before a human takes over; default 2. */
  readonly maxToolFailures: number;
}

export const DEFAULT_SLA_RULES: SlaRules = { angryAtOrBelow: -0.5, refundLimitUsd: 200, maxToolFailures: 2 };

export const isAngry = (score: number, rules: SlaRules): boolean => score <= rules.angryAtOrBelow;

export const refundNeedsApproval = (amountUsd: number, rules: SlaRules): boolean =>
  !Number.isFinite(amountUsd) || amountUsd > rules.refundLimitUsd;
