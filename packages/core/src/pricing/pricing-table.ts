import type { ModelPrice } from './model-price.js';

/** The day the shipped prices were last checked against the providers' pricing pages. */
export const PRICING_TABLE_DATE = '2026-11-01';

/** The public pricing pages the table was checked against on {@link PRICING_TABLE_DATE}. */
export const PRICING_TABLE_SOURCES: readonly string[] = Object.freeze([
  'https://developers.openai.com/api/docs/pricing',
  'https://platform.claude.com/docs/en/about-claude/pricing',
  'https://ai.google.dev/gemini-api/docs/pricing',
  'https://mistral.ai/pricing#api-pricing',
  'https://api-docs.deepseek.com/quick_start/pricing',
  'https://docs.x.ai/docs/models',
  'https://groq.com/pricing',
  'https://aws.amazon.com/bedrock/pricing/',
  'https://www.together.ai/pricing',
]);

const OPENAI = 'openai';
const ANTHROPIC = 'anthropic';
const GEMINI = 'gcp.gemini';
const MISTRAL = 'mistral_ai';
const DEEPSEEK = 'deepseek';
const XAI = 'x_ai';
const GROQ = 'groq';
const BEDROCK = 'aws.bedrock';

const price = (
  input: number,
  cachedInput: number | undefined,
  output: number,
  provider?: string,
): ModelPrice =>
  Object.freeze({
    input,
    output,
    ...(cachedInput === undefined ? {} : { cachedInput }),
    ...(provider === undefined ? {} : { provider }),
  });

/**
 * The shipped price table, in USD per million tokens.
 *
 * Keys are the providers' model ids, lower-case, without dated snapshot suffixes: lookups of
 * `gpt-4o-2024-08-06`, `claude-sonnet-4-5-20250929`, `models/gemini-2.5-pro` or
 * `us.anthropic.claude-haiku-4-5-20251001-v1:0` fall back to these family entries.
 * Where a provider bills by prompt length, the price of the shortest band is listed (Gemini Pro
 * up to 200k prompt tokens, Claude Haiku 5.5 up to 100k). Batch, priority and regional rates
 * are not modelled. Prices change: override any entry with `createVitals({ pricing })`.
 */
