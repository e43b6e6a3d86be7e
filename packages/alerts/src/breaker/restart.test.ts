import { afterEach, describe, expect, it, vi } from 'vitest';
import { createRestartAction, RESTART_EXIT_CODE } from './restart.js';

afterEach(() => {
  vi.useRealTimers();
});

const quiet = { log: () => {} };

describe('createRestartAction', () => {
  it('exits with EX_TEMPFAIL (75) by default, after flushing', async () => {
    const order: string[] = [];
    const exit = vi.fn((code: number) => {
      order.push(`exit ${code}`);
    });
    const flush = vi.fn(async () => {
      order.push('flush');
    });
    const restart = createRestartAction({ exit, flush, ...quiet });
    await restart('cost spike');
    expect(RESTART_EXIT_CODE).toBe(75);
    expect(exit).toHaveBeenCalledExactlyOnceWith(75);
    expect(flush).toHaveBeenCalledOnce();
    expect(order).toEqual(['flush', 'exit 75']);
  });

  it('uses a custom exit code', async () => {
    const exit = vi.fn();
    await createRestartAction({ exit, flush: async () => {}, exitCode: 3, ...quiet })('x');
    expect(exit).toHaveBeenCalledWith(3);
  });

  it('still exits when the flush never settles, after timeoutMs', async () => {
    vi.useFakeTimers();
    const exit = vi.fn();
    const restart = createRestartAction({
      exit,
      flush: () => new Promise(() => {}),
      timeoutMs: 2_000,
      ...quiet,
    });
    const done = restart('hung exporter');
    await vi.advanceTimersByTimeAsync(1_999);
    expect(exit).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    await done;
    expect(exit).toHaveBeenCalledExactlyOnceWith(75);
  });

  it('still exits when the flush rejects or throws synchronously', async () => {
    const exit = vi.fn();
    await createRestartAction({ exit, flush: () => Promise.reject(new Error('nope')), ...quiet })('x');
    const throwing = vi.fn();
    await createRestartAction({
      exit: throwing,
      flush: () => {
        throw new Error('sync');
      },
      ...quiet,
    })('x');
    expect(exit).toHaveBeenCalledWith(75);
    expect(throwing).toHaveBeenCalledWith(75);
  });

  it('exits once even when invoked twice, both calls sharing one restart', async () => {
    const exit = vi.fn();
    const flush = vi.fn(async () => {});
    const restart = createRestartAction({ exit, flush, ...quiet });
    const first = restart('first');
    const second = restart('second');
    expect(second).toBe(first);
    await Promise.all([first, second]);
    await restart('third');
    expect(exit).toHaveBeenCalledOnce();
    expect(flush).toHaveBeenCalledOnce();
  });

  it('waits delayMs before flushing', async () => {
    vi.useFakeTimers();
    const flush = vi.fn(async () => {});
    const exit = vi.fn();
    const done = createRestartAction({ exit, flush, delayMs: 500, ...quiet })('x');
    await vi.advanceTimersByTimeAsync(499);
    expect(flush).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    await done;
    expect(flush).toHaveBeenCalledOnce();
    expect(exit).toHaveBeenCalledOnce();
  });

  it('writes one line naming the reason and the exit code', async () => {
    const lines: string[] = [];
    await createRestartAction({ exit: () => {}, flush: async () => {}, log: (line) => lines.push(line) })(
      'reasoning loop',
    );
    expect(lines).toEqual(['agentvitals: restarting (exit code 75): reasoning loop']);
  });

  it('does not reject when exit or log throw', async () => {
    const restart = createRestartAction({
      exit: () => {
        throw new Error('exit');
      },
      flush: async () => {},
      log: () => {
        throw new Error('log');
      },
    });
    await expect(restart('x')).resolves.toBeUndefined();
  });

  it('flushes the global OpenTelemetry providers by default without failing on the no-op ones', async () => {
    const exit = vi.fn();
    await createRestartAction({ exit, timeoutMs: 1_000, ...quiet })('x');
    expect(exit).toHaveBeenCalledWith(75);
  });

  it.each([
    [{ exitCode: -1 }, /exitCode/],
    [{ exitCode: 256 }, /exitCode/],
    [{ exitCode: 1.5 }, /exitCode/],
    [{ exitCode: Number.NaN }, /exitCode/],
    [{ timeoutMs: -1 }, /timeoutMs/],
    [{ timeoutMs: Number.POSITIVE_INFINITY }, /timeoutMs/],
    [{ delayMs: Number.NaN }, /delayMs/],
    [{ delayMs: 1e12 }, /delayMs/],
    [{ flush: 'yes' }, /flush/],
    [{ exit: 1 }, /exit/],
    [{ log: {} }, /log/],
  ])('rejects bad options %o', (options, message) => {
    expect(() => createRestartAction(options as never)).toThrow(TypeError);
    expect(() => createRestartAction(options as never)).toThrow(message);
  });
});
