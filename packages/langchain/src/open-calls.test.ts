import type { OpenCall } from '@agentvitals/core';
import { ROOT_CONTEXT } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { OpenCalls } from './open-calls.js';

describe('OpenCalls', () => {
  it('forgets an entry once taken', () => {
    const calls = new OpenCalls();
    calls.set('a', { context: ROOT_CONTEXT });
    expect(calls.get('a')).toBeDefined();
    expect(calls.take('a')).toBeDefined();
    expect(calls.get('a')).toBeUndefined();
    expect(calls.get(undefined)).toBeUndefined();
  });

  it('stays bounded, ending the oldest open call it drops', () => {
    const calls = new OpenCalls();
    let ended = 0;
    const call: OpenCall = { context: ROOT_CONTEXT, end: () => ended++, fail: () => undefined };
    calls.set('first', { context: ROOT_CONTEXT, call });
    for (let i = 0; i < 20_000; i++) calls.set(`run-${i}`, { context: ROOT_CONTEXT });
    expect(calls.size).toBe(20_000);
    expect(calls.get('first')).toBeUndefined();
    expect(ended).toBe(1);
  });
});
