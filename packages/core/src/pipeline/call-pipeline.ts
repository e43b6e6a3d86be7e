import {
  type Attributes,
  type Context,
  context,
  createContextKey,
  type Span,
  type SpanKind,
} from '@opentelemetry/api';
import type { GuardRequest } from '../guard/guard.js';
import type { ExtractedUsage } from '../usage/extract-usage.js';
import { errorType } from '../vitals/error-type.js';
import { vitalsLogger } from '../vitals/numbers.js';
import { type RunState, runStateOf } from '../vitals/run-context.js';
import { refuse } from '../vitals/settle.js';
import { endSpanWithError } from '../vitals/span-status.js';
import type { VitalsState } from '../vitals/state.js';
import { observeStreaming, type StreamEnd, type StreamingHandlers } from '../vitals/streams.js';
import { observeThenable, safelyThenable } from '../vitals/thenable.js';
import { CallContext } from './call-context.js';
import { endMarker, isMarked, type Marker } from './call-marker.js';
import { decide, hasGuards, type Refusal, undecided } from './guard-decision.js';
import { NO_SPAN } from './no-span.js';

/**
 * The path of every call the vitals API and `wrap()` record, in order:
 *
 *   1. guards decide (`decide`): a refused call never runs; it is recorded as refused and
 *      the caller gets the guard's error (thrown, or a rejected promise for async callers);
 *   2. the start event (`reasoning.start`, `tool.start`, `run.start`);
 *   3. the span (`invoke_agent`, `chat`, `execute_tool`), unless tracing is off;
 *   4. the call, exactly once, in a context holding the span (and the run's state);
 *   5. observation of its outcome: a throw, a value, a promise or lazy thenable when it
 *      settles, a stream when its consumer finishes or abandons it;
 *   6. recording, once: metrics, the span's end, the end event (the call kind's recorder).
 *
 * What a call returns or throws reaches the caller unchanged; what fails in recording is
 * logged through `diag` and never reaches the caller.
 */

export { isMarked } from './call-marker.js';
export { NO_SPAN } from './no-span.js';

/** Marks the context while a tool call runs, so a tool called from inside it is known as nested. */
const TOOL_CALL_KEY = createContextKey('@agentvitals/core tool call');

/** One call on its way through the pipeline. */
export interface Call<D> {
  /** Unique within the vitals instance; on the guard request and the call's events. */
  readonly id: number;
  /** The context the call was made in. */
  readonly parent: Context;
  readonly requestId: string | undefined;
  /** The run the call was made in, if any. */
  readonly run: RunState | undefined;
  /** Made while another tool call was in progress. */
  readonly nested: boolean;
  /** What the call kind's recorder knows about it. */
  readonly data: D;
}

/** How a call ended. */
export interface CallEnding {
  readonly failed: boolean;
  /** The value returned, or the error thrown or rejected with. */
  readonly valueOrError: unknown;
  readonly durationSeconds: number;
  /** Usage read from a stream's chunks, when the call returned a stream. */
  readonly streamUsage?: ExtractedUsage;
}

/** What is particular to one kind of call: its request to guards, its span, its metrics and events. */
export interface CallRecorder<D> {
  readonly kind: 'run' | 'reasoning' | 'tool';
  readonly spanKind: SpanKind;
  /** The result may be a stream whose end is the call's end. */
  readonly observesStreams: boolean;
  /** What guards are asked about; undefined for calls guards do not see (runs). */
  guardRequest(state: VitalsState, call: Call<D>): GuardRequest | undefined;
  spanName(state: VitalsState, call: Call<D>): string;
  spanAttributes(state: VitalsState, call: Call<D>): Attributes;
  /** The context the function runs in, given the one holding its span. */
  enter(call: Call<D>, ctx: Context): Context;
  /** Emits the start event (only called when someone listens). */
  started(state: VitalsState, call: Call<D>): void;
  /** Records a refused call: its metrics and end event. The span is ended by the pipeline. */
  refused(state: VitalsState, call: Call<D>, refusal: Refusal, span: Span): void;
  /** Records a finished call: metrics, the span's attributes and end, the end event. */
  finished(state: VitalsState, call: Call<D>, span: Span, ending: CallEnding): void;
}

/** How the caller runs the call. */
export interface CallOptions {
  /** The caller expects a promise: a refusal rejects instead of throwing. */
  readonly returnsPromise?: boolean;
  /**
   * A context key marked while the call runs (until it returns, or its promise settles), so
   * `wrap()` can tell a call made from inside another of the same agent.
   */
  readonly mark?: symbol;
  /** Guards decide, but nothing is recorded (a tool called from inside another, counted as the outer one). */
  readonly guardOnly?: boolean;
  /** The active context, when the caller has just read it (saves reading it again). */
  readonly parent?: Context;
}

/** Ends a span whose recording failed half-way, so it is never left open. */
function endQuietly(span: Span): void {
  try {
    if (span.isRecording()) span.end();
  } catch {
    // Nothing more can be done for this span.
  }
}

/** One call in progress: what recorders know of it, and finish-once bookkeeping. */
class CallInProgress<D> implements Call<D>, StreamingHandlers {
  #finished = false;
  span: Span = NO_SPAN;
  started = 0;
  constructor(
    readonly state: VitalsState,
    readonly recorder: CallRecorder<D>,
    readonly data: D,
    readonly id: number,
    readonly parent: Context,
    readonly run: RunState | undefined,
    readonly nested: boolean,
  ) {}

  get requestId(): string | undefined {
    return this.run?.requestId;
  }

