import {
  ATTR_AGENT_ALERT_NAME,
  ATTR_AGENT_ESCALATION_REASON,
  ATTR_AGENT_RUN_OUTCOME,
  ATTR_AGENT_SENTIMENT_LABEL,
  ATTR_AGENT_TOOL_OUTCOME,
  ATTR_GEN_AI_AGENT_NAME,
  ATTR_GEN_AI_TOKEN_TYPE,
  DURATION_BUCKETS_SECONDS,
  METRIC_AGENT_ALERTS,
  METRIC_AGENT_COST,
  METRIC_AGENT_ESCALATION_BACKLOG,
  METRIC_AGENT_ESCALATIONS,
  METRIC_AGENT_REASONING_DURATION,
  METRIC_AGENT_RUNS,
  METRIC_AGENT_SENTIMENT_MESSAGES,
  METRIC_AGENT_TOKENS_PER_ACTION,
  METRIC_AGENT_TOOL_CALLS,
  METRIC_GEN_AI_CLIENT_TOKEN_USAGE,
} from '@agentvitals/core';
import { histogramQuantile, labelName, type Sample } from './prometheus-text.js';

/** The demo's vitals, read back from the recorded metrics. */
export interface VitalsSummary {
  readonly runs: number;
  readonly failedRuns: number;
  readonly toolCalls: number;
  readonly toolCallsByOutcome: Readonly<Record<string, number>>;
  /** success / all tool calls; NaN without calls. */
  readonly toolSuccessRate: number;
  readonly reasoningCalls: number;
  readonly reasoningP50Seconds: number;
  readonly reasoningP95Seconds: number;
  readonly inputTokens: number;
  readonly outputTokens: number;
  /** Mean of `agent.tokens_per_action`; NaN without actions. */
  readonly tokensPerAction: number;
  readonly costUsd: number;
  readonly sentimentMessages: number;
  /** negative / all sentiment messages; NaN without messages. */
  readonly negativeSentimentRatio: number;
  readonly escalations: number;
  readonly escalationsByReason: Readonly<Record<string, number>>;
  readonly openEscalations: number;
  readonly alertsByName: Readonly<Record<string, number>>;
}

const AGENT = labelName(ATTR_GEN_AI_AGENT_NAME);

/** Computes the summary of one agent from scraped samples (Prometheus names of the metric catalog). */
export function summarize(samples: readonly Sample[], agentName: string): VitalsSummary {
  const mine = samples.filter((sample) => sample.labels[AGENT] === agentName);
  const named = (name: string) => mine.filter((sample) => sample.name === name);
  const total = (name: string, filter: (labels: Sample['labels']) => boolean = () => true) =>
    named(name)
      .filter((sample) => filter(sample.labels))
      .reduce((sum, sample) => sum + sample.value, 0);
  const byLabel = (name: string, attribute: string) => {
    const key = labelName(attribute);
    const result: Record<string, number> = {};
    for (const sample of named(name)) {
      const value = sample.labels[key] ?? '';
      result[value] = (result[value] ?? 0) + sample.value;
    }
    return result;
  };

  const runs = total(METRIC_AGENT_RUNS.prometheusName);
  const outcomeLabel = labelName(ATTR_AGENT_RUN_OUTCOME);
  const toolCallsByOutcome = byLabel(METRIC_AGENT_TOOL_CALLS.prometheusName, ATTR_AGENT_TOOL_OUTCOME);
  const toolCalls = Object.values(toolCallsByOutcome).reduce((sum, value) => sum + value, 0);

  const reasoning = METRIC_AGENT_REASONING_DURATION.prometheusName;
  const buckets = new Map<number, number>();
  for (const sample of named(`${reasoning}_bucket`)) {
    const le = sample.labels.le === '+Inf' ? Number.POSITIVE_INFINITY : Number(sample.labels.le);
    buckets.set(le, (buckets.get(le) ?? 0) + sample.value);
  }
  const bucketList = [...buckets].map(([le, count]) => ({ le, count }));

  const tokenType = labelName(ATTR_GEN_AI_TOKEN_TYPE);
  const tokenSum = `${METRIC_GEN_AI_CLIENT_TOKEN_USAGE.prometheusName}_sum`;
  const actionsCount = total(`${METRIC_AGENT_TOKENS_PER_ACTION.prometheusName}_count`);
  const sentiment = byLabel(METRIC_AGENT_SENTIMENT_MESSAGES.prometheusName, ATTR_AGENT_SENTIMENT_LABEL);
  const sentimentMessages = Object.values(sentiment).reduce((sum, value) => sum + value, 0);
  const escalationsByReason = byLabel(METRIC_AGENT_ESCALATIONS.prometheusName, ATTR_AGENT_ESCALATION_REASON);

  return {
    runs,
    failedRuns: total(METRIC_AGENT_RUNS.prometheusName, (labels) => labels[outcomeLabel] === 'error'),
    toolCalls,
    toolCallsByOutcome,
    toolSuccessRate: toolCalls > 0 ? (toolCallsByOutcome.success ?? 0) / toolCalls : Number.NaN,
    reasoningCalls: total(`${reasoning}_count`),
    reasoningP50Seconds: histogramQuantile(0.5, bucketList),
    reasoningP95Seconds: histogramQuantile(0.95, bucketList),
    inputTokens: total(tokenSum, (labels) => labels[tokenType] === 'input'),
    outputTokens: total(tokenSum, (labels) => labels[tokenType] === 'output'),
    tokensPerAction:
      actionsCount > 0
        ? total(`${METRIC_AGENT_TOKENS_PER_ACTION.prometheusName}_sum`) / actionsCount
        : Number.NaN,
    costUsd: total(METRIC_AGENT_COST.prometheusName),
    sentimentMessages,
    negativeSentimentRatio:
      sentimentMessages > 0 ? (sentiment.negative ?? 0) / sentimentMessages : Number.NaN,
    escalations: Object.values(escalationsByReason).reduce((sum, value) => sum + value, 0),
    escalationsByReason,
    openEscalations: total(METRIC_AGENT_ESCALATION_BACKLOG.prometheusName),
    alertsByName: byLabel(METRIC_AGENT_ALERTS.prometheusName, ATTR_AGENT_ALERT_NAME),
  };
}

