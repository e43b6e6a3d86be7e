import { describe, expect, it } from 'vitest';
import { type ExitTarget, installExitFlush } from './exit-flush.js';

function fakeProcess() {
  let listeners: Array<() => void> = [];
  const target: ExitTarget = {
    once: (_event, listener) => listeners.push(listener),
    off: (_event, listener) => {
      listeners = listeners.filter((l) => l !== listener);
    },
  };
  const emptyLoop = () => {
    const current = listeners;
    listeners = [];
    for (const listener of current) listener();
  };
  return { target, emptyLoop, count: () => listeners.length };
}

describe('installExitFlush', () => {
  it('shuts down once when the event loop empties, however often it empties', async () => {
    const fake = fakeProcess();
    let shutdowns = 0;
    installExitFlush(async () => void shutdowns++, fake.target);
    fake.emptyLoop();
    fake.emptyLoop();
    await Promise.resolve();
    expect(shutdowns).toBe(1);
    expect(fake.count()).toBe(0);
  });

  it('does nothing once removed (after an explicit shutdown)', () => {
    const fake = fakeProcess();
    let shutdowns = 0;
    const flush = installExitFlush(async () => void shutdowns++, fake.target);
    flush.remove();
    flush.remove();
    fake.emptyLoop();
    expect(shutdowns).toBe(0);
  });

  it('swallows a failing shutdown instead of crashing the exiting process', async () => {
    const fake = fakeProcess();
    installExitFlush(() => Promise.reject(new Error('exporter down')), fake.target);
    fake.emptyLoop();
    await new Promise((resolve) => setTimeout(resolve, 5));
  });
});
