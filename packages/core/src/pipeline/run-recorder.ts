import { type Attributes, SpanKind } from '@opentelemetry/api';
import {
  ATTR_AGENT_REQUEST_ID,
  ATTR_AGENT_RUN_OUTCOME,
  ATTR_GEN_AI_AGENT_NAME,
  ATTR_GEN_AI_OPERATION_NAME,
} from '../semconv/attributes.js';
import { OPERATION_INVOKE_AGENT, type RunOutcome } from '../semconv/values.js';
import { errorType } from '../vitals/error-type.js';
import { vitalsLogger } from '../vitals/numbers.js';
import { readOptions } from '../vitals/read-options.js';
import { type RunState, runStateOf, withRunState } from '../vitals/run-context.js';
import { endSpanWithError } from '../vitals/span-status.js';
import type { VitalsState } from '../vitals/state.js';
import type { RunOptions } from '../vitals/types.js';
import { type CallOptions, type CallRecorder, executeCall } from './call-pipeline.js';

/** What the run recorder knows of one run. */
export interface RunCallData {
  readonly run: RunState;
}

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

/** The run call kind: `invoke_agent {agent}` span, `agent.runs`, `agent.run.duration`, a request id. */
export const RUN_RECORDER: CallRecorder<RunCallData> = {
  kind: 'run',
  spanKind: SpanKind.INTERNAL,
  observesStreams: false,

  guardRequest: () => undefined,

  spanName: (state) => `${OPERATION_INVOKE_AGENT} ${state.agentName}`,

  spanAttributes(state, call): Attributes {
    return {
      [ATTR_GEN_AI_OPERATION_NAME]: OPERATION_INVOKE_AGENT,
      [ATTR_GEN_AI_AGENT_NAME]: state.agentName,
      [ATTR_AGENT_REQUEST_ID]: call.data.run.requestId,
    };
  },

  enter: (call, ctx) => withRunState(ctx, call.data.run),

  started(state, call) {
    state.events.emit({
      type: 'run.start',
      agentName: state.agentName,
      time: state.clock(),
      requestId: call.data.run.requestId,
    });
  },

  refused() {
    // Guards are not asked about runs.
  },

  finished(state, call, span, ending) {
    const { run } = call.data;
    run.active = false;
    const { failed, valueOrError, durationSeconds } = ending;
    const outcome: RunOutcome = failed ? 'error' : 'success';
    const attributes = state.runAttributes[outcome];
    state.instruments.runs.add(1, attributes);
    state.instruments.runDuration.record(durationSeconds, attributes);
    span.setAttribute(ATTR_AGENT_RUN_OUTCOME, outcome);
    const type = failed ? errorType(valueOrError) : undefined;
    if (type !== undefined) endSpanWithError(span, valueOrError, type);
    else span.end();
    if (state.events.active) {
      state.events.emit({
        type: 'run.end',
        agentName: state.agentName,
        time: state.clock(),
        requestId: run.requestId,
        outcome,
        durationSeconds,
        ...(type !== undefined ? { errorType: type } : {}),
      });
    }
  },
};

/** How `wrap()` calls a run function, beyond the public options. */
export interface RunCallOptions extends CallOptions {
  readonly thisArg?: unknown;
  readonly args?: readonly unknown[];
}

/**
 * Runs `fn` as one agent run. A run inside a run keeps the outer request id unless it is
 * given its own; a run started after the outer one ended (from a timer it set) gets a new one.
 */
export function callRun<T>(
  state: VitalsState,
  generateRequestId: () => string,
  fn: (...args: any[]) => T,
  options?: RunOptions,
  how?: RunCallOptions,
): T {
  if (typeof fn !== 'function') throw new TypeError('vitals.run() needs a function to run');
  let data: RunCallData;
  try {
    const outer = runStateOf();
    const requestId =
      acceptRequestId(readOptions(options, ['requestId']).requestId) ??
      (outer?.active ? outer.requestId : undefined) ??
      newRequestId(generateRequestId);
    data = { run: { requestId, active: true, tokensSinceAction: 0 } };
  } catch (error) {
    vitalsLogger.error('could not prepare a run for recording; it runs unrecorded', error);
    return fn.apply(how?.thisArg, (how?.args ?? []) as unknown[]);
  }
  return executeCall(state, RUN_RECORDER, data, fn, how?.thisArg, how?.args ?? [], how);
}

/** A request id from the generator; a generator that throws or returns a non-string gets a random one. */
function newRequestId(generateRequestId: () => string): string {
  try {
    const id = acceptRequestId(generateRequestId());
    if (id !== undefined) return id;
  } catch (error) {
    vitalsLogger.warn('generateRequestId threw; a random request id is used', error);
  }
  return globalThis.crypto.randomUUID();
}
