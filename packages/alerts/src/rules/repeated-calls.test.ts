import { describe, expect, it } from 'vitest';
import { guardHarness } from '../engine/guard-harness.test-util.js';
import { repeatedCallsRule } from './repeated-calls.js';

const call = (
  toolName: string,
  args: unknown[],
  result?: unknown,
  outcome: 'success' | 'blocked' = 'success',
) => ({ type: 'tool.end', toolName, args, outcome, durationSeconds: 0.01, result }) as const;

describe('repeatedCallsRule', () => {
  it('fires and trips on the 6th equivalent call, not the 5th, despite trivial variations', () => {
    const h = guardHarness({ rules: [repeatedCallsRule()] });
    const variants = [
      [{ query: 'weather in Paris', limit: 5 }],
      [{ limit: 5, query: 'weather in paris' }],
      [{ query: '  Weather   in PARIS? ', limit: '5' }],
      ['{"limit": 5.0, "query": "weather in paris"}'],
      [{ query: 'weather in paris.', limit: 5.0 }],
    ];
    for (const args of variants) h.emit(call('search', args, `r${Math.random()}`));
    expect(h.fired()).toEqual([]);
    h.emit(call('search', [{ Query: 'WEATHER IN PARIS', limit: 5 }], 'other'));
    expect(h.fired()).toEqual(['AgentRepeatedToolCalls']);
    expect(h.guard.breaker()?.state).toBe('open');
    expect(h.guard.alerts()[0]?.value).toBe(6);
  });

  it('resolves when the latest call makes progress', () => {
    const h = guardHarness({ rules: [repeatedCallsRule({ maxIdenticalCalls: 2, action: 'alert' })] });
    for (let i = 0; i < 3; i++) h.emit(call('search', ['cats'], i));
    expect(h.fired()).toEqual(['AgentRepeatedToolCalls']);
    h.emit(call('search', ['dogs'], 'found'));
    expect(h.resolved()).toEqual(['AgentRepeatedToolCalls']);
  });

  it('detects the same result with no progress, but not uninformative results', () => {
    const h = guardHarness({ rules: [repeatedCallsRule({ maxSameResults: 3, action: 'alert' })] });
    for (const q of ['a', 'b', 'c']) h.emit(call('search', [q], { hits: [] }));
    for (const q of ['d', 'e', 'f', 'g']) h.emit(call('save', [q], undefined));
    for (const q of ['h', 'i', 'j', 'k']) h.emit(call('save', [q], true));
    expect(h.fired()).toEqual([]);
    for (const q of ['x', 'y', 'z']) h.emit(call('search', [q], { hits: [] }));
    expect(h.fired()).toEqual(['AgentRepeatedToolCalls']);
  });

  it('detects two calls ping-ponging, above 8 calls', () => {
    const h = guardHarness({ rules: [repeatedCallsRule({ maxIdenticalCalls: 100, maxSameResults: 100 })] });
    for (let i = 0; i < 8; i++) h.emit(i % 2 ? call('read', ['a.txt'], i) : call('write', ['a.txt'], i));
    expect(h.fired()).toEqual([]);
    h.emit(call('write', ['a.txt'], 99));
    expect(h.fired()).toEqual(['AgentRepeatedToolCalls']);
    expect(h.guard.alerts()[0]?.value).toBe(9);
  });

  it('does not see progress as a loop and forgets old calls', () => {
    const h = guardHarness({ rules: [repeatedCallsRule({ maxIdenticalCalls: 2, windowMs: 60_000 })] });
    for (let i = 0; i < 30; i++) h.emit(call('search', [`page ${i}`], `page ${i}`));
    h.emit(call('status', [], 'ok'));
    h.emit(call('status', [], 'ok'));
    h.advance(61_000);
    h.emit(call('status', [], 'ok'));
    h.emit(call('status', [], 'ok'));
    expect(h.fired()).toEqual([]);
  });

  it('ignores blocked calls', () => {
    const h = guardHarness({ rules: [repeatedCallsRule({ maxIdenticalCalls: 1 })] });
    h.emit(call('search', ['x'], 1));
    h.emit(call('search', ['x'], undefined, 'blocked'));
    expect(h.fired()).toEqual([]);
  });

  it('rejects bad options', () => {
    expect(() => repeatedCallsRule({ maxPingPongCalls: 1, windowCalls: 0 })).toThrow(
      /windowCalls[\s\S]*maxPingPongCalls/,
    );
  });
});
