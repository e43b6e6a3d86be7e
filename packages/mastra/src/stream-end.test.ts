import { describe, expect, it } from 'vitest';
import { withStreamEnd } from './stream-end.js';

type Callbacks = Record<'onFinish' | 'onError' | 'onAbort', (...args: unknown[]) => unknown>;

describe('withStreamEnd', () => {
  it("calls the caller's callback first, returns its result, then ends", async () => {
    const order: string[] = [];
    const { options, ended } = withStreamEnd({
      maxSteps: 3,
      onFinish: async () => {
        order.push('caller');
        return 'kept';
      },
    });
    const callbacks = options as unknown as Callbacks & { maxSteps: number };
    expect(callbacks.maxSteps).toBe(3);
    const returned = await callbacks.onFinish({});
    order.push('ended');
    await ended;
    expect(returned).toBe('kept');
    expect(order).toEqual(['caller', 'ended']);
  });

  it('ends with the error Mastra reports, even when the caller gave no callbacks', async () => {
    const { options, ended } = withStreamEnd(undefined);
    const failure = new Error('provider unavailable');
    (options as unknown as Callbacks).onError({ error: failure });
    await expect(ended).rejects.toBe(failure);
  });

  it('ends an aborted stream as an AbortError, also when the caller\u2019s onAbort throws', async () => {
    const { options, ended } = withStreamEnd({
      onAbort: () => {
        throw new Error('caller bug');
      },
    });
    await expect((options as unknown as Callbacks).onAbort({})).rejects.toThrow('caller bug');
    await expect(ended).rejects.toMatchObject({ name: 'AbortError' });
  });
});
