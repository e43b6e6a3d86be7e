import { BREAKER_STATE_VALUES } from '@agentvitals/core';
import { describeAlert } from '../catalog/alert-catalog.js';
import type { PrometheusAlertName } from './prometheus-rule-defaults.js';
import type { ResolvedPrometheusRule } from './prometheus-rule-options.js';
import {
  anyOf,
  equals,
  groupBy,
  increase,
  matches,
  maxBy,
  notMatches,
  rate,
  ratioOfRates,
  selector,
  sumBy,
} from './promql.js';
import { CATALOG_SERIES, LABELS, PROCESS_SERIES, PROMETHEUS_TARGET_SERIES } from './series-names.js';

/** Tool outcomes counted as failures: the tool ran (or was meant to) and did not deliver. */
export const FAILED_TOOL_OUTCOMES = ['error', 'invalid', 'timeout'] as const;
/** Tool outcomes where the tool never ran: left out of the tool error rate. */
export const SKIPPED_TOOL_OUTCOMES = ['denied', 'blocked'] as const;

/** What an alert definition needs to write its expression and annotations. */
export interface AlertContext {
  readonly rule: ResolvedPrometheusRule;
  /** The agent label, e.g. `gen_ai_agent_name`. */
  readonly agent: string;
  /** `{{ $labels.<agent label> }}`. */
  readonly agentTemplate: string;
}

export interface AlertDefinition {
  readonly expr: (context: AlertContext) => string;
  readonly summary: (context: AlertContext) => string;
  readonly description: (context: AlertContext) => string;
}

const threshold = ({ rule }: AlertContext): number => rule.threshold ?? Number.NaN;
const windowOf = ({ rule }: AlertContext): string => rule.window ?? '5m';
/** The catalog's description, written for this rule's settings. */
const describe = (name: PrometheusAlertName, { rule }: AlertContext): string =>
  describeAlert(name, {
    ...(rule.threshold === undefined ? {} : { threshold: rule.threshold }),
    ...(rule.window === undefined ? {} : { window: rule.window }),
    ...(rule.minCount === undefined ? {} : { minCount: rule.minCount }),
    for: rule.for,
  });
const toolCalls = (outcomes: readonly string[], include: boolean): string =>
  selector(CATALOG_SERIES.toolCalls, [(include ? matches : notMatches)(LABELS.toolOutcome, anyOf(outcomes))]);
/** `ratio > threshold`, judged only where the denominator counted at least `minCount` events. */
const ratioAlert = (
  c: AlertContext,
  numerator: string,
  denominator: string,
  labels: readonly string[],
): string => {
  const window = windowOf(c);
  const condition = `${ratioOfRates(numerator, denominator, labels, window)} > ${threshold(c)}`;
  const minCount = c.rule.minCount ?? 0;
  if (minCount <= 0) return condition;
  return `(${condition}) and on (${labels.join(', ')}) (${sumBy(labels, increase(denominator, window))} >= ${minCount})`;
};
const agentTargets = (window: string): string =>
  groupBy(
    [LABELS.job, LABELS.instance],
    `max_over_time(${PROCESS_SERIES.heartbeat}[${window}]) or max_over_time(${CATALOG_SERIES.heartbeat}[${window}])`,
  );

/** Spend per hour summed by `labels`: `increase` over a 1 h window, else `rate * 3600`. */
const costPerHour = (c: AlertContext, labels: readonly string[]): string => {
  const window = windowOf(c);
  return window === '1h'
    ? sumBy(labels, increase(CATALOG_SERIES.cost, window))
    : `${sumBy(labels, rate(CATALOG_SERIES.cost, window))} * 3600`;
};

