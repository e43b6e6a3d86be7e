import { type Attributes, SpanKind } from '@opentelemetry/api';
import {
  ATTR_AGENT_REQUEST_ID,
  ATTR_ERROR_TYPE,
  ATTR_GEN_AI_AGENT_NAME,
  ATTR_GEN_AI_OPERATION_NAME,
  ATTR_GEN_AI_PROVIDER_NAME,
  ATTR_GEN_AI_REQUEST_MODEL,
  ATTR_GEN_AI_RESPONSE_MODEL,
  ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_OUTPUT_TOKENS,
} from '../semconv/attributes.js';
import { OPERATION_CHAT, UNKNOWN_VALUE } from '../semconv/values.js';
import { type ExtractedUsage, extractUsage } from '../usage/extract-usage.js';
import { errorType } from '../vitals/error-type.js';
import { vitalsLogger } from '../vitals/numbers.js';
import { endSpanWithError } from '../vitals/span-status.js';
import type { ReasoningSeries, VitalsState } from '../vitals/state.js';
import type { ReasoningOptions } from '../vitals/types.js';
import { recordUsage, resolveModel } from '../vitals/usage.js';
import { type CallOptions, type CallRecorder, executeCall } from './call-pipeline.js';
import { unobserved } from './guard-decision.js';

/** What the reasoning recorder knows of one model call. */
export interface ReasoningCallData {
  /** Model and provider as asked for, bounded. */
  readonly requested: { readonly model: string; readonly provider: string };
  /** The options as given (their fields read once, safely). */
  readonly model: string | undefined;
  readonly provider: string | undefined;
  readonly extractUsage: ((result: unknown) => ExtractedUsage | undefined) | undefined;
  readonly maxOutputTokens: number | undefined;
}

const spanName = (model: string) => (model === UNKNOWN_VALUE ? OPERATION_CHAT : `${OPERATION_CHAT} ${model}`);

function readUsage(data: ReasoningCallData, value: unknown): ExtractedUsage | undefined {
  try {
    return (data.extractUsage ?? extractUsage)(value) ?? undefined;
  } catch (error) {
    vitalsLogger.warn('extractUsage threw; no usage recorded for this call', error);
    return undefined;
  }
}

/** The frozen span and `agent.reasoning.duration` attribute sets of one bounded model and provider, built once. */
function reasoningSeries(state: VitalsState, model: string, provider: string): ReasoningSeries {
  let byProvider = state.reasoningAttributes.get(model);
  if (byProvider === undefined) {
    byProvider = new Map();
    state.reasoningAttributes.set(model, byProvider);
  }
  let series = byProvider.get(provider);
  if (series === undefined) {
    const span: Attributes = {
      [ATTR_GEN_AI_OPERATION_NAME]: OPERATION_CHAT,
      [ATTR_GEN_AI_AGENT_NAME]: state.agentName,
    };
    if (model !== UNKNOWN_VALUE) span[ATTR_GEN_AI_REQUEST_MODEL] = model;
    if (provider !== UNKNOWN_VALUE) span[ATTR_GEN_AI_PROVIDER_NAME] = provider;
    series = {
      span: Object.freeze(span),
      duration: Object.freeze({
        [ATTR_GEN_AI_AGENT_NAME]: state.agentName,
        [ATTR_GEN_AI_REQUEST_MODEL]: model,
        [ATTR_GEN_AI_PROVIDER_NAME]: provider,
      }),
    };
    byProvider.set(provider, series);
  }
  return series;
}

