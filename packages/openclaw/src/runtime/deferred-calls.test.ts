import { describe, expect, it } from 'vitest';
import { DeferredCalls } from './deferred-calls.js';

describe('DeferredCalls', () => {
  it('settles a call from its end hook, once', async () => {
    const calls = new DeferredCalls(10, 60_000);
    const pending = calls.open('a');
    expect(calls.resolve('a', 42)).toBe(true);
    expect(calls.resolve('a', 43)).toBe(false);
    await expect(pending).resolves.toBe(42);
    expect(calls.size).toBe(0);
  });

  it('gives up a call whose end hook never comes, as a TimeoutError', async () => {
    const calls = new DeferredCalls(10, 20);
    await expect(calls.open('a')).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(calls.has('a')).toBe(false);
  });

  it('keeps at most maxEntries calls open, giving up the oldest', async () => {
    const calls = new DeferredCalls(2, 60_000);
    const first = calls.open('a');
    const second = calls.open('b');
    const third = calls.open('c');
    await expect(first).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(calls.size).toBe(2);
    calls.clear('done');
    expect(calls.size).toBe(0);
    await expect(second).rejects.toThrow('done');
    await expect(third).rejects.toThrow('done');
  });

  it('gives up an open call when a new one takes its id', async () => {
    const calls = new DeferredCalls(10, 60_000);
    const first = calls.open('a');
    const second = calls.open('a');
    await expect(first).rejects.toThrow(/same id/);
    calls.reject('a', new Error('x'));
    await expect(second).rejects.toThrow('x');
  });
});
