import type { Span } from '@opentelemetry/api';
import { ATTR_AGENT_TOOL_OUTCOME } from '../semconv/attributes.js';
import type { ToolOutcome } from '../semconv/values.js';
import { recordAction } from '../vitals/action.js';
import { errorType, isTimeoutError } from '../vitals/error-type.js';
import { vitalsLogger } from '../vitals/numbers.js';
import type { RunState } from '../vitals/run-context.js';
import { endSpanWithError } from '../vitals/span-status.js';
import type { ToolSeries, VitalsState } from '../vitals/state.js';
import type { ToolOptions } from '../vitals/types.js';
import { NO_SPAN } from './no-span.js';

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

/** How a finished tool call went: `timeout` or `error` for a failure, else what the validator says. */
function toolOutcome(data: ToolCallData, failed: boolean, valueOrError: unknown): ToolOutcome {
  if (failed) return isTimeoutError(valueOrError) ? 'timeout' : 'error';
  return validationOutcome(data, valueOrError);
}

/** `agent.tool.calls` and `agent.tool.duration` of one finished call. */
function recordToolPoints(
  state: VitalsState,
  data: ToolCallData,
  outcome: ToolOutcome,
  durationSeconds: number,
): void {
  const attributes = data.series.outcomes[outcome];
  state.instruments.toolCalls.add(1, attributes);
  state.instruments.toolDuration.record(durationSeconds, attributes);
}

/** The `tool.end` event (only when someone listens), then one action. */
function endToolCall(
  state: VitalsState,
  data: ToolCallData,
  id: number,
  run: RunState | undefined,
  outcome: ToolOutcome,
  failed: boolean,
  type: string | undefined,
  valueOrError: unknown,
  durationSeconds: number,
): void {
  if (state.events.active) {
    state.events.emit({
      type: 'tool.end',
      agentName: state.agentName,
      time: state.clock(),
      requestId: run?.requestId,
      callId: id,
      toolName: data.name,
      args: data.args,
      outcome,
      durationSeconds,
      ...(failed ? { errorType: type } : { result: valueOrError }),
    });
  }
  recordAction(state, run);
}

/** `error.type` of a failed call or a rejected result; undefined for a success. */
function endingErrorType(failed: boolean, outcome: ToolOutcome, valueOrError: unknown): string | undefined {
  if (failed) return errorType(valueOrError);
  return outcome === 'invalid' ? 'invalid_result' : undefined;
}

/**
 * Records a finished tool call: `agent.tool.calls`, `agent.tool.duration`, the span's outcome
 * and end, the `tool.end` event (when someone listens), then one action. Shared by the
 * pipeline's tool recorder and the direct path (`direct-tool-call.ts`), so both record the same.
 * A span that records nothing (`NO_SPAN`, metrics-only mode) is left alone.
 */
export function recordToolEnd(
  state: VitalsState,
  data: ToolCallData,
  id: number,
  run: RunState | undefined,
  span: Span,
  failed: boolean,
  valueOrError: unknown,
  durationSeconds: number,
): void {
  const outcome = toolOutcome(data, failed, valueOrError);
  recordToolPoints(state, data, outcome, durationSeconds);
  const type = endingErrorType(failed, outcome, valueOrError);
  if (span !== NO_SPAN) {
    span.setAttribute(ATTR_AGENT_TOOL_OUTCOME, outcome);
    if (failed) endSpanWithError(span, valueOrError, type!);
    else if (type !== undefined) endSpanWithError(span, undefined, type);
    else span.end();
  }
  endToolCall(state, data, id, run, outcome, failed, type, valueOrError, durationSeconds);
}

/**
 * `recordToolEnd` for a call without a span (metrics-only mode's direct path,
 * `untraced-tool-call.ts`): the same points, event and action, through the same helpers. A
 * function of its own, with no span code in it, so that V8 optimises metrics-only calls
 * apart from traced ones: sharing one function, a process that also traces compiled the
 * span's work into the metrics-only call and left it about 10–30 % slower.
 */
export function recordUntracedToolEnd(
  state: VitalsState,
  data: ToolCallData,
  id: number,
  run: RunState | undefined,
  failed: boolean,
  valueOrError: unknown,
  durationSeconds: number,
): void {
  const outcome = toolOutcome(data, failed, valueOrError);
  recordToolPoints(state, data, outcome, durationSeconds);
  const type = endingErrorType(failed, outcome, valueOrError);
  endToolCall(state, data, id, run, outcome, failed, type, valueOrError, durationSeconds);
}
