import { costAt, type ModelPrice } from '../pricing/pricing.js';
import {
  ATTR_GEN_AI_AGENT_NAME,
  ATTR_GEN_AI_OPERATION_NAME,
  ATTR_GEN_AI_PROVIDER_NAME,
  ATTR_GEN_AI_REQUEST_MODEL,
  ATTR_GEN_AI_TOKEN_TYPE,
} from '../semconv/attributes.js';
import { OPERATION_CHAT, UNKNOWN_VALUE } from '../semconv/values.js';
import type { ExtractedUsage } from '../usage/extract-usage.js';
import { optionalNonNegative, vitalsLogger } from './numbers.js';
import { readOptions } from './read-options.js';
import { runStateOf } from './run-context.js';
import type { UsageSeries, VitalsState } from './state.js';
import type { UsageInput } from './types.js';

/** Model and provider as recorded: bounded, with the provider inferred from the model when not given. */
export function resolveModel(
  state: VitalsState,
  model: unknown,
  provider: unknown,
): { model: string; provider: string } {
  const boundedModel =
    typeof model === 'string' && model.length > 0 ? state.models.bound(model) : UNKNOWN_VALUE;
  let providerName = typeof provider === 'string' && provider.length > 0 ? provider : undefined;
  if (providerName === undefined && boundedModel !== UNKNOWN_VALUE) {
    providerName = state.pricing.provider(model as string);
  }
  return {
    model: boundedModel,
    provider: providerName === undefined ? UNKNOWN_VALUE : state.providers.bound(providerName),
  };
}

function warnUnpriced(state: VitalsState, model: string): void {
  const seen = state.unpricedModels;
  if (seen.has(model) || seen.size > 1000) return;
  seen.add(model);
  vitalsLogger.warn(
    `no price for model '${model}': tokens are recorded, cost is not. Add it with createVitals({ pricing: { '${model}': { input, output } } })`,
  );
}

/**
 * The model of usage the pipeline extracted, already resolved by the caller: bounded model and
 * provider, and the model name as given (what pricing looks up). Saves resolving it twice.
 */
export interface ResolvedUsageModel {
  readonly model: string;
  readonly provider: string;
  readonly rawModel: string | undefined;
  /** The attribute sets of this model and provider for the `chat` operation, when known. */
  readonly chatSeries?: UsageSeries;
  /** The price of `rawModel`, when known (looked up otherwise). */
  readonly price?: ModelPrice;
}

/**
 * A token count as `optionalNonNegative` reads it, and at most `Number.MAX_SAFE_INTEGER`: a
 * larger one is no exact count but a corrupted value (an overflow, a unit mix-up) that would
 * add an absurd amount to the `agent.cost` counter for good.
 */
function tokenCount(value: unknown, what: string): number | undefined | null {
  const count = optionalNonNegative(value, what);
  if (typeof count === 'number' && count > Number.MAX_SAFE_INTEGER) {
    vitalsLogger.warn(`${what} must be at most ${Number.MAX_SAFE_INTEGER}; got ${count}: dropped`);
    return null;
  }
  return count;
}

const USAGE_FIELDS = ['inputTokens', 'outputTokens', 'cachedInputTokens', 'model', 'provider'];

/**
 * Records one model call's token usage: `gen_ai.client.token.usage` (input and output),
 * `agent.cost` from the pricing table, the run's token count for `agent.tokens_per_action`,
 * and a `tokens` event. Invalid numbers are dropped with a warning.
 */
export function recordUsage(
  state: VitalsState,
  usage: UsageInput | ExtractedUsage,
  operation?: string,
  trusted = false,
  resolved?: ResolvedUsageModel,
): void {
  if (typeof usage !== 'object' || usage === null) {
    vitalsLogger.warn('usage() needs an object like { inputTokens, outputTokens, model }: dropped');
    return;
  }
  // Read once, safely: a getter that throws drops that field, never reaches the caller.
  // (Usage the pipeline extracted itself is a plain object already.)
  if (!trusted) usage = readOptions(usage, USAGE_FIELDS) as UsageInput;
  const input = tokenCount(usage.inputTokens, 'inputTokens');
  const output = tokenCount(usage.outputTokens, 'outputTokens');
  const cached = tokenCount(usage.cachedInputTokens, 'cachedInputTokens');
  if (input === null || output === null || cached === null) return;
  if (input === undefined && output === undefined) {
    vitalsLogger.warn('usage() needs inputTokens or outputTokens: dropped');
    return;
  }
  const inputTokens = input ?? 0;
  const outputTokens = output ?? 0;
  const cachedInputTokens = Math.min(cached ?? 0, inputTokens);
  const { model, provider } = resolved ?? resolveModel(state, usage.model, usage.provider);
  const rawModel = resolved === undefined ? usage.model : resolved.rawModel;
  const operationName =
    typeof operation === 'string' && operation.length > 0
      ? state.otherValues.bound(operation)
      : OPERATION_CHAT;
  const series =
    operationName === OPERATION_CHAT && resolved?.chatSeries !== undefined
      ? resolved.chatSeries
      : usageSeries(state, model, provider, operationName);
  if (input !== undefined) state.instruments.tokenUsage.record(inputTokens, series.input);
  if (output !== undefined) state.instruments.tokenUsage.record(outputTokens, series.output);

  let costUsd: number | undefined;
  if (model !== UNKNOWN_VALUE) {
    const price = resolved?.price ?? state.pricing.price(rawModel as string);
    costUsd = price === undefined ? undefined : costAt(price, inputTokens, outputTokens, cachedInputTokens);
    if (costUsd === undefined) warnUnpriced(state, model);
    else if (costUsd > 0) state.instruments.cost.add(costUsd, series.cost);
  }

  const run = runStateOf();
  (run ?? state.outsideRun).tokensSinceAction += inputTokens + outputTokens;

  if (state.events.active) {
    state.events.emit({
      type: 'tokens',
      agentName: state.agentName,
      time: state.clock(),
      requestId: run?.requestId,
      model,
      provider,
      inputTokens,
      outputTokens,
      cachedInputTokens,
      costUsd,
    });
  }
}

/**
 * The frozen attribute sets of one model, provider and operation's token and cost points,
 * built once. Keyed by the bounded values, level by level (no key string built per call).
 */
export function usageSeries(
  state: VitalsState,
  model: string,
  provider: string,
  operation: string,
): UsageSeries {
  let byProvider = state.usageSeries.get(model);
  if (byProvider === undefined) {
    byProvider = new Map();
    state.usageSeries.set(model, byProvider);
  }
  let byOperation = byProvider.get(provider);
  if (byOperation === undefined) {
    byOperation = new Map();
    byProvider.set(provider, byOperation);
  }
  let series = byOperation.get(operation);
  if (series === undefined) {
    const base = {
      [ATTR_GEN_AI_OPERATION_NAME]: operation,
      [ATTR_GEN_AI_REQUEST_MODEL]: model,
      [ATTR_GEN_AI_PROVIDER_NAME]: provider,
      [ATTR_GEN_AI_AGENT_NAME]: state.agentName,
    };
    series = {
      input: Object.freeze({ ...base, [ATTR_GEN_AI_TOKEN_TYPE]: 'input' }),
      output: Object.freeze({ ...base, [ATTR_GEN_AI_TOKEN_TYPE]: 'output' }),
      cost: Object.freeze({
        [ATTR_GEN_AI_AGENT_NAME]: state.agentName,
        [ATTR_GEN_AI_REQUEST_MODEL]: model,
        [ATTR_GEN_AI_PROVIDER_NAME]: provider,
      }),
    };
    byOperation.set(operation, series);
  }
  return series;
}
