import type { ExtractedUsage } from '@agentvitals/core';

const count = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;

/** Cached input tokens from the SDK's `inputTokensDetails` (one record, or one per request). */
function cachedTokens(details: unknown): number | undefined {
  const list = Array.isArray(details) ? details : [details];
  let total: number | undefined;
  for (const entry of list) {
    const cached = count((entry as { cached_tokens?: unknown } | undefined)?.cached_tokens);
    if (cached !== undefined) total = (total ?? 0) + cached;
  }
  return total;
}

/**
 * Usage and response model of one model request, from the SDK's `ModelResponse` (or the
 * `response` of a streamed `response_done` event): `{ usage, providerData }`, where the
 * OpenAI models put the provider's response (with its `model`) in `providerData`.
 */
export function modelResponseUsage(result: unknown): ExtractedUsage | undefined {
  if (typeof result !== 'object' || result === null) return undefined;
  const { usage, providerData } = result as { usage?: Record<string, unknown>; providerData?: unknown };
  const out: { -readonly [K in keyof ExtractedUsage]: ExtractedUsage[K] } = {};
  const inputTokens = count(usage?.inputTokens);
  const outputTokens = count(usage?.outputTokens);
  const cachedInputTokens = cachedTokens(usage?.inputTokensDetails);
  if (inputTokens !== undefined) out.inputTokens = inputTokens;
  if (outputTokens !== undefined) out.outputTokens = outputTokens;
  if (cachedInputTokens !== undefined) out.cachedInputTokens = cachedInputTokens;
  const model = (providerData as { model?: unknown } | undefined)?.model;
  if (typeof model === 'string' && model.length > 0) out.model = model;
  return Object.keys(out).length > 0 ? out : undefined;
}

const modelField = (value: unknown): string | undefined => {
  const model = (value as { model?: unknown } | null | undefined)?.model;
  return typeof model === 'string' && model.length > 0 ? model : undefined;
};

/**
 * The response model carried by a stream event, if any: the Responses API's
 * `response_started` (its `response`), a raw Chat Completions chunk (`type: 'model'`), or
 * `response_done`. Chat Completions streams give it only in their chunks.
 */
export function streamEventModel(event: unknown): string | undefined {
  const {
    type,
    providerData,
    event: raw,
    response,
  } = (event ?? {}) as {
    type?: unknown;
    providerData?: { response?: unknown };
    event?: { response?: unknown };
    response?: { providerData?: unknown };
  };
  if (type === 'response_started') return modelField(providerData?.response) ?? modelField(providerData);
  if (type === 'model') return modelField(raw) ?? modelField(raw?.response);
  if (type === 'response_done') return modelField(response?.providerData);
  return undefined;
}
