import { type Context, context, type Span, SpanKind } from '@opentelemetry/api';
import { ATTR_AGENT_REQUEST_ID } from '../semconv/attributes.js';
import type { ExtractedUsage } from '../usage/extract-usage.js';
import { vitalsLogger } from '../vitals/numbers.js';
import { type RunState, runStateOf } from '../vitals/run-context.js';
import type { VitalsState } from '../vitals/state.js';
import {
  isStream,
  observeStream,
  observeStreamingThenable,
  type StreamEnd,
  type StreamingHandlers,
} from '../vitals/streams.js';
import { safelyThenable } from '../vitals/thenable.js';
import { CallContext } from './call-context.js';
import { endMarker, type Marker } from './call-marker.js';
import { NO_SPAN } from './no-span.js';
import { type ReasoningCallData, recordReasoningEnd } from './reasoning-ending.js';

/** Ends a span whose recording failed half-way, so it is never left open. */
function endQuietly(span: Span): void {
  try {
    if (span.isRecording()) span.end();
  } catch {
    // Nothing more can be done for this span.
  }
}

/** Records the end of a model call; what fails in recording is logged, never thrown. */
function finish(
  state: VitalsState,
  data: ReasoningCallData,
  id: number,
  run: RunState | undefined,
  span: Span,
  started: number,
  failed: boolean,
  valueOrError: unknown,
  streamUsage: ExtractedUsage | undefined,
): void {
  try {
    const durationSeconds = (performance.now() - started) / 1000;
    recordReasoningEnd(state, data, id, run, span, failed, valueOrError, durationSeconds, streamUsage);
  } catch (recordingError) {
    vitalsLogger.error('recording a reasoning call failed; the call itself was not affected', recordingError);
    endQuietly(span);
  }
}

/** A model call whose result ends later (a promise, a stream): recorded once, when it does. */
class PendingReasoningCall implements StreamingHandlers {
  #ended = false;
  constructor(
    readonly state: VitalsState,
    readonly data: ReasoningCallData,
    readonly id: number,
    readonly run: RunState | undefined,
    readonly span: Span,
    readonly started: number,
    readonly parent: Context,
  ) {}

  end(failed: boolean, valueOrError: unknown, streamUsage?: ExtractedUsage): void {
    if (this.#ended) return;
    this.#ended = true;
    finish(
      this.state,
      this.data,
      this.id,
      this.run,
      this.span,
      this.started,
      failed,
      valueOrError,
      streamUsage,
    );
  }

  value(value: unknown): void {
    this.end(false, value);
  }

  error(error: unknown): void {
    this.end(true, error);
  }

  streamEnd(end: StreamEnd, stream: unknown): void {
    context.with(this.parent, () => {
      if ('error' in end) this.end(true, end.error);
      else this.end(false, stream, end.usage);
    });
  }
}

/**
 * A model call no guard decides on and nobody listens to (checked per call: a guard or a
 * listener attached later sends the next calls through `executeCall`). It takes the same
 * steps as the pipeline (`call-pipeline.ts`, steps 3 to 6) and records the same span, metrics
 * and usage, written out for this one kind of call: no recorder to dispatch to, no call
 * object for a result that is already there, no start event to check for. A promise or a
 * stream is observed as the pipeline observes it (`observeStreaming`'s steps). The function
 * runs exactly once; its result or error reaches the caller unchanged (a stream, as the
 * pipeline's stand-in).
 */
export function callReasoningDirectly<R>(
  state: VitalsState,
  data: ReasoningCallData,
  fn: (...args: any[]) => R,
  thisArg: unknown,
  args: readonly unknown[],
  mark: symbol | undefined,
  active: Context | undefined,
): R {
  const tracing = state.tracing;
  const parent: Context | undefined =
    active ?? (tracing || mark !== undefined ? context.active() : undefined);
  const run = runStateOf(parent);
  const id = ++state.calls.last;

  // 3. The span, layered on the caller's context (see CallContext), and `wrap()`'s mark.
  let span = NO_SPAN;
  let ctx: Context | undefined;
  let marker: Marker | undefined;
  try {
    if (tracing) {
      const { requested } = data;
      span = state.tracer.startSpan(
        requested.spanName,
        run === undefined
          ? requested.spanOptions
          : {
              kind: SpanKind.CLIENT,
              attributes: { ...requested.series.span, [ATTR_AGENT_REQUEST_ID]: run.requestId },
            },
        parent,
      );
      ctx = CallContext.withSpan(parent!, span);
    }
    if (mark !== undefined) {
      marker = { active: true };
      ctx = CallContext.with(ctx ?? parent!, mark, marker);
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
    finish(state, data, id, run, span, started, true, error, undefined);
    throw error;
  }
  if (marker !== undefined) endMarker(marker, result);

  // 5 and 6. Observation, then recording once it ended: a plain value at once.
  const thenable = safelyThenable(result);
  if (!thenable && !isStream(result)) {
    finish(state, data, id, run, span, started, false, result, undefined);
    return result;
  }
  const pending = new PendingReasoningCall(state, data, id, run, span, started, parent ?? context.active());
  return thenable ? observeStreamingThenable(result, pending) : observeStream(result, pending);
}
