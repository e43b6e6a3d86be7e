import type { ExtractedUsage } from '@agentvitals/core';

const count = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;

const record = (value: unknown): Record<string, unknown> | undefined =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;

/**
 * Usage and response model of one LangChain model call, from the `LLMResult` given to
 * `handleLLMEnd`: the generated message's `usage_metadata` and `response_metadata.model_name`
 * (for a streamed call, the message is the merge of every chunk, so the model name from one
 * chunk and the usage from another are both there), else `llmOutput.tokenUsage`.
 */
export function llmResultUsage(result: unknown): ExtractedUsage | undefined {
  const generations = record(result)?.generations;
  const first = Array.isArray(generations) && Array.isArray(generations[0]) ? generations[0][0] : undefined;
  const message = record(record(first)?.message);
  const usage = record(message?.usage_metadata);
  const metadata = record(message?.response_metadata);
  const tokenUsage = record(record(record(result)?.llmOutput)?.tokenUsage);
  const out: { -readonly [K in keyof ExtractedUsage]: ExtractedUsage[K] } = {};
  const inputTokens = count(usage?.input_tokens) ?? count(tokenUsage?.promptTokens);
  const outputTokens = count(usage?.output_tokens) ?? count(tokenUsage?.completionTokens);
  const cached = count(record(usage?.input_token_details)?.cache_read);
  if (inputTokens !== undefined) out.inputTokens = inputTokens;
  if (outputTokens !== undefined) out.outputTokens = outputTokens;
  if (cached !== undefined) out.cachedInputTokens = cached;
  const model = metadata?.model_name ?? metadata?.model;
  if (typeof model === 'string' && model.length > 0) out.model = model;
  return Object.keys(out).length > 0 ? out : undefined;
}
