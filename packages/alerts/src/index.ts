// The guard.

export type { BreakerPermit, BreakerStateChange, CircuitBreakerOptions } from './breaker/circuit-breaker.js';
// Circuit breaker.
export { CircuitBreaker, DEFAULT_COOL_DOWN_MS, DEFAULT_TRIAL_TIMEOUT_MS } from './breaker/circuit-breaker.js';
export type { RestartActionOptions } from './breaker/restart.js';
export { createRestartAction, RESTART_EXIT_CODE } from './breaker/restart.js';
export type {
  AlertCatalogEntry,
  AlertName,
  DescriptionValues,
  InProcessBinding,
} from './catalog/alert-catalog.js';
// The alert catalog: one table for in-process rules, generated Prometheus rules and docs.
export { ALERT_CATALOG, describeAlert } from './catalog/alert-catalog.js';
export type { AgentGuard, GuardStats } from './create-guard.js';
export { createGuard } from './create-guard.js';
export { AGENT_BREAKER_NAME, toolBreakerName } from './engine/breaker-set.js';
export type { FleetHold, FleetHoldOptions, HoldableGuard } from './fleet/fleet-hold.js';
export { createFleetHold, FLEET_HOLD_BREAKER_NAME } from './fleet/fleet-hold.js';
export * from './generate/index.js';
export type { GuardBreakerOptions, GuardOptions } from './guard-options.js';
export type { ActiveAlert, Alert, AlertState, AlertStatus } from './lifecycle/alert.js';
// Alert lifecycle.
export { AGENT_LABEL } from './lifecycle/alert-tracker.js';
export { fingerprint } from './lifecycle/fingerprint.js';
export { renderTemplate } from './lifecycle/render-template.js';
export type {
  ArgumentRule,
  PolicyVerdict,
  RolePolicy,
  ShellConstructKind,
  ShellPolicy,
  ToolPolicy,
  ToolPolicyConfig,
  ToolPolicyRequest,
} from './policy/index.js';
// Tool policy.
export {
  createToolPolicy,
  DANGEROUS_SHELL_RULES,
  normalizeShellCommand,
  RECOMMENDED_SHELL_COMMANDS,
  SHELL_CONSTRUCTS,
  toolPolicySchema,
} from './policy/index.js';
export type {
  AlertRule,
  RuleAction,
  RuleCondition,
  RuleContext,
  RuleEvaluator,
  RuleRefusal,
} from './rules/alert-rule.js';
export { INACTIVE } from './rules/alert-rule.js';
export { canonicalize } from './rules/canonical/canonicalize.js';
export type {
  ConsecutiveFailuresRuleOptions,
  ConsecutiveFailuresThresholds,
} from './rules/consecutive-failures.js';
export { consecutiveFailuresRule } from './rules/consecutive-failures.js';
export type { CostRateRuleOptions, CostRateThresholds } from './rules/cost-rate.js';
export { costRateRule } from './rules/cost-rate.js';
export type { BuiltInRule, DefaultRulesOptions } from './rules/default-rules.js';
// Rules.
export { defaultRules } from './rules/default-rules.js';
export type { CustomRuleOptions } from './rules/define-rule.js';
export { defineRule } from './rules/define-rule.js';
export type { ErrorRateRuleOptions, ErrorRateThresholds } from './rules/error-rate.js';
export { errorRateRule } from './rules/error-rate.js';
export type {
  EscalationBacklogRuleOptions,
  EscalationBacklogThresholds,
} from './rules/escalation-backlog.js';
export { escalationBacklogRule } from './rules/escalation-backlog.js';
export type {
  NegativeSentimentRuleOptions,
  NegativeSentimentThresholds,
} from './rules/negative-sentiment.js';
export { negativeSentimentRule } from './rules/negative-sentiment.js';
export type { RepeatedCallsRuleOptions, RepeatedCallsThresholds } from './rules/repeated-calls.js';
export { repeatedCallsRule } from './rules/repeated-calls.js';
export type { CommonRuleOptions } from './rules/rule-options.js';
export type { RunDurationRuleOptions, RunDurationThresholds } from './rules/run-duration.js';
export { runDurationRule } from './rules/run-duration.js';
export type { StaleHeartbeatRuleOptions, StaleHeartbeatThresholds } from './rules/stale-heartbeat.js';
export { staleHeartbeatRule } from './rules/stale-heartbeat.js';
export type { TokenEfficiencyRuleOptions, TokenEfficiencyThresholds } from './rules/token-efficiency.js';
export { tokenEfficiencyRule } from './rules/token-efficiency.js';
export { BucketedWindow } from './rules/window/bucketed-window.js';
export type { AlertSink, SinkOptions } from './sinks/alert-sink.js';
export type { AlertmanagerSinkOptions } from './sinks/alertmanager-sink.js';
export { alertmanagerEndpoint, alertmanagerSink } from './sinks/alertmanager-sink.js';
// Sinks.
export { callbackSink } from './sinks/callback-sink.js';
export type { AlertJson } from './sinks/format-alert.js';
export { alertToAlertmanager, alertToJson, alertToText } from './sinks/format-alert.js';
export type { AlertLogger } from './sinks/logger-sink.js';
export { loggerSink } from './sinks/logger-sink.js';
export type { HttpDeliveryOptions } from './sinks/post-json.js';
export { DeliveryError } from './sinks/post-json.js';
export type { SinkStats } from './sinks/sink-queue.js';
export type { WebhookSinkOptions } from './sinks/webhook-sink.js';
export { webhookSink } from './sinks/webhook-sink.js';
