import { createTestKit } from '@agentvitals/testing';
import { describe, expect, it } from 'vitest';
import { resolveOptions } from './options.js';
import { providerName } from './provider-name.js';

describe('resolveOptions', () => {
  it('takes a vitals instance in place of the options', async () => {
    const kit = createTestKit();
    expect(resolveOptions(kit.vitals, 'x()', 'agent').vitals).toBe(kit.vitals);
    await kit.shutdown();
  });

  it('names every bad field in one TypeError', () => {
    expect(() =>
      resolveOptions(
        { vitals: {} as never, name: '', guard: {} as never, validators: { a: 1 as never } },
        'x()',
        'a',
      ),
    ).toThrow(
      /x\(\): vitals must come from createVitals\(\); name must be .*; guard must be a Guard .*; validators\.a must be a function/,
    );
    expect(() => resolveOptions('vitals' as never, 'x()', 'a')).toThrow(TypeError);
  });

  it('creates one vitals instance per options object', () => {
    const options = { name: 'support-bot' };
    const first = resolveOptions(options, 'x()', 'agent');
    expect(first.vitals.agentName).toBe('support-bot');
    expect(resolveOptions(options, 'x()', 'agent')).toBe(first);
  });
});

describe('providerName', () => {
  it('maps AI SDK provider ids to gen_ai.provider.name values', () => {
    expect(providerName('openai.chat')).toBe('openai');
    expect(providerName('openai.responses')).toBe('openai');
    expect(providerName('anthropic.messages')).toBe('anthropic');
    expect(providerName('google.generative-ai')).toBe('gcp.gemini');
    expect(providerName('google.vertex.chat')).toBe('gcp.vertex_ai');
    expect(providerName('amazon-bedrock')).toBe('aws.bedrock');
  });

  it('leaves unknown ids to core, which infers the provider from the model', () => {
    expect(providerName('mock-provider')).toBeUndefined();
    expect(providerName(undefined)).toBeUndefined();
    expect(providerName(42)).toBeUndefined();
  });
});
