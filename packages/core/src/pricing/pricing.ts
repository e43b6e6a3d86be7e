import {
  MAX_MODEL_ID_LENGTH,
  modelNameCandidates,
  providerFromFamily,
  providerFromModelIdShape,
} from './model-name.js';
import type { ModelPrice, TokenCounts } from './model-price.js';
import { PRICING_TABLE } from './pricing-table.js';
import { validatePrices } from './validate-prices.js';

export type { ModelPrice, TokenCounts } from './model-price.js';
export { PRICING_TABLE, PRICING_TABLE_DATE, PRICING_TABLE_SOURCES } from './pricing-table.js';

/** Model prices and cost computation. Never throws once created. */
export interface Pricing {
  /** The price of a model, after normalisation; undefined when unknown. */
  price(model: string): ModelPrice | undefined;
  /**
   * Cost in USD: `(input - cached) * input + cached * (cachedInput ?? input) + output * output`,
   * per million tokens. Undefined for an unknown model or invalid token counts.
   */
  cost(model: string, tokens: TokenCounts): number | undefined;
  /**
   * The GenAI semantic-conventions provider name (`openai`, `anthropic`, `gcp.gemini`,
   * `aws.bedrock`, `mistral_ai`, `deepseek`, `x_ai`, ...) for a model, from the table, the shape of
   * the id or the model's family; undefined if unknown.
   */
  provider(model: string): string | undefined;
}

/** Distinct model ids whose resolution is remembered. */
export const PRICING_CACHE_SIZE = 1000;

interface Resolution {
  readonly price: ModelPrice | undefined;
  readonly provider: string | undefined;
}

const UNRESOLVED: Resolution = Object.freeze({ price: undefined, provider: undefined });

const isTokenCount = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0;

/**
 * The cost in USD of one call's tokens at `price` (see `Pricing.cost`); undefined for invalid
 * token counts or a result that is not finite.
 */
export function costAt(
  price: ModelPrice,
  inputTokens: unknown,
  outputTokens: unknown,
  cachedInputTokens: unknown,
): number | undefined {
  if (!isTokenCount(inputTokens) || !isTokenCount(outputTokens) || !isTokenCount(cachedInputTokens)) {
    return undefined;
  }
  // Cached tokens are part of the input; more cached than input tokens is read as "all cached".
  const cached = Math.min(cachedInputTokens, inputTokens);
  const usd =
    ((inputTokens - cached) * price.input +
      cached * (price.cachedInput ?? price.input) +
      outputTokens * price.output) /
    1_000_000;
  return Number.isFinite(usd) ? usd : undefined;
}

/**
 * Creates a pricing lookup over the shipped table and `overrides` (which win over the table).
 * Throws a TypeError listing every bad override entry; never throws afterwards.
 */
export function createPricing(overrides?: Readonly<Record<string, ModelPrice>>): Pricing {
  const custom = validatePrices(overrides);
  const exact = new Map<string, ModelPrice>([...Object.entries(PRICING_TABLE), ...Object.entries(custom)]);
  const folded = new Map<string, ModelPrice>();
  for (const [model, price] of exact) {
    if (!Object.hasOwn(custom, model)) folded.set(model.trim().toLowerCase(), price);
  }
  for (const [model, price] of Object.entries(custom)) folded.set(model.trim().toLowerCase(), price);

  const cache = new Map<string, Resolution>();

  const resolveUncached = (model: string): Resolution => {
    const direct = exact.get(model) ?? folded.get(model.trim().toLowerCase());
    const candidates = modelNameCandidates(model);
    let price = direct;
    if (price === undefined) {
      for (const candidate of candidates) {
        price = folded.get(candidate);
        if (price !== undefined) break;
      }
    }
    const provider =
      direct?.provider ??
      providerFromModelIdShape(model) ??
      price?.provider ??
      candidates.map(providerFromFamily).find((found) => found !== undefined);
    return { price, provider };
  };

  const resolve = (model: unknown): Resolution => {
    if (typeof model !== 'string' || model.length === 0 || model.length > MAX_MODEL_ID_LENGTH)
      return UNRESOLVED;
    const cached = cache.get(model);
    if (cached !== undefined) return cached;
    const resolution = resolveUncached(model);
    if (cache.size >= PRICING_CACHE_SIZE) {
      const oldest = cache.keys().next();
      if (oldest.done !== true) cache.delete(oldest.value);
    }
    cache.set(model, resolution);
    return resolution;
  };

  return {
    price: (model) => resolve(model).price,
    provider: (model) => resolve(model).provider,
    cost(model, tokens) {
      const price = resolve(model).price;
      if (price === undefined || typeof tokens !== 'object' || tokens === null) return undefined;
      return costAt(price, tokens.inputTokens, tokens.outputTokens, tokens.cachedInputTokens ?? 0);
    },
  };
}
