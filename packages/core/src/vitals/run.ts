import { type Attributes, context, SpanKind, trace } from '@opentelemetry/api';
import {
  ATTR_AGENT_REQUEST_ID,
  ATTR_AGENT_RUN_OUTCOME,
  ATTR_GEN_AI_AGENT_NAME,
  ATTR_GEN_AI_OPERATION_NAME,
} from '../semconv/attributes.js';
import { OPERATION_INVOKE_AGENT, type RunOutcome } from '../semconv/values.js';
import { errorType } from './error-type.js';
import { vitalsLogger } from './numbers.js';
import { type RunState, runStateOf, withRunState } from './run-context.js';
import { observe } from './settle.js';
import { endSpanWithError } from './span-status.js';
import type { VitalsState } from './state.js';
import type { RunOptions } from './types.js';

function hasControlCharacter(value: string): boolean {
  for (let i = 0; i < value.length; i++) if (value.charCodeAt(i) < 0x20) return true;
  return false;
}

/** Bounds a request id given by the caller: a non-empty string of at most 128 printable characters. */
function acceptRequestId(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string' && value.length > 0 && value.length <= 128 && !hasControlCharacter(value)) {
    return value;
  }
  vitalsLogger.warn(
    'requestId must be a non-empty string of at most 128 printable characters; a new one is used',
  );
  return undefined;
}

/**
 * Runs `fn` as one agent run: an `invoke_agent {agent}` span, `agent.runs` and
 * `agent.run.duration` with the outcome, and a request id that every span, thought and
 * token count inside the run shares. A run inside a run keeps the outer request id unless
 * it is given its own; a run started after the outer one ended (from a timer it set) gets a new one.
 */
export function runAgent<T>(
  state: VitalsState,
  generateRequestId: () => string,
  fn: () => T,
  options?: RunOptions,
): T {
  if (typeof fn !== 'function') throw new TypeError('vitals.run() needs a function to run');
  const parent = context.active();
  const outer = runStateOf(parent);
  const requestId =
    acceptRequestId(options?.requestId) ??
    (outer?.active ? outer.requestId : undefined) ??
    generateRequestId();
  const run: RunState = { requestId, active: true, tokensSinceAction: 0 };
  const attributes: Attributes = {
    [ATTR_GEN_AI_OPERATION_NAME]: OPERATION_INVOKE_AGENT,
    [ATTR_GEN_AI_AGENT_NAME]: state.agentName,
    [ATTR_AGENT_REQUEST_ID]: requestId,
  };
  const span = state.tracer.startSpan(
    `${OPERATION_INVOKE_AGENT} ${state.agentName}`,
    { kind: SpanKind.INTERNAL, attributes },
    parent,
  );
  if (state.events.active) {
    state.events.emit({ type: 'run.start', agentName: state.agentName, time: state.clock(), requestId });
  }
  const started = performance.now();
  let finished = false;

  const finish = (failed: boolean, error?: unknown) => {
    if (finished) return;
    finished = true;
    run.active = false;
    try {
      const durationSeconds = (performance.now() - started) / 1000;
      const outcome: RunOutcome = failed ? 'error' : 'success';
      const metricAttributes =
        outcome === 'success' ? state.runAttributes.success : state.runAttributes.error;
      state.instruments.runs.add(1, metricAttributes);
      state.instruments.runDuration.record(durationSeconds, metricAttributes);
      span.setAttribute(ATTR_AGENT_RUN_OUTCOME, outcome);
      const type = failed ? errorType(error) : undefined;
      if (type !== undefined) endSpanWithError(span, error, type);
      else span.end();
      if (state.events.active) {
        state.events.emit({
          type: 'run.end',
          agentName: state.agentName,
          time: state.clock(),
          requestId,
          outcome,
          durationSeconds,
          ...(type !== undefined ? { errorType: type } : {}),
        });
      }
    } catch (recordingError) {
      vitalsLogger.error('recording a run failed; the run itself was not affected', recordingError);
    }
  };

  let result: T;
  try {
    result = context.with(withRunState(trace.setSpan(parent, span), run), fn);
  } catch (error) {
    finish(true, error);
    throw error;
  }
  return observe(
    result,
    () => finish(false),
    (error) => finish(true, error),
  );
}