  end(failed: boolean, valueOrError: unknown, streamUsage?: ExtractedUsage): void {
    if (this.#finished) return;
    this.#finished = true;
    try {
      const durationSeconds = (performance.now() - this.started) / 1000;
      const ending: CallEnding =
        streamUsage === undefined
          ? { failed, valueOrError, durationSeconds }
          : { failed, valueOrError, durationSeconds, streamUsage };
      this.recorder.finished(this.state, this, this.span, ending);
    } catch (recordingError) {
      vitalsLogger.error(
        `recording a ${this.recorder.kind} call failed; the call itself was not affected`,
        recordingError,
      );
      endQuietly(this.span);
    }
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

/** Step 5: observes the outcome without changing what the caller gets. */
function observeOutcome<T, D>(result: T, progress: CallInProgress<D>): T {
  if (progress.recorder.observesStreams) return observeStreaming(result, progress);
  if (safelyThenable(result)) {
    observeThenable(
      result as PromiseLike<unknown>,
      (value) => progress.end(false, value),
      (error) => progress.end(true, error),
    );
  } else progress.end(false, result);
  return result;
}

/** Step 1, refused: the span, metrics and events of a call that does not run. */
function recordRefusal<D>(
  state: VitalsState,
  recorder: CallRecorder<D>,
  call: Call<D>,
  refusal: Refusal,
): void {
  try {
    const span = state.tracing
      ? state.tracer.startSpan(
          recorder.spanName(state, call),
          { kind: recorder.spanKind, attributes: recorder.spanAttributes(state, call) },
          call.parent,
        )
      : NO_SPAN;
    if (state.events.active) {
      state.events.emit({
        type: 'guard.deny',
        agentName: state.agentName,
        time: state.clock(),
        requestId: call.requestId,
        callId: call.id,
        outcome: refusal.action === 'deny' ? 'denied' : 'blocked',
        kind: recorder.kind === 'tool' ? 'tool' : 'reasoning',
        ...(recorder.kind === 'tool' ? { toolName: (call.data as { name: string }).name } : {}),
        reason: refusal.reason,
      });
    }
    recorder.refused(state, call, refusal, span);
    endSpanWithError(span, refusal.error, errorType(refusal.error));
  } catch (recordingError) {
    vitalsLogger.error('recording a refused call failed; the call was still refused', recordingError);
  }
}

/**
 * Runs `fn` once, with `thisArg` and `args`, as a call of `recorder`'s kind: the whole
 * pipeline described at the top of this file. `data` is what the recorder knows of the call.
 */
export function executeCall<D, R>(
  state: VitalsState,
  recorder: CallRecorder<D>,
  data: D,
  fn: (...args: any[]) => R,
  thisArg: unknown,
  args: readonly unknown[],
  options?: CallOptions,
): R {
  const parent = options?.parent ?? context.active();
  const guarded = hasGuards(state);
  const call = new CallInProgress(
    state,
    recorder,
    data,
    ++state.calls.last,
    parent,
    runStateOf(parent),
    options?.guardOnly === true || (guarded && isMarked(parent, TOOL_CALL_KEY)),
  );

  // 1. Guards decide before any work.
  if (guarded) {
    let request: GuardRequest | undefined;
    let refusal: Refusal | undefined;
    try {
      request = recorder.guardRequest(state, call);
    } catch {
      refusal = undecided(state, undefined, 'the call could not be described to it');
    }
    refusal ??= request === undefined ? undefined : decide(state, request);
    if (refusal !== undefined) {
      recordRefusal(state, recorder, call, refusal);
      return refuse(fn, refusal.error, options?.returnsPromise);
    }
  }
  if (options?.guardOnly) return fn.apply(thisArg, args as unknown[]);

  // 2. The start event.
  if (state.events.active) {
    try {
      recorder.started(state, call);
    } catch (error) {
      vitalsLogger.error('emitting a start event failed; the call itself is not affected', error);
    }
  }

  // 3. The span.
  let ctx: Context | undefined;
  let marker: Marker | undefined;
  try {
    if (state.tracing) {
      call.span = state.tracer.startSpan(
        recorder.spanName(state, call),
        { kind: recorder.spanKind, attributes: recorder.spanAttributes(state, call) },
        parent,
      );
      // Layered on the caller's context, not copied from it (see CallContext).
      ctx = CallContext.withSpan(parent, call.span);
    }
    if (recorder.kind === 'run') ctx = recorder.enter(call, ctx ?? parent);
    // Marks for the calls made inside this one: a tool call's (only guards read it, to tell
    // nested calls) and the caller's (`wrap()`'s count-once scope).
    const markTool = guarded && recorder.kind === 'tool' && ctx !== undefined;
    if (options?.mark !== undefined || markTool) {
      marker = { active: true };
      ctx ??= parent;
      if (markTool) ctx = CallContext.with(ctx, TOOL_CALL_KEY, marker);
      if (options?.mark !== undefined) ctx = CallContext.with(ctx, options.mark, marker);
    }
  } catch (error) {
    vitalsLogger.error('starting a span failed; the call runs without one', error);
  }
  call.started = performance.now();

  // 4. The call, exactly once.
  let result: R;
  try {
    result =
      ctx === undefined ? fn.apply(thisArg, args as unknown[]) : context.with(ctx, fn, thisArg, ...args);
  } catch (error) {
    if (marker !== undefined) marker.active = false;
    call.end(true, error);
    throw error;
  }
  if (marker !== undefined) endMarker(marker, result);

  // 5 and 6. Observation, then recording once it ended.
  return observeOutcome(result, call);
}