const percent = (ratio: number) => (Number.isNaN(ratio) ? 'n/a' : `${(ratio * 100).toFixed(1)} %`);
/**
 * The duration bucket a quantile falls in (`80–160 ms`), rather than a value interpolated
 * inside it: the same seed gives the same summary although real timers vary by a few ms.
 */
function bucketRange(seconds: number): string {
  if (Number.isNaN(seconds)) return 'n/a';
  let lower = 0;
  for (const bound of DURATION_BUCKETS_SECONDS) {
    if (seconds <= bound) return `${Math.round(lower * 1000)}–${Math.round(bound * 1000)} ms`;
    lower = bound;
  }
  return `over ${Math.round(lower * 1000)} ms`;
}
const count = (value: number) => Math.round(value).toLocaleString('en-US');
const breakdown = (values: Readonly<Record<string, number>>) =>
  Object.entries(values)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, value]) => `${key} ${count(value)}`)
    .join(', ');

/** A two-column text table of the summary. */
export function renderSummary(summary: VitalsSummary, title = 'Vitals (read back from /metrics)'): string {
  const rows: Array<[string, string]> = [
    ['tickets handled', `${count(summary.runs)} (${count(summary.failedRuns)} failed)`],
    ['tool calls', `${count(summary.toolCalls)} (${breakdown(summary.toolCallsByOutcome) || 'none'})`],
    ['tool success rate', percent(summary.toolSuccessRate)],
    ['reasoning calls', count(summary.reasoningCalls)],
    ['reasoning latency p50', bucketRange(summary.reasoningP50Seconds)],
    ['reasoning latency p95', bucketRange(summary.reasoningP95Seconds)],
    ['tokens in / out', `${count(summary.inputTokens)} / ${count(summary.outputTokens)}`],
    ['tokens per action', Number.isNaN(summary.tokensPerAction) ? 'n/a' : summary.tokensPerAction.toFixed(0)],
    ['cost', `$${summary.costUsd.toFixed(4)}`],
    [
      'negative sentiment',
      `${percent(summary.negativeSentimentRatio)} of ${count(summary.sentimentMessages)} messages`,
    ],
    ['escalations', `${count(summary.escalations)} (${breakdown(summary.escalationsByReason) || 'none'})`],
    ['open escalations', count(summary.openEscalations)],
    ['alerts fired', breakdown(summary.alertsByName) || 'none'],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  const valueWidth = Math.max(title.length - width - 3, ...rows.map(([, value]) => value.length));
  const line = `+${'-'.repeat(width + 2)}+${'-'.repeat(valueWidth + 2)}+`;
  const body = rows.map(([label, value]) => `| ${label.padEnd(width)} | ${value.padEnd(valueWidth)} |`);
  return [
    `+${'-'.repeat(width + valueWidth + 5)}+`,
    `| ${title.padEnd(width + valueWidth + 3)} |`,
    line,
    ...body,
    line,
  ].join('\n');
}
