import type { ModelPrice } from './model-price.js';

const PRICE_FIELDS = ['input', 'output', 'cachedInput'] as const;
const KNOWN_FIELDS = new Set<string>([...PRICE_FIELDS, 'provider']);

const describe = (value: unknown): string => {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === undefined || value === null) {
    return String(value);
  }
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : typeof value;
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function entryProblems(model: string, value: unknown): string[] {
  const at = `pricing[${JSON.stringify(model)}]`;
  if (model.trim().length === 0) return [`${at}: the model name must not be empty`];
  if (!isRecord(value))
    return [`${at} must be an object { input, output, cachedInput?, provider? } (got ${describe(value)})`];
  const problems: string[] = [];
  for (const field of PRICE_FIELDS) {
    const price = value[field];
    if (price === undefined && field === 'cachedInput') continue;
    if (price === undefined) {
      problems.push(`${at}.${field} is missing (USD per million tokens)`);
    } else if (typeof price !== 'number' || !Number.isFinite(price) || price < 0) {
      problems.push(`${at}.${field} must be a finite number >= 0 (got ${describe(price)})`);
    }
  }
  const provider = value.provider;
  if (provider !== undefined && (typeof provider !== 'string' || provider.trim().length === 0)) {
    problems.push(`${at}.provider must be a non-empty string (got ${describe(provider)})`);
  }
  for (const field of Object.keys(value)) {
    if (!KNOWN_FIELDS.has(field)) problems.push(`${at}.${field} is not a price field`);
  }
  return problems;
}

/**
 * Checks a price table and returns a frozen copy, or throws one TypeError that lists every bad
 * entry (missing fields, wrong types, non-finite or negative prices).
 */
export function validatePrices(prices: unknown): Readonly<Record<string, ModelPrice>> {
  if (prices === undefined) return Object.freeze({});
  if (!isRecord(prices)) {
    throw new TypeError(`pricing must be an object keyed by model name (got ${describe(prices)})`);
  }
  const problems: string[] = [];
  const copy: Record<string, ModelPrice> = {};
  for (const [model, value] of Object.entries(prices)) {
    const found = entryProblems(model, value);
    if (found.length > 0) {
      problems.push(...found);
      continue;
    }
    const entry = value as ModelPrice;
    copy[model] = Object.freeze({
      input: entry.input,
      output: entry.output,
      ...(entry.cachedInput === undefined ? {} : { cachedInput: entry.cachedInput }),
      ...(entry.provider === undefined ? {} : { provider: entry.provider }),
    });
  }
  if (problems.length > 0) {
    throw new TypeError(`Invalid pricing (USD per million tokens):\n  - ${problems.join('\n  - ')}`);
  }
  return Object.freeze(copy);
}
