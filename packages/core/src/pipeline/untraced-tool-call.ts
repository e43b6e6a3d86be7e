import { type Context, context } from '@opentelemetry/api';
import { vitalsLogger } from '../vitals/numbers.js';
import { type RunState, runStateOf } from '../vitals/run-context.js';
import type { VitalsState } from '../vitals/state.js';
import { observeThenable, safelyThenable } from '../vitals/thenable.js';
import { CallContext } from './call-context.js';
import { endMarker, type Marker } from './call-marker.js';
import { recordUntracedToolEnd, type ToolCallData } from './tool-ending.js';

/** Records the end of a tool call; what fails in recording is logged, never thrown. */
function finish(
  state: VitalsState,
  data: ToolCallData,
  id: number,
  run: RunState | undefined,
  started: number,
  failed: boolean,
  valueOrError: unknown,
): void {
  try {
    const durationSeconds = (performance.now() - started) / 1000;
    recordUntracedToolEnd(state, data, id, run, failed, valueOrError, durationSeconds);
  } catch (recordingError) {
    vitalsLogger.error('recording a tool call failed; the call itself was not affected', recordingError);
  }
}

/**
 * The direct path of metrics-only mode (`tracing: false`): a tool call no guard decides on and
 * nobody listens to, recorded as `callToolDirectly` records it, without the span. Outside a
 * run and outside `wrap()` no context is read or entered at all. It is written apart from the
 * traced path on purpose: V8 compiles one function for every caller, so a metrics-only call
 * sharing the traced path's functions ran the span's compiled work too (measured 10–30 % slower
 * in a process that also traces; see docs/pipeline.md, What a call costs). The function runs
 * exactly once; its result or error reaches the caller unchanged.
 */
export function callToolUntraced<R>(
  state: VitalsState,
  data: ToolCallData,
  fn: (...args: any[]) => R,
  thisArg: unknown,
  args: readonly unknown[],
  mark: symbol | undefined,
  active?: Context,
): R {
  const parent: Context | undefined = active ?? (mark !== undefined ? context.active() : undefined);
  const run = runStateOf(parent);
  const id = ++state.calls.last;

  // `wrap()`'s mark: the only context a metrics-only call enters.
  let ctx: Context | undefined;
  let marker: Marker | undefined;
  if (mark !== undefined) {
    try {
      marker = { active: true };
      ctx = CallContext.with(parent!, mark, marker);
    } catch (error) {
      vitalsLogger.error('marking a tool call failed; the call runs unmarked', error);
    }
  }
  const started = performance.now();

  let result: R;
  try {
    result =
      ctx === undefined ? fn.apply(thisArg, args as unknown[]) : context.with(ctx, fn, thisArg, ...args);
  } catch (error) {
    if (marker !== undefined) marker.active = false;
    finish(state, data, id, run, started, true, error);
    throw error;
  }
  if (marker !== undefined) endMarker(marker, result);

  if (!safelyThenable(result)) {
    finish(state, data, id, run, started, false, result);
    return result;
  }
  let ended = false;
  observeThenable(
    result as PromiseLike<unknown>,
    (value) => {
      if (ended) return;
      ended = true;
      finish(state, data, id, run, started, false, value);
    },
    (error) => {
      if (ended) return;
      ended = true;
      finish(state, data, id, run, started, true, error);
    },
  );
  return result;
}