export const PRICING_TABLE: Readonly<Record<string, ModelPrice>> = Object.freeze({
  // OpenAI
  'gpt-5.5': price(5, 0.5, 30, OPENAI),
  'gpt-5.5-pro': price(30, undefined, 180, OPENAI),
  'gpt-5.4': price(2.5, 0.25, 15, OPENAI),
  'gpt-5.4-mini': price(0.75, 0.075, 4.5, OPENAI),
  'gpt-5.4-nano': price(0.2, 0.02, 1.25, OPENAI),
  'gpt-5.4-pro': price(30, undefined, 180, OPENAI),
  'gpt-5.2': price(1.75, 0.175, 14, OPENAI),
  'gpt-5.1': price(1.25, 0.125, 10, OPENAI),
  'gpt-5': price(1.25, 0.125, 10, OPENAI),
  'gpt-5-mini': price(0.25, 0.025, 2, OPENAI),
  'gpt-5-nano': price(0.05, 0.005, 0.4, OPENAI),
  'gpt-5-pro': price(15, undefined, 120, OPENAI),
  'gpt-4.1': price(2, 0.5, 8, OPENAI),
  'gpt-4.1-mini': price(0.4, 0.1, 1.6, OPENAI),
  'gpt-4.1-nano': price(0.1, 0.025, 0.4, OPENAI),
  'gpt-4o': price(2.5, 1.25, 10, OPENAI),
  'gpt-4o-mini': price(0.15, 0.075, 0.6, OPENAI),
  o3: price(2, 0.5, 8, OPENAI),
  'o3-pro': price(20, undefined, 80, OPENAI),
  'o3-mini': price(1.1, 0.55, 4.4, OPENAI),
  'o4-mini': price(1.1, 0.275, 4.4, OPENAI),
  o1: price(15, 7.5, 60, OPENAI),

  // Anthropic (cachedInput is the cache-hit rate; cache writes are billed as input)
  'claude-opus-4-7': price(5, 0.5, 25, ANTHROPIC),
  'claude-opus-4-6': price(5, 0.5, 25, ANTHROPIC),
  'claude-opus-4-5': price(5, 0.5, 25, ANTHROPIC),
  'claude-opus-4-1': price(15, 1.5, 75, ANTHROPIC),
  'claude-opus-4': price(15, 1.5, 75, ANTHROPIC),
  'claude-sonnet-4-6': price(3, 0.3, 15, ANTHROPIC),
  'claude-sonnet-4-5': price(3, 0.3, 15, ANTHROPIC),
  'claude-sonnet-4': price(3, 0.3, 15, ANTHROPIC),
  'claude-3-7-sonnet': price(3, 0.3, 15, ANTHROPIC),
  'claude-3-5-sonnet': price(3, 0.3, 15, ANTHROPIC),
  'claude-haiku-4-5': price(1, 0.1, 5, ANTHROPIC),
  'claude-3-5-haiku': price(0.8, 0.08, 4, ANTHROPIC),
  'claude-3-haiku': price(0.25, 0.03, 1.25, ANTHROPIC),

  // Google Gemini API
  'gemini-3-pro': price(2, 0.2, 12, GEMINI),
  'gemini-3-flash': price(0.5, 0.05, 3, GEMINI),
  'gemini-2.5-pro': price(1.25, 0.125, 10, GEMINI),
  'gemini-2.5-flash': price(0.3, 0.03, 2.5, GEMINI),
  'gemini-2.5-flash-lite': price(0.1, 0.01, 0.4, GEMINI),
  'gemini-2.0-flash': price(0.1, 0.025, 0.4, GEMINI),
  'gemini-2.0-flash-lite': price(0.075, undefined, 0.3, GEMINI),

  // Mistral AI (`mistral-large-latest` is Mistral Large 3)
  'mistral-large': price(0.5, undefined, 1.5, MISTRAL),
  'mistral-large-2411': price(2, undefined, 6, MISTRAL),
  'mistral-medium': price(0.4, undefined, 2, MISTRAL),
  'mistral-small': price(0.1, undefined, 0.3, MISTRAL),
  'magistral-medium': price(2, undefined, 5, MISTRAL),
  'magistral-small': price(0.5, undefined, 1.5, MISTRAL),
  codestral: price(0.3, undefined, 0.9, MISTRAL),
  'devstral-medium': price(0.4, undefined, 2, MISTRAL),
  'devstral-small': price(0.1, undefined, 0.3, MISTRAL),
  'pixtral-large': price(2, undefined, 6, MISTRAL),
  'ministral-8b': price(0.1, undefined, 0.1, MISTRAL),
  'ministral-3b': price(0.04, undefined, 0.04, MISTRAL),
  'open-mistral-nemo': price(0.15, undefined, 0.15, MISTRAL),

  // DeepSeek (cachedInput is the cache-hit rate)
  'deepseek-chat': price(0.28, 0.028, 0.42, DEEPSEEK),
  'deepseek-reasoner': price(0.28, 0.028, 0.42, DEEPSEEK),

  // xAI
  'grok-4': price(3, 0.75, 15, XAI),
  'grok-4-1-fast-reasoning': price(0.2, 0.05, 0.5, XAI),
  'grok-4-1-fast-non-reasoning': price(0.2, 0.05, 0.5, XAI),
  'grok-4-fast-reasoning': price(0.2, 0.05, 0.5, XAI),
  'grok-4-fast-non-reasoning': price(0.2, 0.05, 0.5, XAI),
  'grok-code-fast-1': price(0.2, 0.02, 1.5, XAI),
  'grok-3': price(3, 0.75, 15, XAI),
  'grok-3-mini': price(0.3, 0.075, 0.5, XAI),

  // Meta Llama on Groq
  'llama-3.3-70b-versatile': price(0.59, undefined, 0.79, GROQ),
  'llama-3.1-8b-instant': price(0.05, undefined, 0.08, GROQ),
  'meta-llama/llama-4-maverick-17b-128e-instruct': price(0.2, undefined, 0.6, GROQ),
  'meta-llama/llama-4-scout-17b-16e-instruct': price(0.11, undefined, 0.34, GROQ),

  // Meta Llama on Amazon Bedrock (ids after the `meta.` prefix and `-v1:0` suffix are removed)
  'llama3-3-70b-instruct': price(0.72, undefined, 0.72, BEDROCK),
  'llama4-maverick-17b-instruct': price(0.24, undefined, 0.97, BEDROCK),
  'llama4-scout-17b-instruct': price(0.17, undefined, 0.66, BEDROCK),

  // Meta Llama on Together AI
  'meta-llama/llama-3.3-70b-instruct-turbo': price(0.88, undefined, 0.88),
  'meta-llama/llama-4-maverick-17b-128e-instruct-fp8': price(0.27, undefined, 0.85),
});