/** Metric attributes of `agent.reasoning.duration`: frozen sets per model and provider for calls that succeed. */
function durationAttributes(state: VitalsState, model: string, provider: string, type: string | undefined) {
  if (type !== undefined) {
    return {
      [ATTR_GEN_AI_AGENT_NAME]: state.agentName,
      [ATTR_GEN_AI_REQUEST_MODEL]: model,
      [ATTR_GEN_AI_PROVIDER_NAME]: provider,
      [ATTR_ERROR_TYPE]: type,
    };
  }
  return reasoningSeries(state, model, provider).duration;
}

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

  spanName: (_state, call) => spanName(call.data.requested.model),

  spanAttributes(state, call) {
    const { requested } = call.data;
    const base = reasoningSeries(state, requested.model, requested.provider).span;
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

  finished(state, call, span, ending) {
    const { data } = call;
    const { requested } = data;
    const { failed, valueOrError, durationSeconds } = ending;
    const usage = failed ? undefined : (ending.streamUsage ?? readUsage(data, valueOrError));
    const modelName = data.model ?? usage?.model;
    const providerName = data.provider ?? usage?.provider;
    const { model, provider } =
      modelName === data.model && providerName === data.provider
        ? requested
        : resolveModel(state, modelName, providerName);
    if (usage) {
      recordUsage(state, usage, undefined, true, { model, provider, rawModel: modelName });
      if (usage.inputTokens !== undefined)
        span.setAttribute(ATTR_GEN_AI_USAGE_INPUT_TOKENS, usage.inputTokens);
      if (usage.outputTokens !== undefined)
        span.setAttribute(ATTR_GEN_AI_USAGE_OUTPUT_TOKENS, usage.outputTokens);
      if (usage.cachedInputTokens !== undefined) {
        span.setAttribute(ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS, usage.cachedInputTokens);
      }
      if (usage.model) span.setAttribute(ATTR_GEN_AI_RESPONSE_MODEL, state.models.bound(usage.model));
    }
    if (model !== requested.model) {
      span.updateName(spanName(model));
      span.setAttribute(ATTR_GEN_AI_REQUEST_MODEL, model);
    }
    if (provider !== UNKNOWN_VALUE && provider !== requested.provider) {
      span.setAttribute(ATTR_GEN_AI_PROVIDER_NAME, provider);
    }
    const type = failed ? errorType(valueOrError) : undefined;
    state.instruments.reasoningDuration.record(
      durationSeconds,
      durationAttributes(state, model, provider, type),
    );
    if (type !== undefined) endSpanWithError(span, valueOrError, type);
    else span.end();
    if (state.events.active) {
      state.events.emit({
        type: 'reasoning.end',
        agentName: state.agentName,
        time: state.clock(),
        requestId: call.requestId,
        callId: call.id,
        model,
        provider,
        durationSeconds,
        ...(type !== undefined ? { errorType: type } : {}),
      });
    }
  },
};

/** One field of the options, or undefined (with a warning) when its getter throws. */
function readOption(options: object, key: string): unknown {
  try {
    return (options as Record<string, unknown>)[key];
  } catch {
    vitalsLogger.warn(`reading the option '${key}' threw; it is ignored`);
    return undefined;
  }
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

/** `callReasoning` once someone observes the call: kept apart so the check above stays small. */
function recordReasoning<T>(
  state: VitalsState,
  fn: (...args: any[]) => T,
  options: ReasoningOptions | undefined,
  how: ReasoningCallOptions | undefined,
): T {
  const args = how?.args ?? [];
  let data: ReasoningCallData;
  let returnsPromise: boolean | undefined;
  try {
    // Each field read once, in this order, straight into its variable (as `readOptions` would).
    const given =
      options !== null && (typeof options === 'object' || typeof options === 'function')
        ? (options as object)
        : undefined;
    const modelOption = given === undefined ? undefined : readOption(given, 'model');
    const providerOption = given === undefined ? undefined : readOption(given, 'provider');
    const extractOption = given === undefined ? undefined : readOption(given, 'extractUsage');
    const promiseOption = given === undefined ? undefined : readOption(given, 'returnsPromise');
    const limitOption = given === undefined ? undefined : readOption(given, 'maxOutputTokens');
    const model = typeof modelOption === 'string' ? modelOption : undefined;
    const provider = typeof providerOption === 'string' ? providerOption : undefined;
    // Of the fields read, only `maxOutputTokens` names a limit (see maxOutputTokensOf).
    let maxOutputTokens = validLimit(limitOption);
    for (let i = 0; maxOutputTokens === undefined && i < args.length && i < 3; i++) {
      maxOutputTokens = maxOutputTokensOf(args[i]);
    }
    data = {
      requested: resolveModel(state, model, provider),
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
  return executeCall(state, REASONING_RECORDER, data, fn, how?.thisArg, args, {
    ...how,
    returnsPromise,
  });
}
