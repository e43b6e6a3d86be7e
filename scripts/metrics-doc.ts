import { readFile } from 'node:fs/promises';
import {
  ALERT_SEVERITIES,
  ATTR_AGENT_ALERT_NAME,
  ATTR_AGENT_ALERT_SEVERITY,
  ATTR_AGENT_BREAKER_NAME,
  ATTR_AGENT_ESCALATION_REASON,
  ATTR_AGENT_QUEUE_NAME,
  ATTR_AGENT_REQUEST_ID,
  ATTR_AGENT_RUN_OUTCOME,
  ATTR_AGENT_SENTIMENT_LABEL,
  ATTR_AGENT_TELEMETRY_DROP_REASON,
  ATTR_AGENT_TELEMETRY_SIGNAL,
  ATTR_AGENT_TOOL_OUTCOME,
  ATTR_DEPLOYMENT_ENVIRONMENT_NAME,
  ATTR_ERROR_TYPE,
  ATTR_GEN_AI_AGENT_ID,
  ATTR_GEN_AI_AGENT_NAME,
  ATTR_GEN_AI_OPERATION_NAME,
  ATTR_GEN_AI_PROVIDER_NAME,
  ATTR_GEN_AI_REQUEST_MODEL,
  ATTR_GEN_AI_RESPONSE_MODEL,
  ATTR_GEN_AI_TOKEN_TYPE,
  ATTR_GEN_AI_TOOL_NAME,
  ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_OUTPUT_TOKENS,
  ATTR_SERVICE_INSTANCE_ID,
  ATTR_SERVICE_NAME,
  ATTR_SERVICE_VERSION,
  BREAKER_STATE_VALUES,
  DEPLOYMENT_ENVIRONMENTS,
  GEN_AI_SEMCONV_REVISION,
  GEN_AI_SEMCONV_STREAMS,
  METRIC_AGENT_RUN_DURATION,
  METRIC_AGENT_RUNS,
  METRIC_AGENT_SENTIMENT_MESSAGES,
  METRIC_AGENT_TOOL_CALLS,
  METRIC_CATALOG,
  type MetricDefinition,
  OPERATION_CHAT,
  OPERATION_EXECUTE_TOOL,
  OPERATION_INVOKE_AGENT,
  OVERFLOW_VALUE,
  REDACTED_VALUE,
  RUN_OUTCOMES,
  SENTIMENT_LABELS,
  TELEMETRY_DROP_REASONS,
  TELEMETRY_SIGNALS,
  THOUGHT_EVENT_NAME,
  TOKEN_TYPES,
  TOOL_OUTCOMES,
  UNKNOWN_VALUE,
} from '../packages/core/src/semconv/index.js';

const code = (text: string | number) => `\`${text}\``;
const list = (values: readonly (string | number)[]) => values.map(code).join(', ');
const bounded = `bounded: cut to the length limit, \`${REDACTED_VALUE}\` for a value that looks like a secret, free text or a random token, \`${OVERFLOW_VALUE}\` past the cap of distinct values`;

/** What each attribute holds; enumerated values are listed from the semantic-conventions module. */
const ATTRIBUTE_VALUES: Readonly<Record<string, string>> = {
  [ATTR_GEN_AI_AGENT_NAME]: 'the `agentName` given to `createVitals()`',
  [ATTR_GEN_AI_REQUEST_MODEL]: `model name (${bounded}; \`${UNKNOWN_VALUE}\` when not known)`,
  [ATTR_GEN_AI_PROVIDER_NAME]: `GenAI provider name such as ${list(['openai', 'anthropic', 'gcp.gemini', 'aws.bedrock', 'mistral_ai', 'deepseek', 'x_ai'])} (\`${UNKNOWN_VALUE}\` when not known)`,
  [ATTR_ERROR_TYPE]: 'error class name of a failed call (`_OTHER` when it has none); absent on success',
  [ATTR_GEN_AI_TOOL_NAME]: `tool name (${bounded})`,
  [ATTR_AGENT_TOOL_OUTCOME]: list(TOOL_OUTCOMES),
  [ATTR_AGENT_RUN_OUTCOME]: list(RUN_OUTCOMES),
  [ATTR_GEN_AI_TOKEN_TYPE]: list(TOKEN_TYPES),
  [ATTR_GEN_AI_OPERATION_NAME]: `${code(OPERATION_CHAT)} unless another operation is given to \`usage()\``,
  [ATTR_AGENT_SENTIMENT_LABEL]: list(SENTIMENT_LABELS),
  [ATTR_AGENT_QUEUE_NAME]: `queue name (${bounded})`,
  [ATTR_AGENT_ESCALATION_REASON]: `escalation reason (${bounded})`,
  [ATTR_AGENT_ALERT_NAME]: 'alert rule name',
  [ATTR_AGENT_ALERT_SEVERITY]: list(ALERT_SEVERITIES),
  [ATTR_AGENT_BREAKER_NAME]: 'circuit breaker name',
  [ATTR_AGENT_TELEMETRY_SIGNAL]: list(TELEMETRY_SIGNALS),
  [ATTR_AGENT_TELEMETRY_DROP_REASON]: list(TELEMETRY_DROP_REASONS),
};

