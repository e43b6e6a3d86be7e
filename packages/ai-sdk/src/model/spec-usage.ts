import type { ExtractedUsage } from '@agentvitals/core';

type AnyRecord = Record<string, unknown>;

const count = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;

const sum = (...values: (number | undefined)[]): number | undefined => {
  const present = values.filter((value): value is number => value !== undefined);
  return present.length === 0 ? undefined : present.reduce((total, value) => total + value, 0);
};

/**
 * Reads the usage a language model reports at the provider-specification level: the nested
 * form of specification v3 and v4 (`inputTokens: { total, noCache, cacheRead, cacheWrite }`,
 * `outputTokens: { total, text, reasoning }`) and the flat form of v2 (`inputTokens`,
 * `outputTokens`, `cachedInputTokens`). Input tokens include cached ones.
 */
export function readSpecUsage(usage: unknown): ExtractedUsage | undefined {
  if (typeof usage !== 'object' || usage === null) return undefined;
  const { inputTokens, outputTokens } = usage as AnyRecord;
  if (typeof inputTokens === 'object' && inputTokens !== null) {
    const input = inputTokens as AnyRecord;
    const output = (
      typeof outputTokens === 'object' && outputTokens !== null ? outputTokens : {}
    ) as AnyRecord;
    return {
      inputTokens:
        count(input.total) ?? sum(count(input.noCache), count(input.cacheRead), count(input.cacheWrite)),
      outputTokens: count(output.total) ?? sum(count(output.text), count(output.reasoning)),
      cachedInputTokens: count(input.cacheRead),
    };
  }
  const flat = usage as AnyRecord;
  return {
    inputTokens: count(inputTokens),
    outputTokens: count(outputTokens),
    cachedInputTokens: count(flat.cachedInputTokens),
  };
}
