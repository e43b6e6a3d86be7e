import { diag } from '@opentelemetry/api';
import { describe, expect, it, vi } from 'vitest';
import { labelProblem } from './label-safety.js';
import { NameLimiter } from './name-limiter.js';

describe('labelProblem', () => {
  it('lets ordinary tool names, reasons, models and ids through', () => {
    const names = [
      'kb.search',
      'refund_over_limit',
      'angry_customer',
      'mcp__github__create_pull_request',
      'functions.search_web',
      'getWeatherForecastV2',
      'getCustomerOrderHistoryForAccount',
      'Search Web',
      'needs human review',
      'gpt-4o-mini-2024-07-18',
      'claude-3-5-sonnet-20241022',
      'claude35sonnet20241022',
      'anthropic.claude-3-5-sonnet-20241022-v2:0',
      'meta-llama/Llama-3.1-70B-Instruct',
      'accounts/fireworks/models/llama-v3p1-405b-instruct',
      'ft:gpt-4o-mini-2024-07-18:my-org:custom-suffix:9abcDEF1',
      '550e8400-e29b-41d4-a716-446655440000',
      'shell',
      'git.commit',
      'x'.repeat(40),
    ];
    for (const name of names) expect(labelProblem(name), name).toBeUndefined();
  });

  it('refuses secrets, personal data, free text and random tokens, and says which', () => {
    const cases: [string, string][] = [
      ['jane.doe@example.com', 'secret'],
      ['ghp_0123456789abcdefghijklmnopqrstuvwxyzAB', 'secret'],
      ['sk-proj-abcdefghijklmnopqrstuvwxyz012345', 'secret'],
      ['npm_abcdefghijklmnopqrstuvwxyz0123456789', 'secret'],
      ['4111-1111-1111-1111', 'secret'],
      ['password=hunter2', 'secret'],
      ['customer is angry about the refund', 'free_text'],
      ['line one\nline two', 'free_text'],
      ['tab\there', 'free_text'],
      [`a ${'b'.repeat(70)}`, 'free_text'],
      ['tool_9f8e7d6c5b4a39281706f5e4d3c2b1a0', 'random_token'],
      ['q8Zr2LmX0vT4nB7kW1yP', 'random_token'],
      ['Ab3dE5gH7jK9mN1pQ3sT5vX7zA9cE1gH3', 'random_token'],
    ];
    for (const [value, problem] of cases) expect(labelProblem(value), value).toBe(problem);
  });
});

describe('NameLimiter label safety', () => {
  it('records unsafe values as _redacted, warns once per reason without the value, and keeps safe ones', () => {
    const warn = vi.fn();
    diag.setLogger({ warn, error: vi.fn(), info: vi.fn(), debug: vi.fn(), verbose: vi.fn() });
    try {
      const limiter = new NameLimiter({ kind: 'escalation reason', maxDistinct: 10, maxLength: 128 });
      expect(limiter.bound('jane.doe@example.com')).toBe('_redacted');
      expect(limiter.bound('bob@example.org')).toBe('_redacted');
      expect(limiter.bound('customer is angry about the refund')).toBe('_redacted');
      expect(limiter.bound('refund_over_limit')).toBe('refund_over_limit');
      const messages = warn.mock.calls.map((call) => String(call.join(' ')));
      expect(messages.filter((m) => m.includes('secret'))).toHaveLength(1);
      expect(messages.filter((m) => m.includes('free text'))).toHaveLength(1);
      expect(messages.join('\n')).not.toMatch(/jane|bob|angry/);
    } finally {
      diag.disable();
    }
  });

  it('refused values do not use up distinct slots, and the check can be turned off', () => {
    const limiter = new NameLimiter({ kind: 'tool name', maxDistinct: 1, maxLength: 128 });
    for (let i = 0; i < 300; i++) expect(limiter.bound(`user${i}@example.com`)).toBe('_redacted');
    expect(limiter.bound('kb.search')).toBe('kb.search');
    const open = new NameLimiter({ kind: 'tool name', maxDistinct: 5, maxLength: 128, refuseUnsafe: false });
    expect(open.bound('a@example.com')).toBe('a@example.com');
  });
});