const KIND_NAMES: Readonly<Record<MetricDefinition['kind'], string>> = {
  counter: 'counter',
  histogram: 'histogram',
  gauge: 'gauge',
  updowncounter: 'up-down counter',
};

/** The series the OTel Prometheus exporter writes for an instrument. */
export function prometheusSeries(metric: MetricDefinition): string[] {
  if (metric.kind === 'histogram')
    return ['_bucket', '_sum', '_count'].map((suffix) => metric.prometheusName + suffix);
  return [metric.prometheusName];
}

const summarySeries = (metric: MetricDefinition) =>
  metric.kind === 'histogram'
    ? `${code(metric.prometheusName)} (${list(['_bucket', '_sum', '_count'])})`
    : code(metric.prometheusName);

/** The Prometheus label an attribute key becomes. */
export const prometheusLabel = (key: string) => key.replace(/[^A-Za-z0-9_]/g, '_');

function renderMetric(metric: MetricDefinition): string[] {
  const lines = [
    `### ${code(metric.name)}`,
    '',
    metric.description,
    '',
    '| | |',
    '|---|---|',
    `| kind | ${KIND_NAMES[metric.kind]} |`,
    `| unit | ${code(metric.unit)} |`,
    `| Prometheus | ${prometheusSeries(metric).map(code).join(' ')} |`,
  ];
  if (metric.buckets) lines.push(`| buckets | ${metric.buckets.join(', ')} |`);
  if (metric.name === 'agent.breaker.state') {
    lines.push(
      `| values | ${Object.entries(BREAKER_STATE_VALUES)
        .map(([state, value]) => `${value} ${state}`)
        .join(', ')} |`,
    );
  }
  lines.push('', '| attribute | Prometheus label | values |', '|---|---|---|');
  for (const key of metric.attributes) {
    lines.push(`| ${code(key)} | ${code(prometheusLabel(key))} | ${ATTRIBUTE_VALUES[key] ?? ''} |`);
  }
  lines.push('');
  return lines;
}

const SPANS: readonly (readonly [name: string, kind: string, attributes: readonly string[]])[] = [
  [
    `${OPERATION_INVOKE_AGENT} {${ATTR_GEN_AI_AGENT_NAME}}`,
    'INTERNAL',
    [
      ATTR_GEN_AI_OPERATION_NAME,
      ATTR_GEN_AI_AGENT_NAME,
      ATTR_AGENT_REQUEST_ID,
      ATTR_AGENT_RUN_OUTCOME,
      ATTR_ERROR_TYPE,
    ],
  ],
  [
    `${OPERATION_CHAT} {${ATTR_GEN_AI_REQUEST_MODEL}}`,
    'CLIENT',
    [
      ATTR_GEN_AI_OPERATION_NAME,
      ATTR_GEN_AI_AGENT_NAME,
      ATTR_GEN_AI_REQUEST_MODEL,
      ATTR_GEN_AI_PROVIDER_NAME,
      ATTR_GEN_AI_RESPONSE_MODEL,
      ATTR_GEN_AI_USAGE_INPUT_TOKENS,
      ATTR_GEN_AI_USAGE_OUTPUT_TOKENS,
      ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS,
      ATTR_AGENT_REQUEST_ID,
      ATTR_ERROR_TYPE,
    ],
  ],
  [
    `${OPERATION_EXECUTE_TOOL} {${ATTR_GEN_AI_TOOL_NAME}}`,
    'INTERNAL',
    [
      ATTR_GEN_AI_OPERATION_NAME,
      ATTR_GEN_AI_AGENT_NAME,
      ATTR_GEN_AI_TOOL_NAME,
      ATTR_AGENT_TOOL_OUTCOME,
      ATTR_AGENT_REQUEST_ID,
      ATTR_ERROR_TYPE,
    ],
  ],
];

