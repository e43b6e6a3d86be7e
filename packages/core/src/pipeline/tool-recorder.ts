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
import { recordAction } from '../vitals/action.js';
import { errorType, isTimeoutError } from '../vitals/error-type.js';
import { vitalsLogger } from '../vitals/numbers.js';
import { endSpanWithError } from '../vitals/span-status.js';
import type { ResolvedTool, ToolSeries, VitalsState } from '../vitals/state.js';
import type { ToolOptions } from '../vitals/types.js';
import { type CallOptions, type CallRecorder, executeCall } from './call-pipeline.js';
import { unobserved } from './guard-decision.js';

type AnyFunction = (...args: any[]) => any;

/** What the tool recorder knows of one tool call. */
export interface ToolCallData {
  /** The tool's real name, canonicalised: what guards decide on and events carry. */
  readonly name: string;
  /** The series the call is recorded in (bounded label, precomputed attributes). */
  readonly series: ToolSeries;
  /** The arguments the function is called with. */
  readonly args: readonly unknown[];
  /** The arguments the tool receives (a dispatcher's, without the tool's name). */
  readonly inputArgs: readonly unknown[];
  readonly validate: ToolOptions<AnyFunction>['validate'];
}

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
    series = {
      label,
      spanName: `${OPERATION_EXECUTE_TOOL} ${label}`,
      spanAttributes: Object.freeze({
        [ATTR_GEN_AI_OPERATION_NAME]: OPERATION_EXECUTE_TOOL,
        [ATTR_GEN_AI_AGENT_NAME]: state.agentName,
        [ATTR_GEN_AI_TOOL_NAME]: label,
      }),
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

/** `invalid` when the validator rejects the result (returns false or a string, or throws). */
function validationOutcome(data: ToolCallData, value: unknown): ToolOutcome {
  const validate = data.validate;
  if (validate === undefined) return 'success';
  if (typeof validate !== 'function') {
    vitalsLogger.warn("a tool's 'validate' option is not a function: ignored");
    return 'success';
  }
  try {
    const verdict = validate(value, data.args as never);
    return verdict === false || typeof verdict === 'string' ? 'invalid' : 'success';
  } catch {
    return 'invalid';
  }
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

  finished(state, call, span, ending) {
    const { data } = call;
    const { failed, valueOrError, durationSeconds } = ending;
    const outcome: ToolOutcome = failed
      ? isTimeoutError(valueOrError)
        ? 'timeout'
        : 'error'
      : validationOutcome(data, valueOrError);
    const attributes = data.series.outcomes[outcome];
    state.instruments.toolCalls.add(1, attributes);
    state.instruments.toolDuration.record(durationSeconds, attributes);
    span.setAttribute(ATTR_AGENT_TOOL_OUTCOME, outcome);
    const type = failed ? errorType(valueOrError) : outcome === 'invalid' ? 'invalid_result' : undefined;
    if (failed) endSpanWithError(span, valueOrError, type!);
    else if (type !== undefined) endSpanWithError(span, undefined, type);
    else span.end();
    if (state.events.active) {
      state.events.emit({
        type: 'tool.end',
        agentName: state.agentName,
        time: state.clock(),
        requestId: call.requestId,
        callId: call.id,
        toolName: data.name,
        args: data.args,
        outcome,
        durationSeconds,
        ...(failed ? { errorType: type } : { result: valueOrError }),
      });
    }
    recordAction(state, call.run);
  },
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
  return executeCall(state, TOOL_RECORDER, data, fn, thisArg, args, options);
}
