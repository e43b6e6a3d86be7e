import { type Context, context } from '@opentelemetry/api';
import type { RunOptions, Vitals } from '../vitals/types.js';

interface Settle {
  resolve(): void;
  reject(error: unknown): void;
}

/**
 * Runs a generator function as one run whose span covers the iteration, not just the call:
 * the run ends when the generator finishes (success), throws (error) or is returned early
 * (success). Every step runs in the run's context, so spans and request ids inside the
 * generator body belong to the run. What the caller gets is a real generator (sync or
 * async, as the original) with the original generator object's prototype, so `instanceof`
 * the generator function holds.
 */
export function runGenerator(
  vitals: Vitals,
  options: RunOptions | undefined,
  kind: 'sync' | 'async',
  mark: (ctx: Context) => Context,
  start: () => Generator | AsyncGenerator,
  onEnd: () => void = () => {},
): Generator | AsyncGenerator {
  let settle: Settle | undefined;
  let runContext: Context | undefined;
  vitals.run(() => {
    runContext = mark(context.active());
    return new Promise<void>((resolve, reject) => {
      settle = { resolve, reject };
    });
  }, options);
  const ctx = runContext ?? context.active();
  const ended: Settle = {
    resolve() {
      onEnd();
      settle?.resolve();
    },
    reject(error) {
      onEnd();
      settle?.reject(error);
    },
  };
  let inner: Generator | AsyncGenerator;
  try {
    inner = context.with(ctx, start);
  } catch (error) {
    ended.reject(error);
    throw error;
  }
  const outer =
    kind === 'sync'
      ? delegate(inner as Generator, ctx, ended)
      : delegateAsync(inner as AsyncGenerator, ctx, ended);
  try {
    Object.setPrototypeOf(outer, Object.getPrototypeOf(inner));
  } catch {
    // A frozen generator prototype: the delegate keeps the plain generator prototype.
  }
  return outer;
}

function delegate(inner: Generator, ctx: Context, ended: Settle): Generator {
  const stepper: IterableIterator<unknown> = {
    next: (value?: unknown) => context.with(ctx, () => inner.next(value)),
    throw: (error?: unknown) => context.with(ctx, () => inner.throw(error)),
    return: (value?: unknown) => context.with(ctx, () => inner.return(value)),
    [Symbol.iterator]: () => stepper,
  };
  return (function* observedRun() {
    let settled = false;
    try {
      const value = yield* stepper;
      settled = true;
      ended.resolve();
      return value;
    } catch (error) {
      settled = true;
      ended.reject(error);
      throw error;
    } finally {
      if (!settled) ended.resolve();
    }
  })();
}

function delegateAsync(inner: AsyncGenerator, ctx: Context, ended: Settle): AsyncGenerator {
  const stepper: AsyncIterableIterator<unknown> = {
    next: (value?: unknown) => context.with(ctx, () => inner.next(value)),
    throw: (error?: unknown) => context.with(ctx, () => inner.throw(error)),
    return: (value?: unknown) => context.with(ctx, () => inner.return(value)),
    [Symbol.asyncIterator]: () => stepper,
  };
  return (async function* observedRun() {
    let settled = false;
    try {
      const value = yield* stepper;
      settled = true;
      ended.resolve();
      return value;
    } catch (error) {
      settled = true;
      ended.reject(error);
      throw error;
    } finally {
      if (!settled) ended.resolve();
    }
  })();
}
