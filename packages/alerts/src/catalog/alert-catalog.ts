import type { AlertSeverity } from '@agentvitals/core';

/** How a threshold is bounded: a ratio lies in 0..1, an amount is any finite number ≥ 0. */
export type ThresholdKind = 'ratio' | 'amount';

/** The values an alert's description is written from (the defaults, or a rule's own settings). */
export interface DescriptionValues {
  /** In the catalog's unit (`unit`). */
  readonly threshold: number;
  /** The window as a duration text (`10m`, `1h`). */
  readonly window: string;
  /** The `for` duration as a duration text (`0s`, `5m`). */
  readonly for: string;
  readonly minCount: number;
}

/** Where an in-process rule reads its catalog values (the option names of its factory). */
export interface InProcessBinding {
  /** The key of `defaultRules()` options, e.g. `costRate`. */
  readonly key: string;
  /** The rule factory, e.g. `costRateRule`. */
  readonly factory: string;
  /** `trip` opens the circuit breaker when the alert fires. */
  readonly action: 'alert' | 'trip';
  /** The option (and `thresholds` field) holding the threshold, and the factor from the catalog's unit. */
  readonly thresholdOption: string;
  readonly thresholdScale: number;
  /** The option holding the window in ms, when the rule has one. */
  readonly windowOption?: string;
  /** The option holding the fewest events judged, when the rule has one. */
  readonly minCountOption?: string;
}

