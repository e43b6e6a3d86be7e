import type { Attributes } from '@opentelemetry/api';
import { ATTR_GEN_AI_OPERATION_NAME } from './attributes.js';
import {
  METRIC_AGENT_REASONING_DURATION,
  METRIC_AGENT_RUN_DURATION,
  METRIC_AGENT_TOOL_DURATION,
  type MetricDefinition,
} from './metrics.js';
import { OPERATION_CHAT, OPERATION_EXECUTE_TOOL, OPERATION_INVOKE_AGENT } from './values.js';

/**
 * The revision of the OpenTelemetry GenAI semantic conventions the catalog follows. They live in
 * their own repository, are marked Development and have no tagged release, so the revision is
 * the branch and the month it was read.
 */
export const GEN_AI_SEMCONV_REVISION =
  'open-telemetry/semantic-conventions-genai, branch main as read in November 2026 (Development, no tagged release)';

/** A GenAI semantic-convention metric that Agent Vitals derives from one of its own instruments. */
export interface GenAiSemconvStream {
  /** The semantic-convention name. */
  readonly name: string;
  /** The catalog instrument it is a second stream of (same unit, buckets and measurements). */
  readonly source: MetricDefinition;
  /** `gen_ai.operation.name` the stream adds (required there, implied by the instrument here). */
  readonly operationName: string;
  readonly description: string;
}

export const GEN_AI_SEMCONV_STREAMS = [
  {
    name: 'gen_ai.client.operation.duration',
    source: METRIC_AGENT_REASONING_DURATION,
    operationName: OPERATION_CHAT,
    description: 'GenAI operation duration: every model call (a second stream of agent.reasoning.duration).',
  },
  {
    name: 'gen_ai.invoke_agent.duration',
    source: METRIC_AGENT_RUN_DURATION,
    operationName: OPERATION_INVOKE_AGENT,
    description: 'Duration of one agent invocation (a second stream of agent.run.duration).',
  },
  {
    name: 'gen_ai.execute_tool.duration',
    source: METRIC_AGENT_TOOL_DURATION,
    operationName: OPERATION_EXECUTE_TOOL,
    description: 'Duration of one tool execution (a second stream of agent.tool.duration).',
  },
] as const satisfies readonly GenAiSemconvStream[];

/** The names of the GenAI semantic-convention streams (all histograms of seconds). */
export type GenAiSemconvStreamName = (typeof GEN_AI_SEMCONV_STREAMS)[number]['name'];

/**
 * A metric view as the OpenTelemetry JS SDK (`@opentelemetry/sdk-metrics`, `MeterProvider({ views })`)
 * takes it, written as a plain object so that core needs no SDK.
 */
export interface MetricViewDefinition {
  readonly instrumentName: string;
  readonly name: string;
  readonly description: string;
  readonly aggregationCardinalityLimit?: number;
  readonly attributesProcessors: Array<{ process(incoming: Attributes): Attributes }>;
}

/**
 * SDK views that add each GenAI semantic-convention stream beside its Agent Vitals instrument.
 * A view that names an instrument adds a stream; the instrument's own stream stays as long as
 * another view (such as `{ instrumentName: '*' }`) also matches it. So pass these together with
 * a `*` view: `new MeterProvider({ views: [{ instrumentName: '*' }, ...genAiSemconvViews()] })`.
 * Each measurement on the three duration instruments is then aggregated twice.
 */
export function genAiSemconvViews(options: { cardinalityLimit?: number } = {}): MetricViewDefinition[] {
  return GEN_AI_SEMCONV_STREAMS.map((stream: GenAiSemconvStream) => {
    const operation = stream.operationName;
    return {
      instrumentName: stream.source.name,
      name: stream.name,
      description: stream.description,
      ...(options.cardinalityLimit === undefined
        ? {}
        : { aggregationCardinalityLimit: options.cardinalityLimit }),
      attributesProcessors: [
        { process: (incoming: Attributes) => ({ ...incoming, [ATTR_GEN_AI_OPERATION_NAME]: operation }) },
      ],
    };
  });
}
