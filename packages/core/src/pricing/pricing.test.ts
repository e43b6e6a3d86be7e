import { describe, expect, it } from 'vitest';
import {
  createPricing,
  PRICING_CACHE_SIZE,
  PRICING_TABLE,
  PRICING_TABLE_DATE,
  PRICING_TABLE_SOURCES,
} from './pricing.js';

const tokens = (inputTokens: number, outputTokens: number, cachedInputTokens = 0) => ({
  inputTokens,
  outputTokens,
  cachedInputTokens,
});

describe('the shipped table', () => {
  it('is dated, sourced and holds only valid prices', () => {
    expect(PRICING_TABLE_DATE).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(PRICING_TABLE_SOURCES.length).toBeGreaterThan(5);
    for (const source of PRICING_TABLE_SOURCES) expect(source).toMatch(/^https:\/\//);
    expect(() => createPricing(PRICING_TABLE)).not.toThrow();
    for (const [model, price] of Object.entries(PRICING_TABLE)) {
      expect(model, 'keys are lower-case').toBe(model.toLowerCase());
      expect(price.output, model).toBeGreaterThanOrEqual(price.input);
      if (price.cachedInput !== undefined) expect(price.cachedInput, model).toBeLessThanOrEqual(price.input);
    }
  });

  it('covers the main families of every provider', () => {
    const pricing = createPricing();
    for (const model of [
      'gpt-5',
      'gpt-4o-mini',
      'o4-mini',
      'claude-sonnet-4-5',
      'claude-haiku-4-5',
      'gemini-2.5-pro',
      'gemini-2.5-flash',
      'mistral-large-latest',
      'deepseek-chat',
      'grok-4',
      'llama-3.3-70b-versatile',
    ]) {
      expect(pricing.price(model), model).toBeDefined();
    }
  });
});

describe('price()', () => {
  const pricing = createPricing();

  it('finds exact ids', () => {
    expect(pricing.price('gpt-4o')).toEqual({
      input: 2.5,
      output: 10,
      cachedInput: 1.25,
      provider: 'openai',
    });
    expect(pricing.price('claude-opus-4-1')).toMatchObject({ input: 15, output: 75 });
  });

  it('ignores case and surrounding spaces', () => {
    expect(pricing.price('GPT-4o')).toBe(pricing.price('gpt-4o'));
    expect(pricing.price(' Claude-Sonnet-4-5 ')).toBe(pricing.price('claude-sonnet-4-5'));
  });

  it('strips provider and resource prefixes', () => {
    const gpt4o = pricing.price('gpt-4o');
    expect(pricing.price('openai/gpt-4o')).toBe(gpt4o);
    expect(pricing.price('openrouter/openai/gpt-4o')).toBe(gpt4o);
    expect(pricing.price('models/gemini-2.5-pro')).toBe(pricing.price('gemini-2.5-pro'));
    expect(pricing.price('projects/p/locations/us-central1/publishers/google/models/gemini-2.5-flash')).toBe(
      pricing.price('gemini-2.5-flash'),
    );
    expect(pricing.price('accounts/acme/models/deepseek-chat')).toBe(pricing.price('deepseek-chat'));
    expect(pricing.price('anthropic/claude-sonnet-4.5')).toBe(pricing.price('claude-sonnet-4-5'));
  });

  it('maps Bedrock and Vertex ids to the family', () => {
    const haiku = pricing.price('claude-haiku-4-5');
    expect(pricing.price('anthropic.claude-haiku-4-5-20251001-v1:0')).toBe(haiku);
    expect(pricing.price('us.anthropic.claude-haiku-4-5-20251001-v1:0')).toBe(haiku);
    expect(pricing.price('claude-haiku-4-5@20251001')).toBe(haiku);
    expect(pricing.price('meta.llama3-3-70b-instruct-v1:0')).toEqual({
      input: 0.72,
      output: 0.72,
      provider: 'aws.bedrock',
    });
  });

  it('maps dated snapshots back to the family entry', () => {
    expect(pricing.price('gpt-4o-2024-08-06')).toBe(pricing.price('gpt-4o'));
    expect(pricing.price('gpt-4o-mini-2024-07-18')).toBe(pricing.price('gpt-4o-mini'));
    expect(pricing.price('claude-sonnet-4-5-20250929')).toBe(pricing.price('claude-sonnet-4-5'));
    expect(pricing.price('claude-3-5-sonnet-latest')).toBe(pricing.price('claude-3-5-sonnet'));
    expect(pricing.price('gemini-2.5-flash-preview-05-20')).toBe(pricing.price('gemini-2.5-flash'));
    expect(pricing.price('gemini-3-pro-preview')).toBe(pricing.price('gemini-3-pro'));
    expect(pricing.price('mistral-medium-2508')).toBe(pricing.price('mistral-medium'));
    expect(pricing.price('grok-4-0709')).toBe(pricing.price('grok-4'));
  });

  it('prefers a dated entry of its own over the family', () => {
    expect(pricing.price('mistral-large-2411')).toMatchObject({ input: 2, output: 6 });
    expect(pricing.price('mistral-large-latest')).toMatchObject({ input: 0.5, output: 1.5 });
  });

  it('does not confuse a family with its smaller sibling', () => {
    expect(pricing.price('gpt-4o-mini')).not.toBe(pricing.price('gpt-4o'));
    expect(pricing.price('gemini-2.5-flash-lite-preview-09-2025')).toBe(
      pricing.price('gemini-2.5-flash-lite'),
    );
  });

  it('returns undefined for unknown or invalid models', () => {
    expect(pricing.price('my-finetune')).toBeUndefined();
    expect(pricing.price('gpt-4-0613')).toBeUndefined();
    expect(pricing.price('')).toBeUndefined();
    expect(pricing.price('x'.repeat(10_000))).toBeUndefined();
    expect(pricing.price(42 as unknown as string)).toBeUndefined();
    expect(pricing.price(undefined as unknown as string)).toBeUndefined();
  });

  it('answers the same after the cache has cycled', () => {
    for (let i = 0; i < PRICING_CACHE_SIZE * 2; i++) pricing.price(`unknown-model-${i}`);
    expect(pricing.price('gpt-4o-2024-08-06')).toBe(pricing.price('gpt-4o'));
    expect(pricing.price('unknown-model-0')).toBeUndefined();
  });
});

describe('overrides', () => {
  it('add models and win over the table, also for prefixed and dated ids', () => {
    const pricing = createPricing({
      'gpt-4o': { input: 1, output: 2 },
      'acme-support-llm': { input: 0.5, output: 1, provider: 'acme' },
    });
    expect(pricing.price('gpt-4o')).toEqual({ input: 1, output: 2 });
    expect(pricing.price('openai/gpt-4o-2024-08-06')).toEqual({ input: 1, output: 2 });
    expect(pricing.price('ACME-Support-LLM')).toMatchObject({ input: 0.5 });
    expect(pricing.provider('acme-support-llm')).toBe('acme');
    expect(createPricing().price('gpt-4o')).toMatchObject({ input: 2.5 });
  });

  it('are copied, so later mutation does not change prices', () => {
    const overrides: Record<string, { input: number; output: number }> = { mine: { input: 1, output: 1 } };
    const pricing = createPricing(overrides);
    overrides.mine!.input = 100;
    expect(pricing.price('mine')).toEqual({ input: 1, output: 1 });
  });

  it('are rejected with one error naming every bad field', () => {
    const bad = {
      a: { input: Number.NaN, output: 1 },
      b: { input: 1, output: -1 },
      c: { input: 1 },
      d: { input: '1', output: 1, cachedInput: Number.POSITIVE_INFINITY },
      e: null,
      f: { input: 1, output: 1, provider: '' },
      g: { input: 1, output: 1, ouput: 2 },
      '': { input: 1, output: 1 },
    } as unknown as Record<string, { input: number; output: number }>;
    let message = '';
    try {
      createPricing(bad);
    } catch (error) {
      expect(error).toBeInstanceOf(TypeError);
      message = (error as Error).message;
    }
    expect(message).toContain('pricing["a"].input must be a finite number >= 0 (got NaN)');
    expect(message).toContain('pricing["b"].output must be a finite number >= 0 (got -1)');
    expect(message).toContain('pricing["c"].output is missing');
    expect(message).toContain('pricing["d"].input must be a finite number >= 0 (got "1")');
    expect(message).toContain('pricing["d"].cachedInput must be a finite number >= 0 (got Infinity)');
    expect(message).toContain('pricing["e"] must be an object');
    expect(message).toContain('pricing["f"].provider must be a non-empty string');
    expect(message).toContain('pricing["g"].ouput is not a price field');
    expect(message).toContain('pricing[""]: the model name must not be empty');
  });

  it('must be an object', () => {
    expect(() => createPricing([] as unknown as Record<string, never>)).toThrow(TypeError);
    expect(() => createPricing('gpt-4o' as unknown as Record<string, never>)).toThrow(/must be an object/);
  });
});

describe('cost()', () => {
  const pricing = createPricing({
    test: { input: 2, output: 8, cachedInput: 0.5 },
    plain: { input: 3, output: 15 },
  });

  it('prices input and output per million tokens', () => {
    expect(pricing.cost('test', tokens(1_000_000, 0))).toBeCloseTo(2, 12);
    expect(pricing.cost('test', tokens(0, 1_000_000))).toBeCloseTo(8, 12);
    expect(pricing.cost('test', tokens(1000, 500))).toBeCloseTo(0.002 + 0.004, 12);
    expect(pricing.cost('test', tokens(0, 0))).toBe(0);
  });

  it('prices cached input at the cached rate, and at the input rate when there is none', () => {
    // 600k uncached * 2 + 400k cached * 0.5 + 100k output * 8, per million.
    expect(pricing.cost('test', tokens(1_000_000, 100_000, 400_000))).toBeCloseTo(1.2 + 0.2 + 0.8, 12);
    expect(pricing.cost('plain', tokens(1_000_000, 0, 400_000))).toBeCloseTo(3, 12);
  });

  it('reads more cached than input tokens as all input cached', () => {
    expect(pricing.cost('test', tokens(100, 0, 1_000))).toBeCloseTo((100 * 0.5) / 1e6, 15);
  });

  it('uses shipped prices for real models', () => {
    expect(createPricing().cost('claude-sonnet-4-5-20250929', tokens(10_000, 2_000, 8_000))).toBeCloseTo(
      (2_000 * 3 + 8_000 * 0.3 + 2_000 * 15) / 1e6,
      12,
    );
  });

  it('returns undefined for unknown models and invalid token counts', () => {
    expect(pricing.cost('nope', tokens(1, 1))).toBeUndefined();
    for (const bad of [Number.NaN, -1, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      expect(pricing.cost('test', tokens(bad, 1))).toBeUndefined();
      expect(pricing.cost('test', tokens(1, bad))).toBeUndefined();
      expect(pricing.cost('test', tokens(1, 1, bad))).toBeUndefined();
    }
    expect(
      pricing.cost('test', { inputTokens: '5', outputTokens: 1, cachedInputTokens: 0 } as never),
    ).toBeUndefined();
    expect(pricing.cost('test', null as never)).toBeUndefined();
    expect(pricing.cost('test', { inputTokens: 10, outputTokens: 0 } as never)).toBeCloseTo(20 / 1e6, 15);
  });

  it('returns undefined rather than Infinity for absurd counts', () => {
    expect(pricing.cost('test', tokens(Number.MAX_VALUE, Number.MAX_VALUE))).toBeUndefined();
    expect(pricing.cost('test', tokens(1e15, 0))).toBeCloseTo(2e9, 0);
  });
});

describe('provider()', () => {
  const pricing = createPricing();

  it('reads the provider from the table', () => {
    expect(pricing.provider('gpt-4o-2024-08-06')).toBe('openai');
    expect(pricing.provider('claude-opus-4-5')).toBe('anthropic');
    expect(pricing.provider('gemini-2.5-pro')).toBe('gcp.gemini');
    expect(pricing.provider('mistral-small-latest')).toBe('mistral_ai');
    expect(pricing.provider('deepseek-reasoner')).toBe('deepseek');
    expect(pricing.provider('grok-3-mini')).toBe('x_ai');
    expect(pricing.provider('llama-3.1-8b-instant')).toBe('groq');
  });

  it('reads where a model is served from the shape of its id', () => {
    expect(pricing.provider('us.anthropic.claude-sonnet-4-5-20250929-v1:0')).toBe('aws.bedrock');
    expect(pricing.provider('meta.llama4-scout-17b-instruct-v1:0')).toBe('aws.bedrock');
    expect(pricing.provider('projects/p/locations/l/publishers/google/models/gemini-2.5-pro')).toBe(
      'gcp.vertex_ai',
    );
    expect(pricing.provider('models/gemini-2.5-pro')).toBe('gcp.gemini');
  });

  it('falls back to the family of unpriced models', () => {
    expect(pricing.provider('gpt-6-turbo')).toBe('openai');
    expect(pricing.provider('o7-mini')).toBe('openai');
    expect(pricing.provider('claude-sonnet-9')).toBe('anthropic');
    expect(pricing.provider('gemini-9-ultra')).toBe('gcp.gemini');
    expect(pricing.provider('codestral-2099')).toBe('mistral_ai');
    expect(pricing.provider('grok-9')).toBe('x_ai');
    expect(pricing.provider('deepseek-v9')).toBe('deepseek');
  });

  it('returns undefined when nothing is known', () => {
    expect(pricing.provider('my-finetune')).toBeUndefined();
    expect(pricing.provider('gpt-oss-120b')).toBeUndefined();
    expect(pricing.provider('')).toBeUndefined();
    expect(pricing.provider(null as unknown as string)).toBeUndefined();
  });
});
