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
  const outcome: ToolOutcome = failed
    ? isTimeoutError(valueOrError)
      ? 'timeout'
      : 'error'
    : validationOutcome(data, valueOrError);
  const attributes = data.series.outcomes[outcome];
  state.instruments.toolCalls.add(1, attributes);
  state.instruments.toolDuration.record(durationSeconds, attributes);
  const type = failed ? errorType(valueOrError) : outcome === 'invalid' ? 'invalid_result' : undefined;
  if (span !== NO_SPAN) {
    span.setAttribute(ATTR_AGENT_TOOL_OUTCOME, outcome);
    if (failed) endSpanWithError(span, valueOrError, type!);
    else if (type !== undefined) endSpanWithError(span, undefined, type);
    else span.end();
  }
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
