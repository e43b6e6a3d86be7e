import { SpanKind } from '@opentelemetry/api';
import { ATTR_AGENT_REQUEST_ID } from '../semconv/attributes.js';
import { errorType } from '../vitals/error-type.js';
import { vitalsLogger } from '../vitals/numbers.js';
import type { VitalsState } from '../vitals/state.js';
import type { ReasoningOptions } from '../vitals/types.js';
import { type CallOptions, type CallRecorder, executeCall } from './call-pipeline.js';
import { callReasoningDirectly } from './direct-reasoning-call.js';
import { hasGuards, unobserved } from './guard-decision.js';
import { type ReasoningCallData, recordReasoningEnd, requestedModel } from './reasoning-ending.js';

export type { ReasoningCallData } from './reasoning-ending.js';

/** The reasoning call kind: `chat {model}` span, `agent.reasoning.duration`, usage when the result carries it. */
export const REASONING_RECORDER: CallRecorder<ReasoningCallData> = {
  kind: 'reasoning',
  spanKind: SpanKind.CLIENT,
  observesStreams: true,

  guardRequest(state, call) {
    const { requested, maxOutputTokens } = call.data;
    return {
      kind: 'reasoning',
      agentName: state.agentName,
      requestId: call.requestId,
      callId: call.id,
      model: requested.model,
      provider: requested.provider,
      ...(maxOutputTokens !== undefined ? { maxOutputTokens } : {}),
    };
  },

  spanName: (_state, call) => call.data.requested.spanName,

  spanAttributes(_state, call) {
    const base = call.data.requested.series.span;
    const requestId = call.requestId;
    return requestId === undefined ? base : { ...base, [ATTR_AGENT_REQUEST_ID]: requestId };
  },

  enter: (_call, ctx) => ctx,

  started(state, call) {
    state.events.emit({
      type: 'reasoning.start',
      agentName: state.agentName,
      time: state.clock(),
      requestId: call.requestId,
      callId: call.id,
      model: call.data.requested.model,
      provider: call.data.requested.provider,
    });
  },

  refused(state, call, refusal) {
    if (!state.events.active) return;
    state.events.emit({
      type: 'reasoning.end',
      agentName: state.agentName,
      time: state.clock(),
      requestId: call.requestId,
      callId: call.id,
      model: call.data.requested.model,
      provider: call.data.requested.provider,
      durationSeconds: 0,
      errorType: errorType(refusal.error),
    });
  },

  finished: (state, call, span, ending) =>
    recordReasoningEnd(
      state,
      call.data,
      call.id,
      call.run,
      span,
      ending.failed,
      ending.valueOrError,
      ending.durationSeconds,
      ending.streamUsage,
    ),
};

/** A field of the options whose getter threw: warned about, and read as undefined. */
function optionThrew(key: string): undefined {
  vitalsLogger.warn(`reading the option '${key}' threw; it is ignored`);
  return undefined;
}

/** A token limit: a finite, non-negative number, else undefined. */
function validLimit(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

const LIMIT_FIELDS = [
  'max_output_tokens',
  'max_completion_tokens',
  'max_tokens',
  'maxOutputTokens',
  'maxTokens',
];

/** A request's output-token limit, from the fields the major APIs use; undefined when none is given. */
export function maxOutputTokensOf(request: unknown): number | undefined {
  if (request === null || typeof request !== 'object') return undefined;
  try {
    const body = request as Record<string, unknown>;
    for (const key of LIMIT_FIELDS) {
      const value = validLimit(body[key]);
      if (value !== undefined) return value;
    }
    const config = body.generationConfig ?? body.config;
    if (config !== null && typeof config === 'object') {
      const value = validLimit((config as Record<string, unknown>).maxOutputTokens);
      if (value !== undefined) return value;
    }
  } catch {
    // A throwing getter: no limit known.
  }
  return undefined;
}

/** How `wrap()` calls a reasoning function, beyond the public options. */
export interface ReasoningCallOptions extends CallOptions {
  readonly thisArg?: unknown;
  readonly args?: readonly unknown[];
}

/**
 * Runs one reasoning (model) call through the pipeline. The function runs exactly once;
 * its result or error passes through untouched.
 */
export function callReasoning<T>(
  state: VitalsState,
  fn: (...args: any[]) => T,
  options?: ReasoningOptions,
  how?: ReasoningCallOptions,
): T {
  if (typeof fn !== 'function') throw new TypeError('vitals.reasoning() needs a function to run');
  if (unobserved(state))
    return how === undefined ? fn() : fn.apply(how.thisArg, (how.args ?? []) as unknown[]);
  return recordReasoning(state, fn, options, how);
}

/** The arguments of a call made without any. */
const NO_ARGS: readonly unknown[] = Object.freeze([]);

/** `callReasoning` once someone observes the call: kept apart so the check above stays small. */
function recordReasoning<T>(
  state: VitalsState,
  fn: (...args: any[]) => T,
  options: ReasoningOptions | undefined,
  how: ReasoningCallOptions | undefined,
): T {
  const args = how?.args ?? NO_ARGS;
  let data: ReasoningCallData;
  let returnsPromise: boolean | undefined;
  try {
    // Each field read once, in this order, straight into its variable (as `readOptions` would).
    const given =
      options !== null && (typeof options === 'object' || typeof options === 'function')
        ? (options as object)
        : undefined;
    // Read by name, each in its own try (a read of a key held in a variable goes megamorphic).
    let modelOption: unknown;
    let providerOption: unknown;
    let extractOption: unknown;
    let promiseOption: unknown;
    let limitOption: unknown;
    if (given !== undefined) {
      const fields = given as Partial<ReasoningOptions>;
      try {
        modelOption = fields.model;
      } catch {
        modelOption = optionThrew('model');
      }
      try {
        providerOption = fields.provider;
      } catch {
        providerOption = optionThrew('provider');
      }
      try {
        extractOption = fields.extractUsage;
      } catch {
        extractOption = optionThrew('extractUsage');
      }
      try {
        promiseOption = fields.returnsPromise;
      } catch {
        promiseOption = optionThrew('returnsPromise');
      }
      try {
        limitOption = fields.maxOutputTokens;
      } catch {
        limitOption = optionThrew('maxOutputTokens');
      }
    }
    const model = typeof modelOption === 'string' ? modelOption : undefined;
    const provider = typeof providerOption === 'string' ? providerOption : undefined;
    // Of the fields read, only `maxOutputTokens` names a limit (see maxOutputTokensOf).
    let maxOutputTokens = validLimit(limitOption);
    for (let i = 0; maxOutputTokens === undefined && i < args.length && i < 3; i++) {
      maxOutputTokens = maxOutputTokensOf(args[i]);
    }
    data = {
      requested: requestedModel(state, model, provider),
      model,
      provider,
      extractUsage: typeof extractOption === 'function' ? (extractOption as never) : undefined,
      maxOutputTokens,
    };
    returnsPromise = how?.returnsPromise === true || promiseOption === true;
  } catch (error) {
    vitalsLogger.error('could not prepare a reasoning call for recording; it runs unrecorded', error);
    return fn.apply(how?.thisArg, args as unknown[]);
  }
  // Nobody decides on the call or listens to its events: the direct path, same recording.
  if (how?.guardOnly !== true && !state.events.active && !hasGuards(state)) {
    return callReasoningDirectly(state, data, fn, how?.thisArg, args, how?.mark, how?.parent);
  }
  return executeCall(state, REASONING_RECORDER, data, fn, how?.thisArg, args, {
    ...how,
    returnsPromise,
  });
}