/** Expression and annotations of every generated alert. */
export const ALERT_DEFINITIONS: { readonly [name in PrometheusAlertName]: AlertDefinition } = {
  AgentHeartbeatStale: {
    expr: (c) =>
      `time() - ${maxBy([LABELS.job, LABELS.instance, c.agent], CATALOG_SERIES.heartbeat)} > ${threshold(c)}`,
    summary: (c) =>
      `Agent ${c.agentTemplate} on {{ $labels.instance }} has not sent a heartbeat for {{ $value | humanizeDuration }}`,
    description: (c) => describe('AgentHeartbeatStale', c),
  },
  AgentTargetDown: {
    expr: (c) =>
      `${PROMETHEUS_TARGET_SERIES.up} == 0 and on (${LABELS.job}, ${LABELS.instance}) ${agentTargets(windowOf(c))}`,
    summary: () => 'Agent process {{ $labels.instance }} of job {{ $labels.job }} is down',
    description: (c) => describe('AgentTargetDown', c),
  },
  AgentVanished: {
    expr: (c) => {
      const labels = [c.agent, LABELS.job];
      const seen = `max_over_time(${CATALOG_SERIES.heartbeat}[${windowOf(c)}])`;
      const onDownTarget = `${seen} and on (${LABELS.job}, ${LABELS.instance}) (${PROMETHEUS_TARGET_SERIES.up} == 0)`;
      return (
        `(${groupBy(labels, seen)} unless on (${labels.join(', ')}) ${groupBy(labels, CATALOG_SERIES.heartbeat)}) ` +
        `unless on (${labels.join(', ')}) ${groupBy(labels, onDownTarget)}`
      );
    },
    summary: (c) => `Agent ${c.agentTemplate} of job {{ $labels.job }} no longer exports any series`,
    description: (c) => describe('AgentVanished', c),
  },
  AgentCostSpike: {
    expr: (c) => `${costPerHour(c, [LABELS.job, LABELS.instance, c.agent])} > ${threshold(c)}`,
    summary: (c) =>
      `Agent ${c.agentTemplate} on {{ $labels.instance }} is spending {{ $value | printf "%.2f" }} USD per hour`,
    description: (c) => describe('AgentCostSpike', c),
  },
  AgentFleetCostSpike: {
    expr: (c) => `${costPerHour(c, [c.agent])} > ${threshold(c)}`,
    summary: (c) =>
      `Agent ${c.agentTemplate} is spending {{ $value | printf "%.2f" }} USD per hour across all its replicas`,
    description: (c) => describe('AgentFleetCostSpike', c),
  },
  AgentToolFailureStreak: {
    expr: (c) => {
      const window = windowOf(c);
      const failures = sumBy([c.agent], increase(toolCalls(FAILED_TOOL_OUTCOMES, true), window));
      const successes = sumBy(
        [c.agent],
        increase(selector(CATALOG_SERIES.toolCalls, [equals(LABELS.toolOutcome, 'success')]), window),
      );
      return `(${failures} > ${threshold(c)}) unless on (${c.agent}) (${successes} > 0)`;
    },
    summary: (c) => `Agent ${c.agentTemplate} had {{ $value | humanize }} failed tool calls and no success`,
    description: (c) => describe('AgentToolFailureStreak', c),
  },
  AgentToolErrorRate: {
    expr: (c) =>
      ratioAlert(c, toolCalls(FAILED_TOOL_OUTCOMES, true), toolCalls(SKIPPED_TOOL_OUTCOMES, false), [
        c.agent,
        LABELS.tool,
      ]),
    summary: (c) =>
      `Tool {{ $labels.${LABELS.tool} }} of agent ${c.agentTemplate} fails {{ $value | humanizePercentage }} of its calls`,
    description: (c) => describe('AgentToolErrorRate', c),
  },
  AgentErrorRate: {
    expr: (c) =>
      ratioAlert(
        c,
        selector(CATALOG_SERIES.runs, [equals(LABELS.runOutcome, 'error')]),
        CATALOG_SERIES.runs,
        [c.agent],
      ),
    summary: (c) => `Agent ${c.agentTemplate} fails {{ $value | humanizePercentage }} of its runs`,
    description: (c) => describe('AgentErrorRate', c),
  },
  AgentSlowResponses: {
    expr: (c) =>
      `${ratioOfRates(CATALOG_SERIES.runDuration.sum, CATALOG_SERIES.runDuration.count, [c.agent], windowOf(c))} > ${threshold(c)}`,
    summary: (c) => `Agent ${c.agentTemplate} takes {{ $value | humanizeDuration }} per run on average`,
    description: (c) => describe('AgentSlowResponses', c),
  },
  AgentTokenEfficiency: {
    expr: (c) =>
      `${ratioOfRates(
        CATALOG_SERIES.tokensPerAction.sum,
        CATALOG_SERIES.tokensPerAction.count,
        [c.agent],
        windowOf(c),
      )} > ${threshold(c)}`,
    summary: (c) => `Agent ${c.agentTemplate} spends {{ $value | humanize }} tokens per action`,
    description: (c) => describe('AgentTokenEfficiency', c),
  },
  AgentNegativeSentiment: {
    expr: (c) =>
      ratioAlert(
        c,
        selector(CATALOG_SERIES.sentimentMessages, [equals(LABELS.sentimentLabel, 'negative')]),
        CATALOG_SERIES.sentimentMessages,
        [c.agent],
      ),
    summary: (c) =>
      `{{ $value | humanizePercentage }} of customer messages to agent ${c.agentTemplate} are negative`,
    description: (c) => describe('AgentNegativeSentiment', c),
  },
  AgentEscalationBacklog: {
    expr: (c) => `${sumBy([c.agent], CATALOG_SERIES.escalationBacklog)} > ${threshold(c)}`,
    summary: (c) => `Agent ${c.agentTemplate} has {{ $value | humanize }} open escalations`,
    description: (c) => describe('AgentEscalationBacklog', c),
  },
  AgentBreakerOpen: {
    expr: (c) =>
      // Not closed at any sample for 2 minutes: catches a breaker that keeps failing its
      // half-open trial (open ↔ half-open), which `== 2` alone would keep resetting.
      `${maxBy([LABELS.job, LABELS.instance, c.agent, LABELS.breaker], `min_over_time(${CATALOG_SERIES.breakerState}[2m])`)} >= ${BREAKER_STATE_VALUES['half-open']}`,
    summary: (c) =>
      `Circuit breaker {{ $labels.${LABELS.breaker} }} of agent ${c.agentTemplate} on {{ $labels.instance }} is open`,
    description: (c) => describe('AgentBreakerOpen', c),
  },
  AgentHighCpu: {
    expr: (c) =>
      `${PROCESS_SERIES.cpuUtilization} > ${threshold(c)} and on (${LABELS.job}, ${LABELS.instance}) ` +
      groupBy([LABELS.job, LABELS.instance], PROCESS_SERIES.heartbeat),
    summary: () => 'Agent process {{ $labels.instance }} uses {{ $value | humanizePercentage }} of its CPU',
    description: (c) => describe('AgentHighCpu', c),
  },
};
