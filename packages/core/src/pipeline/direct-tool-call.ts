import { type Context, context, type Span, SpanKind } from '@opentelemetry/api';
import { ATTR_AGENT_REQUEST_ID } from '../semconv/attributes.js';
import { vitalsLogger } from '../vitals/numbers.js';
import { type RunState, runStateOf } from '../vitals/run-context.js';
import type { VitalsState } from '../vitals/state.js';
import { observeThenable, safelyThenable } from '../vitals/thenable.js';
import { CallContext } from './call-context.js';
import { endMarker, type Marker } from './call-marker.js';
import { NO_SPAN } from './no-span.js';
import { recordToolEnd, type ToolCallData } from './tool-ending.js';

/** Ends a span whose recording failed half-way, so it is never left open. */
function endQuietly(span: Span): void {
  try {
    if (span.isRecording()) span.end();
  } catch {
    // Nothing more can be done for this span.
  }
}

/** Records the end of a tool call; what fails in recording is logged, never thrown. */
function finish(
  state: VitalsState,
  data: ToolCallData,
  id: number,
  run: RunState | undefined,
  span: Span,
  started: number,
  failed: boolean,
  valueOrError: unknown,
): void {
  try {
    const durationSeconds = (performance.now() - started) / 1000;
    recordToolEnd(state, data, id, run, span, failed, valueOrError, durationSeconds);
  } catch (recordingError) {
    vitalsLogger.error('recording a tool call failed; the call itself was not affected', recordingError);
    endQuietly(span);
  }
}

/**
 * A tool call no guard decides on and nobody listens to (checked per call: a guard or a
 * listener attached later sends the next calls through `executeCall`), with tracing on. It
 * takes the same steps as the pipeline (`call-pipeline.ts`, steps 3 to 6) and records the same
 * span, metrics and action, written out for this one kind of call: no recorder to dispatch to,
 * no call object, no start event to check for. Metrics-only mode has a path of its own
 * (`untraced-tool-call.ts`). The function runs exactly once; its result or error reaches the
 * caller unchanged.
 */
export function callToolDirectly<R>(
  state: VitalsState,
  data: ToolCallData,
  fn: (...args: any[]) => R,
  thisArg: unknown,
  args: readonly unknown[],
  mark: symbol | undefined,
  active?: Context,
): R {
  const parent = active ?? context.active();
  const run = runStateOf(parent);
  const id = ++state.calls.last;

  // 3. The span, layered on the caller's context (see CallContext), and `wrap()`'s mark.
  let span = NO_SPAN;
  let ctx: Context | undefined;
  let marker: Marker | undefined;
  try {
    const { series } = data;
    span = state.tracer.startSpan(
      series.spanName,
      run === undefined
        ? series.spanOptions
        : {
            kind: SpanKind.INTERNAL,
            attributes: { ...series.spanAttributes, [ATTR_AGENT_REQUEST_ID]: run.requestId },
          },
      parent,
    );
    ctx = CallContext.withSpan(parent, span);
    if (mark !== undefined) {
      marker = { active: true };
      ctx = CallContext.with(ctx, mark, marker);
    }
  } catch (error) {
    vitalsLogger.error('starting a span failed; the call runs without one', error);
  }
  const started = performance.now();

  // 4. The call, exactly once.
  let result: R;
  try {
    result =
      ctx === undefined ? fn.apply(thisArg, args as unknown[]) : context.with(ctx, fn, thisArg, ...args);
  } catch (error) {
    if (marker !== undefined) marker.active = false;
    finish(state, data, id, run, span, started, true, error);
    throw error;
  }
  if (marker !== undefined) endMarker(marker, result);

  // 5 and 6. Observation, then recording once it ended.
  if (!safelyThenable(result)) {
    finish(state, data, id, run, span, started, false, result);
    return result;
  }
  let ended = false;
  observeThenable(
    result as PromiseLike<unknown>,
    (value) => {
      if (ended) return;
      ended = true;
      finish(state, data, id, run, span, started, false, value);
    },
    (error) => {
      if (ended) return;
      ended = true;
      finish(state, data, id, run, span, started, true, error);
    },
  );
  return result;
}