const RESOURCE: readonly (readonly [key: string, meaning: string])[] = [
  [ATTR_SERVICE_NAME, 'the service the agent runs in (`serviceName`)'],
  [ATTR_SERVICE_VERSION, 'its version (`serviceVersion`), when set'],
  [ATTR_SERVICE_INSTANCE_ID, 'this process (`serviceInstanceId`; a random UUID by default)'],
  [ATTR_DEPLOYMENT_ENVIRONMENT_NAME, list(DEPLOYMENT_ENVIRONMENTS)],
  [ATTR_GEN_AI_AGENT_ID, 'a stable id of the agent (`agentId`; the agent name by default)'],
];

function exampleQueries(): string[] {
  const tool = METRIC_AGENT_TOOL_CALLS.prometheusName;
  const runs = METRIC_AGENT_RUNS.prometheusName;
  const mood = METRIC_AGENT_SENTIMENT_MESSAGES.prometheusName;
  const duration = METRIC_AGENT_RUN_DURATION.prometheusName;
  const agent = prometheusLabel(ATTR_GEN_AI_AGENT_NAME);
  return [
    '```promql',
    '# tool success rate per agent',
    `sum by (${agent}) (rate(${tool}{${prometheusLabel(ATTR_AGENT_TOOL_OUTCOME)}="success"}[5m]))`,
    `  / sum by (${agent}) (rate(${tool}[5m]))`,
    '# run error rate',
    `sum by (${agent}) (rate(${runs}{${prometheusLabel(ATTR_AGENT_RUN_OUTCOME)}="error"}[5m]))`,
    `  / sum by (${agent}) (rate(${runs}[5m]))`,
    '# p95 response time',
    `histogram_quantile(0.95, sum by (${agent}, le) (rate(${duration}_bucket[5m])))`,
    '# share of negative customer messages',
    `sum by (${agent}) (rate(${mood}{${prometheusLabel(ATTR_AGENT_SENTIMENT_LABEL)}="negative"}[1h]))`,
    `  / sum by (${agent}) (rate(${mood}[1h]))`,
    '```',
  ];
}

/** Where the GenAI semantic conventions define a signal Agent Vitals records, and how it is emitted. */
function genAiSection(): string[] {
  return [
    '## GenAI semantic conventions',
    '',
    `Revision followed: ${GEN_AI_SEMCONV_REVISION}. Where those conventions define a metric Agent Vitals`,
    'records, it is emitted under the convention name too, so dashboards built for them find it:',
    '',
    '| convention metric | same measurements as | added attribute |',
    '|---|---|---|',
    ...GEN_AI_SEMCONV_STREAMS.map(
      (stream) =>
        `| ${code(stream.name)} | ${code(stream.source.name)} | ${code(ATTR_GEN_AI_OPERATION_NAME)}=${code(stream.operationName)} |`,
    ),
    `| ${code('gen_ai.client.token.usage')} | (this is the catalog instrument itself) | – |`,
    '',
    '- **Beside, not instead.** The Agent Vitals names are the stable contract the generated rules and',
    '  dashboard read, and they carry what the conventions lack (`agent.tool.outcome`, `agent.run.outcome`);',
    '  the conventions are still Development and may rename. The second stream is an SDK view, not a second',
    '  recording in the call path: `start()` and `createTestKit()` install it (`metrics.genAiStreams: false`',
    '  turns it off), and `genAiSemconvViews()` from `@agentvitals/core` returns the same views as plain',
    "  objects for an SDK you build yourself (pass them with an `{ instrumentName: '*' }` view). Each",
    '  measurement of the three duration instruments is aggregated twice, which doubles their series.',
    `- **${code(ATTR_GEN_AI_PROVIDER_NAME)}** (which replaces \`gen_ai.system\`) is the provider attribute on`,
    '  reasoning and token metrics and on `chat` spans.',
    `- **${code(ATTR_GEN_AI_REQUEST_MODEL)}** (the model asked for) is the metric attribute;`,
    `  ${code(ATTR_GEN_AI_RESPONSE_MODEL)} (the model that answered, from the response) is set on the \`chat\``,
    '  span only, so a router that answers with another model does not split every series.',
    '- Not covered: `gen_ai.conversation.id` is an unbounded identifier and is never a metric attribute;',
    '  Agent Vitals does not set it on spans either (put it in `requestId` if you need it on a run).',
    '  The execute-tool and invoke-agent streams carry `agent.tool.outcome` and `agent.run.outcome`',
    '  rather than `error.type`; the chat stream carries `error.type` as the conventions ask.',
    '',
  ];
}

