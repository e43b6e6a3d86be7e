import { type Attributes, SpanKind } from '@opentelemetry/api';
import { canonicalToolName, decodeToolInput } from '../guard/tool-call.js';
import {
  ATTR_AGENT_REQUEST_ID,
  ATTR_AGENT_TOOL_OUTCOME,
  ATTR_GEN_AI_AGENT_NAME,
  ATTR_GEN_AI_OPERATION_NAME,
  ATTR_GEN_AI_TOOL_NAME,
} from '../semconv/attributes.js';
import { OPERATION_EXECUTE_TOOL, TOOL_OUTCOMES, type ToolOutcome } from '../semconv/values.js';
import { errorType } from '../vitals/error-type.js';
import { vitalsLogger } from '../vitals/numbers.js';
import type { ResolvedTool, ToolSeries, VitalsState } from '../vitals/state.js';
import type { ToolOptions } from '../vitals/types.js';
import { type CallOptions, type CallRecorder, executeCall } from './call-pipeline.js';
import { callToolDirectly } from './direct-tool-call.js';
import { hasGuards, unobserved } from './guard-decision.js';
import { recordToolEnd, type ToolCallData } from './tool-ending.js';
import { callToolUntraced } from './untraced-tool-call.js';

export type { ToolCallData } from './tool-ending.js';

type AnyFunction = (...args: any[]) => any;

/** Span and metric attributes of one tool label, built once (labels are bounded). */
export function toolSeries(state: VitalsState, label: string): ToolSeries {
  let series = state.toolSeries.get(label);
  if (series === undefined) {
    const outcomes = {} as Record<ToolOutcome, Attributes>;
    for (const outcome of TOOL_OUTCOMES) {
      outcomes[outcome] = Object.freeze({
        [ATTR_GEN_AI_AGENT_NAME]: state.agentName,
        [ATTR_GEN_AI_TOOL_NAME]: label,
        [ATTR_AGENT_TOOL_OUTCOME]: outcome,
      });
    }
    // One literal, not frozen: the SDK copies a span's attributes slower from a frozen object.
    const spanAttributes: Attributes = {
      [ATTR_GEN_AI_OPERATION_NAME]: OPERATION_EXECUTE_TOOL,
      [ATTR_GEN_AI_AGENT_NAME]: state.agentName,
      [ATTR_GEN_AI_TOOL_NAME]: label,
    };
    series = {
      label,
      spanName: `${OPERATION_EXECUTE_TOOL} ${label}`,
      spanAttributes,
      spanOptions: Object.freeze({ kind: SpanKind.INTERNAL, attributes: spanAttributes }),
      outcomes,
    };
    state.toolSeries.set(label, series);
  }
  return series;
}

/** A tool name as decided on (canonical) and as recorded (its series), remembered for the names seen most. */
function resolveTool(state: VitalsState, name: unknown): ResolvedTool {
  if (typeof name !== 'string') {
    return { name: canonicalToolName(name), series: toolSeries(state, state.toolNames.bound(name)) };
  }
  const cache = state.resolvedTools;
  let resolved = cache.get(name);
  if (resolved === undefined) {
    resolved = { name: canonicalToolName(name), series: toolSeries(state, state.toolNames.bound(name)) };
    if (name.length <= 256) {
      if (cache.size >= 1024) cache.clear();
      cache.set(name, resolved);
    }
  }
  return resolved;
}

/** The tool call kind: `execute_tool {tool}` span, `agent.tool.calls`, `agent.tool.duration`, an action. */
export const TOOL_RECORDER: CallRecorder<ToolCallData> = {
  kind: 'tool',
  spanKind: SpanKind.INTERNAL,
  observesStreams: false,

  guardRequest(state, call) {
    const { data } = call;
    return {
      kind: 'tool',
      agentName: state.agentName,
      requestId: call.requestId,
      callId: call.id,
      toolName: data.name,
      // What the tool itself receives: for a dispatcher, the arguments after the tool's name.
      args: data.inputArgs,
      input: decodeToolInput(data.inputArgs),
      nested: call.nested,
    };
  },

  spanName: (_state, call) => call.data.series.spanName,

  spanAttributes(_state, call) {
    const base = call.data.series.spanAttributes;
    return call.requestId === undefined ? base : { ...base, [ATTR_AGENT_REQUEST_ID]: call.requestId };
  },

  enter: (_call, ctx) => ctx,

  started(state, call) {
    state.events.emit({
      type: 'tool.start',
      agentName: state.agentName,
      time: state.clock(),
      requestId: call.requestId,
      callId: call.id,
      toolName: call.data.name,
      args: call.data.args,
    });
  },

  refused(state, call, refusal, span) {
    const outcome: ToolOutcome = refusal.action === 'deny' ? 'denied' : 'blocked';
    state.instruments.toolCalls.add(1, call.data.series.outcomes[outcome]);
    span.setAttribute(ATTR_AGENT_TOOL_OUTCOME, outcome);
    if (state.events.active) {
      state.events.emit({
        type: 'tool.end',
        agentName: state.agentName,
        time: state.clock(),
        requestId: call.requestId,
        callId: call.id,
        toolName: call.data.name,
        args: call.data.args,
        outcome,
        durationSeconds: 0,
        errorType: errorType(refusal.error),
      });
    }
  },

  finished: (state, call, span, ending) =>
    recordToolEnd(
      state,
      call.data,
      call.id,
      call.run,
      span,
      ending.failed,
      ending.valueOrError,
      ending.durationSeconds,
    ),
};

/** How `wrap()` calls a tool, beyond the public `callTool` options. */
export interface ToolCallOptions extends CallOptions {
  readonly validate?: ToolOptions<AnyFunction>['validate'];
  /** The arguments the tool receives, when they differ from `args` (a dispatcher's). */
  readonly inputArgs?: readonly unknown[];
}

/**
 * Calls `fn` once as the tool `name`: guards decide on the real name (canonicalised) and the
 * decoded arguments; the call is recorded under the bounded label.
 */
export function callTool<R>(
  state: VitalsState,
  name: unknown,
  fn: (...args: any[]) => R,
  thisArg: unknown,
  args: readonly unknown[],
  options?: ToolCallOptions,
): R {
  if (unobserved(state)) return fn.apply(thisArg, args as unknown[]);
  let data: ToolCallData;
  try {
    const resolved = resolveTool(state, name);
    data = {
      name: resolved.name,
      series: resolved.series,
      args,
      inputArgs: options?.inputArgs ?? args,
      validate: options?.validate,
    };
  } catch (error) {
    vitalsLogger.error('could not prepare a tool call for recording; it runs unrecorded', error);
    return fn.apply(thisArg, args as unknown[]);
  }
  // Nobody decides on the call or listens to its events: the direct path, same recording.
  if (options?.guardOnly !== true && !state.events.active && !hasGuards(state)) {
    return state.tracing
      ? callToolDirectly(state, data, fn, thisArg, args, options?.mark, options?.parent)
      : callToolUntraced(state, data, fn, thisArg, args, options?.mark, options?.parent);
  }
  return executeCall(state, TOOL_RECORDER, data, fn, thisArg, args, options);
}
