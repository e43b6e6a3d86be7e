import { type Attributes, context, SpanKind, trace } from '@opentelemetry/api';
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
import { errorType } from './error-type.js';
import { vitalsLogger } from './numbers.js';
import { runStateOf } from './run-context.js';
import { refuse } from './settle.js';
import { endSpanWithError } from './span-status.js';
import { consultGuards, type VitalsState } from './state.js';
import { observeStreaming } from './streams.js';
import type { ReasoningOptions } from './types.js';
import { recordUsage, resolveModel } from './usage.js';

const spanName = (model: string) => (model === UNKNOWN_VALUE ? OPERATION_CHAT : `${OPERATION_CHAT} ${model}`);

function readUsage(options: ReasoningOptions | undefined, value: unknown): ExtractedUsage | undefined {
  try {
    return (options?.extractUsage ?? extractUsage)(value) ?? undefined;
  } catch (error) {
    vitalsLogger.warn('extractUsage threw; no usage recorded for this call', error);
    return undefined;
  }
}

/**
 * Runs one reasoning (model) call: a `chat {model}` span around it, then
 * `agent.reasoning.duration` and, when the result carries usage, token and cost metrics.
 * The function runs exactly once; its result or error passes through untouched.
 */
export function runReasoning<T>(state: VitalsState, fn: () => T, options?: ReasoningOptions): T {
  if (typeof fn !== 'function') throw new TypeError('vitals.reasoning() needs a function to run');
  const parent = context.active();
  const requestId = runStateOf(parent)?.requestId;
  const requested = resolveModel(state, options?.model, options?.provider);

  if (state.guards.length > 0) {
    const decision = consultGuards(state, {
      kind: 'reasoning',
      agentName: state.agentName,
      requestId,
      model: requested.model,
      provider: requested.provider,
    });
    if (decision) {
      const type = errorType(decision.error);
      const span = state.tracer.startSpan(spanName(requested.model), { kind: SpanKind.CLIENT }, parent);
      span.setAttributes({
        [ATTR_GEN_AI_OPERATION_NAME]: OPERATION_CHAT,
        [ATTR_GEN_AI_AGENT_NAME]: state.agentName,
        [ATTR_GEN_AI_REQUEST_MODEL]: requested.model,
      });
      endSpanWithError(span, decision.error, type);
      if (state.events.active) {
        const time = state.clock();
        const base = { agentName: state.agentName, time, requestId };
        state.events.emit({
          ...base,
          type: 'guard.deny',
          outcome: decision.action === 'deny' ? 'denied' : 'blocked',
          kind: 'reasoning',
          reason: decision.reason,
        });
        state.events.emit({
          ...base,
          type: 'reasoning.end',
          model: requested.model,
          provider: requested.provider,
          durationSeconds: 0,
          errorType: type,
        });
      }
      return refuse(fn, decision.error, options?.returnsPromise);
    }
  }

  if (state.events.active) {
    state.events.emit({
      type: 'reasoning.start',
      agentName: state.agentName,
      time: state.clock(),
      requestId,
      model: requested.model,
      provider: requested.provider,
    });
  }
  const attributes: Attributes = {
    [ATTR_GEN_AI_OPERATION_NAME]: OPERATION_CHAT,
    [ATTR_GEN_AI_AGENT_NAME]: state.agentName,
  };
  if (requested.model !== UNKNOWN_VALUE) attributes[ATTR_GEN_AI_REQUEST_MODEL] = requested.model;
  if (requested.provider !== UNKNOWN_VALUE) attributes[ATTR_GEN_AI_PROVIDER_NAME] = requested.provider;
  if (requestId !== undefined) attributes[ATTR_AGENT_REQUEST_ID] = requestId;
  const span = state.tracer.startSpan(
    spanName(requested.model),
    { kind: SpanKind.CLIENT, attributes },
    parent,
  );
  const started = performance.now();
  let finished = false;

  const finish = (error: unknown, failed: boolean, value?: unknown, streamUsage?: ExtractedUsage) => {
    if (finished) return;
    finished = true;
    try {
      const durationSeconds = (performance.now() - started) / 1000;
      const usage = failed ? undefined : (streamUsage ?? readUsage(options, value));
      const modelName = options?.model ?? usage?.model;
      const providerName = options?.provider ?? usage?.provider;
      const { model, provider } =
        modelName === options?.model && providerName === options?.provider
          ? requested
          : resolveModel(state, modelName, providerName);
      if (usage) {
        recordUsage(state, { ...usage, model: modelName, provider: providerName });
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
      if (provider !== UNKNOWN_VALUE) span.setAttribute(ATTR_GEN_AI_PROVIDER_NAME, provider);
      const metricAttributes: Attributes = {
        [ATTR_GEN_AI_AGENT_NAME]: state.agentName,
        [ATTR_GEN_AI_REQUEST_MODEL]: model,
        [ATTR_GEN_AI_PROVIDER_NAME]: provider,
      };
      const type = failed ? errorType(error) : undefined;
      if (type !== undefined) metricAttributes[ATTR_ERROR_TYPE] = type;
      state.instruments.reasoningDuration.record(durationSeconds, metricAttributes);
      if (type !== undefined) endSpanWithError(span, error, type);
      else span.end();
      if (state.events.active) {
        state.events.emit({
          type: 'reasoning.end',
          agentName: state.agentName,
          time: state.clock(),
          requestId,
          model,
          provider,
          durationSeconds,
          ...(type !== undefined ? { errorType: type } : {}),
        });
      }
    } catch (recordingError) {
      vitalsLogger.error(
        'recording a reasoning call failed; the call itself was not affected',
        recordingError,
      );
    }
  };

  let result: T;
  try {
    result = context.with(trace.setSpan(parent, span), fn);
  } catch (error) {
    finish(error, true);
    throw error;
  }
  // A stream (or a promise of one) ends the call when its consumer finishes, fails or abandons it.
  return observeStreaming(result, {
    value: (value) => finish(undefined, false, value),
    error: (error) => finish(error, true),
    streamEnd: (end, stream) =>
      context.with(parent, () =>
        'error' in end ? finish(end.error, true) : finish(undefined, false, stream, end.usage),
      ),
  });
}
