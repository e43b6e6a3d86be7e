import { type Attributes, type Span, SpanKind } from '@opentelemetry/api';
import {
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
import type { RunState } from '../vitals/run-context.js';
import { endSpanWithError } from '../vitals/span-status.js';
import type { ReasoningSeries, RequestedModel, VitalsState } from '../vitals/state.js';
import { recordUsage, resolveModel, usageSeries } from '../vitals/usage.js';

/** What the reasoning recorder knows of one model call. */
export interface ReasoningCallData {
  /** Model and provider as asked for, bounded, with their span name and attribute sets. */
  readonly requested: RequestedModel;
  /** The options as given (their fields read once, safely). */
  readonly model: string | undefined;
  readonly provider: string | undefined;
  readonly extractUsage: ((result: unknown) => ExtractedUsage | undefined) | undefined;
  readonly maxOutputTokens: number | undefined;
}

export const reasoningSpanName = (model: string) =>
  model === UNKNOWN_VALUE ? OPERATION_CHAT : `${OPERATION_CHAT} ${model}`;

/** The span and (frozen) `agent.reasoning.duration` attribute sets of one bounded model and provider, built once. */
function reasoningSeries(state: VitalsState, model: string, provider: string): ReasoningSeries {
  let byProvider = state.reasoningAttributes.get(model);
  if (byProvider === undefined) {
    byProvider = new Map();
    state.reasoningAttributes.set(model, byProvider);
  }
  let series = byProvider.get(provider);
  if (series === undefined) {
    // Written as one literal per case, and not frozen: the SDK copies a span's attributes
    // slower from an object built property by property or frozen (about 15 % of a span's
    // start, measured on Node 24), while a reused literal costs what a fresh one does.
    const agent = state.agentName;
    const span: Attributes =
      model === UNKNOWN_VALUE
        ? provider === UNKNOWN_VALUE
          ? { [ATTR_GEN_AI_OPERATION_NAME]: OPERATION_CHAT, [ATTR_GEN_AI_AGENT_NAME]: agent }
          : {
              [ATTR_GEN_AI_OPERATION_NAME]: OPERATION_CHAT,
              [ATTR_GEN_AI_AGENT_NAME]: agent,
              [ATTR_GEN_AI_PROVIDER_NAME]: provider,
            }
        : provider === UNKNOWN_VALUE
          ? {
              [ATTR_GEN_AI_OPERATION_NAME]: OPERATION_CHAT,
              [ATTR_GEN_AI_AGENT_NAME]: agent,
              [ATTR_GEN_AI_REQUEST_MODEL]: model,
            }
          : {
              [ATTR_GEN_AI_OPERATION_NAME]: OPERATION_CHAT,
              [ATTR_GEN_AI_AGENT_NAME]: agent,
              [ATTR_GEN_AI_REQUEST_MODEL]: model,
              [ATTR_GEN_AI_PROVIDER_NAME]: provider,
            };
    series = {
      span,
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

/** Model options remembered, and provider options per model option; forgotten all at once past these. */
const MAX_MODEL_OPTIONS = 128;
const MAX_PROVIDER_OPTIONS = 32;

/**
 * The model and provider a call asks for (its options, as given), resolved as `resolveModel`
 * does, with its span name and attribute sets. Remembered per pair of options, so a repeated
 * pair costs two map reads; bounding a name gives the same answer every time once it was seen.
 */
export function requestedModel(
  state: VitalsState,
  model: string | undefined,
  provider: string | undefined,
): RequestedModel {
  let byProvider = state.requestedModels.get(model);
  const known = byProvider?.get(provider);
  if (known !== undefined) return known;
  const resolved = resolveModel(state, model, provider);
  const series = reasoningSeries(state, resolved.model, resolved.provider);
  const requested: RequestedModel = Object.freeze({
    model: resolved.model,
    provider: resolved.provider,
    rawModel: model,
    spanName: reasoningSpanName(resolved.model),
    spanOptions: Object.freeze({ kind: SpanKind.CLIENT, attributes: series.span }),
    series,
    chatSeries: usageSeries(state, resolved.model, resolved.provider, OPERATION_CHAT),
    price: model === undefined ? undefined : state.pricing.price(model),
  });
  // Very long options (model output passed straight through) are resolved, not remembered.
  if ((model?.length ?? 0) <= 256 && (provider?.length ?? 0) <= 256) {
    if (byProvider === undefined) {
      if (state.requestedModels.size >= MAX_MODEL_OPTIONS) state.requestedModels.clear();
      byProvider = new Map();
      state.requestedModels.set(model, byProvider);
    } else if (byProvider.size >= MAX_PROVIDER_OPTIONS) byProvider.clear();
    byProvider.set(provider, requested);
  }
  return requested;
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

function readUsage(data: ReasoningCallData, value: unknown): ExtractedUsage | undefined {
  try {
    return (data.extractUsage ?? extractUsage)(value) ?? undefined;
  } catch (error) {
    vitalsLogger.warn('extractUsage threw; no usage recorded for this call', error);
    return undefined;
  }
}

/**
 * Records a finished model call: usage (tokens, cost, the `tokens` event) when the result
 * carries it, the span's usage attributes and end, `agent.reasoning.duration`, and the
 * `reasoning.end` event (when someone listens). Shared by the pipeline's reasoning recorder and
 * the direct path (`direct-reasoning-call.ts`), so both record the same.
 */
export function recordReasoningEnd(
  state: VitalsState,
  data: ReasoningCallData,
  id: number,
  run: RunState | undefined,
  span: Span,
  failed: boolean,
  valueOrError: unknown,
  durationSeconds: number,
  streamUsage: ExtractedUsage | undefined,
): void {
  const { requested } = data;
  const usage = failed ? undefined : (streamUsage ?? readUsage(data, valueOrError));
  const modelName = data.model ?? usage?.model;
  const providerName = data.provider ?? usage?.provider;
  const { model, provider } =
    modelName === data.model && providerName === data.provider
      ? requested
      : resolveModel(state, modelName, providerName);
  if (usage) {
    recordUsage(
      state,
      usage,
      undefined,
      true,
      model === requested.model && provider === requested.provider && modelName === requested.rawModel
        ? requested
        : { model, provider, rawModel: modelName },
    );
    if (usage.inputTokens !== undefined) span.setAttribute(ATTR_GEN_AI_USAGE_INPUT_TOKENS, usage.inputTokens);
    if (usage.outputTokens !== undefined)
      span.setAttribute(ATTR_GEN_AI_USAGE_OUTPUT_TOKENS, usage.outputTokens);
    if (usage.cachedInputTokens !== undefined) {
      span.setAttribute(ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS, usage.cachedInputTokens);
    }
    if (usage.model) span.setAttribute(ATTR_GEN_AI_RESPONSE_MODEL, state.models.bound(usage.model));
  }
  if (model !== requested.model) {
    span.updateName(reasoningSpanName(model));
    span.setAttribute(ATTR_GEN_AI_REQUEST_MODEL, model);
  }
  if (provider !== UNKNOWN_VALUE && provider !== requested.provider) {
    span.setAttribute(ATTR_GEN_AI_PROVIDER_NAME, provider);
  }
  const type = failed ? errorType(valueOrError) : undefined;
  state.instruments.reasoningDuration.record(
    durationSeconds,
    type === undefined && model === requested.model && provider === requested.provider
      ? requested.series.duration
      : durationAttributes(state, model, provider, type),
  );
  if (type !== undefined) endSpanWithError(span, valueOrError, type);
  else span.end();
  if (state.events.active) {
    state.events.emit({
      type: 'reasoning.end',
      agentName: state.agentName,
      time: state.clock(),
      requestId: run?.requestId,
      callId: id,
      model,
      provider,
      durationSeconds,
      ...(type !== undefined ? { errorType: type } : {}),
    });
  }
}