/** One alert: everything the in-process rule, the generated Prometheus rule and the docs share. */
export interface AlertCatalogEntry {
  readonly severity: AlertSeverity;
  /** How long the condition must hold before the alert fires, in ms (0 fires at once). */
  readonly forMs: number;
  readonly threshold?: number;
  readonly thresholdKind?: ThresholdKind;
  /** The threshold's unit, for the docs (`s`, `USD/h`, `calls`, ...). */
  readonly unit?: string;
  /** The window the condition is measured over, in ms. */
  readonly windowMs?: number;
  /** Ratio alerts: fewest events in the window before the ratio is judged. */
  readonly minCount?: number;
  /** The `description` annotation, on both sides. */
  readonly description: (values: DescriptionValues) => string;
  /** Set when an in-process rule (`defaultRules()`) raises this alert. */
  readonly inProcess?: InProcessBinding;
  /** True when `agentvitals rules` generates a Prometheus rule for this alert. */
  readonly prometheus: boolean;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const percent = (ratio: number): string => `${Math.round(ratio * 10_000) / 100} %`;
const FAILED = 'error, invalid or timeout';

/**
 * Every alert of Agent Vitals, in the order of the generated rule group: its name, severity,
 * threshold, window, `for` duration and description. The in-process rules (`defaultRules()`),
 * the Prometheus rule generator (`agentvitals rules`) and the alert table of docs/alerts.md all
 * read this table, so an alert means the same thing wherever it fires.
 */
export const ALERT_CATALOG = {
  AgentHeartbeatStale: {
    severity: 'critical',
    forMs: 0,
    threshold: 45,
    thresholdKind: 'amount',
    unit: 's',
    description: (v) =>
      `The agent loop's last heartbeat is more than ${v.threshold} s old: the loop is stuck, blocked or ` +
      'waiting on something that never answers. A process that died cannot report this itself; ' +
      'AgentTargetDown covers it in Prometheus.',
    inProcess: {
      key: 'staleHeartbeat',
      factory: 'staleHeartbeatRule',
      action: 'alert',
      thresholdOption: 'staleAfterMs',
      thresholdScale: 1000,
    },
    prometheus: true,
  },
  AgentTargetDown: {
    severity: 'critical',
    forMs: MINUTE,
    windowMs: HOUR,
    description: (v) =>
      `Prometheus cannot scrape the target, which exported agent heartbeats within the last ${v.window}. ` +
      'A dead process cannot alert itself: check that the container is running and restarting.',
    prometheus: true,
  },
  AgentVanished: {
    severity: 'critical',
    forMs: MINUTE,
    windowMs: HOUR,
    description: (v) =>
      `An agent that exported heartbeats within the last ${v.window} no longer exports any, although its ` +
      'target is still scraped: it was dropped from a process that hosts several agents, or its ' +
      'instrumentation stopped. Agents last seen on a target that is down are left to AgentTargetDown.',
    prometheus: true,
  },
  AgentCostSpike: {
    severity: 'critical',
    forMs: 0,
    threshold: 5,
    thresholdKind: 'amount',
    unit: 'USD/h',
    windowMs: HOUR,
    description: (v) =>
      `Spend of one process over the last ${v.window}, scaled to an hour, runs above ${v.threshold} USD per hour ` +
      '(in Prometheus: per job, instance and agent; AgentFleetCostSpike sums the replicas).',
    inProcess: {
      key: 'costRate',
      factory: 'costRateRule',
      action: 'trip',
      thresholdOption: 'maxUsdPerHour',
      thresholdScale: 1,
      windowOption: 'windowMs',
    },
    prometheus: true,
  },
  AgentFleetCostSpike: {
    severity: 'critical',
    forMs: 0,
    threshold: 20,
    thresholdKind: 'amount',
    unit: 'USD/h',
    windowMs: HOUR,
    description: (v) =>
      `Spend of one agent summed over all its replicas, over the last ${v.window} and scaled to an hour, runs ` +
      `above ${v.threshold} USD per hour: each process may be under its own cap while the fleet is not. ` +
      "Routed to the replicas' alert webhook, it holds the agent's breaker open until it resolves.",
    prometheus: true,
  },
  AgentToolFailureStreak: {
    severity: 'critical',
    forMs: 0,
    threshold: 10,
    thresholdKind: 'amount',
    unit: 'calls',
    windowMs: 10 * MINUTE,
    description: (v) =>
      `More than ${v.threshold} tool calls ended in ${FAILED} with no successful call in between: ` +
      'the agent is probably looping on a failing tool.',
    inProcess: {
      key: 'consecutiveFailures',
      factory: 'consecutiveFailuresRule',
      action: 'trip',
      thresholdOption: 'maxConsecutiveFailures',
      thresholdScale: 1,
    },
    prometheus: true,
  },
  AgentRepeatedToolCalls: {
    severity: 'critical',
    forMs: 0,
    threshold: 5,
    thresholdKind: 'amount',
    unit: 'calls',
    windowMs: 10 * MINUTE,
    description: (v) =>
      `The latest tool call (same tool, equivalent arguments) or its result was repeated more than ${v.threshold} ` +
      `times within ${v.window}, or two calls keep alternating: the agent is looping without progress.`,
    inProcess: {
      key: 'repeatedCalls',
      factory: 'repeatedCallsRule',
      action: 'trip',
      thresholdOption: 'maxIdenticalCalls',
      thresholdScale: 1,
      windowOption: 'windowMs',
    },
    prometheus: false,
  },
  AgentToolErrorRate: {
    severity: 'warning',
    forMs: 10 * MINUTE,
    threshold: 0.2,
    thresholdKind: 'ratio',
    unit: 'ratio',
    windowMs: 10 * MINUTE,
    minCount: 10,
    description: (v) =>
      `More than ${percent(v.threshold)} of a tool's calls that ran over ${v.window} ended in ${FAILED} ` +
      `(denied and blocked calls are not counted; judged from ${v.minCount} calls on).`,
    prometheus: true,
  },
  AgentErrorRate: {
    severity: 'warning',
    forMs: 10 * MINUTE,
    threshold: 0.1,
    thresholdKind: 'ratio',
    unit: 'ratio',
    windowMs: 5 * MINUTE,
    minCount: 10,
    description: (v) =>
      `More than ${percent(v.threshold)} of the runs over ${v.window} ended in error ` +
      `(judged from ${v.minCount} runs on).`,
    inProcess: {
      key: 'errorRate',
      factory: 'errorRateRule',
      action: 'alert',
      thresholdOption: 'maxErrorRatio',
      thresholdScale: 1,
      windowOption: 'windowMs',
      minCountOption: 'minRuns',
    },
    prometheus: true,
  },
  AgentSlowResponses: {
    severity: 'warning',
    forMs: 5 * MINUTE,
    threshold: 2,
    thresholdKind: 'amount',
    unit: 's',
    windowMs: 5 * MINUTE,
    description: (v) => `The average run duration over ${v.window} is above ${v.threshold} s.`,
    inProcess: {
      key: 'runDuration',
      factory: 'runDurationRule',
      action: 'alert',
      thresholdOption: 'maxAverageSeconds',
      thresholdScale: 1,
      windowOption: 'windowMs',
    },
    prometheus: true,
  },
  AgentTokenEfficiency: {
    severity: 'warning',
    forMs: 15 * MINUTE,
    threshold: 1000,
    thresholdKind: 'amount',
    unit: 'tokens per action',
    windowMs: 15 * MINUTE,
    description: (v) =>
      `Over ${v.window} the agent used more than ${v.threshold} tokens between actions on average: ` +
      'it is thinking a lot and doing little.',
    inProcess: {
      key: 'tokenEfficiency',
      factory: 'tokenEfficiencyRule',
      action: 'alert',
      thresholdOption: 'maxTokensPerAction',
      thresholdScale: 1,
      windowOption: 'windowMs',
    },
    prometheus: true,
  },
  AgentNegativeSentiment: {
    severity: 'warning',
    forMs: 5 * MINUTE,
    threshold: 0.3,
    thresholdKind: 'ratio',
    unit: 'ratio',
    windowMs: 15 * MINUTE,
    minCount: 10,
    description: (v) =>
      `More than ${percent(v.threshold)} of the customer messages over ${v.window} were labelled negative ` +
      `(judged from ${v.minCount} messages on).`,
    inProcess: {
      key: 'negativeSentiment',
      factory: 'negativeSentimentRule',
      action: 'alert',
      thresholdOption: 'maxNegativeRatio',
      thresholdScale: 1,
      windowOption: 'windowMs',
      minCountOption: 'minMessages',
    },
    prometheus: true,
  },
  AgentEscalationBacklog: {
    severity: 'warning',
    forMs: 5 * MINUTE,
    threshold: 20,
    thresholdKind: 'amount',
    unit: 'escalations',
    description: (v) =>
      `More than ${v.threshold} escalations to a human are open: people are not keeping up.`,
    inProcess: {
      key: 'escalationBacklog',
      factory: 'escalationBacklogRule',
      action: 'alert',
      thresholdOption: 'maxOpen',
      thresholdScale: 1,
    },
    prometheus: true,
  },
  AgentBreakerOpen: {
    severity: 'critical',
    forMs: MINUTE,
    description: () =>
      'A guard rule tripped the breaker: the agent fails its reasoning and tool calls fast until the cool-down ends. ' +
      'Look at the in-process alerts (agent_alerts_total) to see which rule tripped it.',
    prometheus: true,
  },
  AgentHighCpu: {
    severity: 'warning',
    forMs: 5 * MINUTE,
    threshold: 0.8,
    thresholdKind: 'ratio',
    unit: 'ratio',
    description: (v) =>
      `The process has used more than ${percent(v.threshold)} of all its cores for ${v.for}.`,
    prometheus: true,
  },
} as const satisfies Readonly<Record<string, AlertCatalogEntry>>;

export type AlertName = keyof typeof ALERT_CATALOG;

/** A duration in ms as Prometheus writes it: `0s`, `45s`, `10m`, `1h`, `1h30m`, `250ms`. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms <= 0) return '0s';
  const parts: string[] = [];
  let rest = Math.round(ms);
  for (const [unit, size] of [
    ['h', HOUR],
    ['m', MINUTE],
    ['s', 1000],
    ['ms', 1],
  ] as const) {
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)}${unit}`);
      rest %= size;
    }
  }
  return parts.join('');
}

/** The description of an alert for given values; missing values take the catalog's defaults. */
export function describeAlert(name: AlertName, values: Partial<DescriptionValues> = {}): string {
  const entry: AlertCatalogEntry = ALERT_CATALOG[name];
  return entry.description({
    threshold: values.threshold ?? entry.threshold ?? Number.NaN,
    window: values.window ?? formatDuration(entry.windowMs ?? 0),
    for: values.for ?? formatDuration(entry.forMs),
    minCount: values.minCount ?? entry.minCount ?? 0,
  });
}