/** The metric reference, generated from the semantic-conventions module. */
export function renderMetricsDoc(): string {
  const lines = [
    '<!-- Generated by scripts/generate-metrics-doc.ts from packages/core/src/semconv. Do not edit: run `npm run docs:generate`. -->',
    '',
    '# Agent Vitals metric reference',
    '',
    'Every instrument Agent Vitals records, with its OpenTelemetry name and its series in Prometheus, the',
    "same on the agents' own `/metrics` endpoint and through an OpenTelemetry Collector (`.` becomes `_`,",
    'the unit a suffix such as `_seconds`, counters get `_total`, histograms `_bucket`, `_sum` and',
    '`_count`; every translation is listed in [prometheus.md](prometheus.md#series-names)). Attribute keys',
    'reuse the OpenTelemetry GenAI semantic conventions where one exists; free text never becomes a metric',
    'attribute.',
    '',
    `The GenAI conventions followed: ${GEN_AI_SEMCONV_REVISION}.`,
    '',
    'The counters added to on every call (`agent.tool.calls`, `agent.actions`, `agent.cost`, `agent.runs`)',
    'sum their adds per attribute set in the process and hand the sums to the SDK at each collection, so a',
    'call costs an addition instead of an SDK point; what is exported is the same counter, the same',
    'sums and the same start times. See [pipeline.md](pipeline.md#where-metrics-are-recorded).',
    '',
    '## Instruments',
    '',
    '| instrument | kind | unit | Prometheus |',
    '|---|---|---|---|',
    ...METRIC_CATALOG.map(
      (metric) =>
        `| [${code(metric.name)}](#${metric.name.replace(/[^a-z0-9_-]/g, '')}) | ${KIND_NAMES[metric.kind]} | ${code(metric.unit)} | ${summarySeries(metric)} |`,
    ),
    '',
    ...METRIC_CATALOG.flatMap(renderMetric),
    ...genAiSection(),
    '## Spans',
    '',
    'Spans follow the GenAI semantic conventions; a failed call sets `error.type` and the span status to error.',
    '',
    '| span name | kind | attributes |',
    '|---|---|---|',
    ...SPANS.map(
      ([name, kind, attributes]) => `| ${code(name)} | ${kind} | ${attributes.map(code).join(', ')} |`,
    ),
    '',
    '## Log records',
    '',
    `Chain-of-thought is recorded as OpenTelemetry log records with event name ${code(THOUGHT_EVENT_NAME)}, severity`,
    'INFO, in the active context (so they carry the trace and span ids). The body is the thought, redacted',
    `(API keys, tokens, private keys, e-mail addresses, payment cards) and cut to the configured size. Attributes:`,
    `${code(ATTR_GEN_AI_AGENT_NAME)} and, inside a run, ${code(ATTR_AGENT_REQUEST_ID)}.`,
    '',
    '## Resource attributes',
    '',
    '| attribute | value |',
    '|---|---|',
    ...RESOURCE.map(([key, meaning]) => `| ${code(key)} | ${meaning} |`),
    '',
    '## Example queries',
    '',
    ...exampleQueries(),
    '',
  ];
  return lines.join('\n');
}

export interface MetricsDocCheck {
  readonly upToDate: boolean;
  readonly expected: string;
}

/** Compares the file at `path` (missing counts as empty) with what would be generated. */
export async function checkMetricsDoc(path: string): Promise<MetricsDocCheck> {
  const expected = renderMetricsDoc();
  let actual = '';
  try {
    actual = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  return { upToDate: actual.replace(/\r\n/g, '\n') === expected, expected };
}
