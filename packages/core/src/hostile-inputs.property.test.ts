/**
 * Nothing escapes into the agent: fast-check properties over every public entry point of
 * core, fed hostile values (throwing getters, revoked Proxies, `then` getters that throw,
 * `toString` that throws, NaN, huge strings, ...). The only exception that may reach the
 * caller is the function's own error, or a branded guard error; configuration calls may
 * also throw a TypeError naming the bad argument.
 *
 * Runs 40 cases per property by default; `AGENTVITALS_FUZZ_RUNS=10000 npx vitest run
 * packages/core/src/hostile-inputs.property.test.ts` runs 10,000 each.
 */
import { createTestKit } from '@agentvitals/testing';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { isCircuitOpenError } from './errors/circuit-open-error.js';
import { isPolicyDeniedError } from './errors/policy-denied-error.js';
import type { Guard } from './guard/guard.js';
import {
  canonicalToolName,
  createUsageAccumulator,
  createVitals,
  decodeToolInput,
  errorType,
  extractStreamUsage,
  extractUsage,
  instrumentStream,
  isTimeoutError,
  isWrapped,
  NameLimiter,
  wrap,
  wrapReasoning,
  wrapRun,
  wrapTool,
} from './index.js';

const RUNS = Number(process.env.AGENTVITALS_FUZZ_RUNS) || 40;
const TIMEOUT = Math.max(30_000, RUNS * 20);

/** The function's own error: the one exception that must pass through. */
const OWN = new Error('the function failed on its own');

/** Values built to hurt whoever reads them; a factory, so every run gets fresh ones. */
const boom = () => {
  throw new Error('hostile getter');
};
const HOSTILE: Record<string, () => unknown> = {
  throwingGetters: () =>
    new Proxy(
      {},
      {
        get: boom,
        has: boom,
        ownKeys: boom,
        getOwnPropertyDescriptor: boom,
        getPrototypeOf: boom,
      },
    ),
  revoked: () => {
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    return proxy;
  },
  revokedFunction: () => {
    const { proxy, revoke } = Proxy.revocable(() => 1, {});
    revoke();
    return proxy;
  },
  thenGetterThrows: () =>
    Object.defineProperty({}, 'then', {
      get: boom,
    }),
  // biome-ignore lint/suspicious/noThenProperty: a hostile thenable is the point
  thenThrows: () => ({ then: boom }),
  toStringThrows: () => ({ toString: boom, valueOf: boom, [Symbol.toPrimitive]: boom }),
  iteratorGetterThrows: () => Object.defineProperty({}, Symbol.asyncIterator, { get: boom }),
  usageGetters: () => ({
    get usage() {
      return boom();
    },
    get model() {
      return boom();
    },
  }),
  usageLike: () => ({
    model: { toString: boom },
    usage: {
      prompt_tokens: Number.NaN,
      completion_tokens: -1,
      get total_tokens() {
        return boom();
      },
    },
  }),
  hostileOptions: () =>
    Object.defineProperties(
      {},
      Object.fromEntries(
        [
          'requestId',
          'model',
          'provider',
          'extractUsage',
          'returnsPromise',
          'maxOutputTokens',
          'validate',
          'inputTokens',
          'outputTokens',
          'cachedInputTokens',
          'operation',
        ].map((key) => [key, { get: boom, enumerable: true }]),
      ),
    ),
  // biome-ignore lint/suspicious/noThenProperty: a hostile thenable is the point
  frozenThenable: () => Object.freeze({ then: (resolve: (v: unknown) => void) => resolve(1) }),
  hugeString: () => 'x'.repeat(100_000),
  nan: () => Number.NaN,
  infinity: () => Number.NEGATIVE_INFINITY,
  symbol: () => Symbol('s'),
  bigint: () => 10n ** 30n,
  rejected: () => {
    const promise = Promise.reject(OWN);
    promise.catch(() => {});
    return promise;
  },
  asyncIterableThatThrows: () => ({
    [Symbol.asyncIterator]: () => ({ next: boom }),
  }),
};

/** A hostile value to build inside the property (fast-check itself must not touch it). */
class Recipe {
  constructor(readonly name: string) {}
}
const hostile: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...Object.keys(HOSTILE)).map((name) => new Recipe(name)),
  fc.anything({ withBigInt: true, withNullPrototype: true, withTypedArray: true, withSparseArray: true }),
);
/** Builds the hostile values a case describes (arrays of them too, for argument lists). */
const realise = (value: unknown): unknown =>
  value instanceof Recipe ? HOSTILE[value.name]!() : Array.isArray(value) ? value.map(realise) : value;

function allowed(error: unknown, configuration = false): boolean {
  if (error === OWN) return true;
  if (isPolicyDeniedError(error) || isCircuitOpenError(error)) return true;
  return configuration && error instanceof TypeError;
}

/** Calls `fn`, awaiting a thenable it returns; fails the property on a disallowed exception. */
async function mustNotEscape(fn: () => unknown, configuration = false): Promise<void> {
  let result: unknown;
  try {
    result = fn();
  } catch (error) {
    if (!allowed(error, configuration)) throw new Error(`escaped: ${describeError(error)}`, { cause: error });
    return;
  }
  let isPromise = false;
  try {
    isPromise = result instanceof Promise;
  } catch {
    isPromise = false;
  }
  if (isPromise) {
    try {
      await result;
    } catch (error) {
      if (!allowed(error, configuration))
        throw new Error(`escaped: ${describeError(error)}`, { cause: error });
    }
  }
}

function describeError(error: unknown): string {
  try {
    return error instanceof Error ? `${error.name}: ${error.message}` : typeof error;
  } catch {
    return 'an unprintable error';
  }
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/** What a call gives its caller: its value (awaited when it is a promise) or what it throws or rejects with. */
async function outcomeOf(fn: () => unknown): Promise<Outcome> {
  let result: unknown;
  try {
    result = fn();
  } catch (error) {
    return { ok: false, error };
  }
  let isPromise = false;
  try {
    isPromise = result instanceof Promise;
  } catch {
    isPromise = false;
  }
  if (!isPromise) return { ok: true, value: result };
  try {
    return { ok: true, value: await result };
  } catch (error) {
    return { ok: false, error };
  }
}

function sameError(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  try {
    return a instanceof Error && b instanceof Error && a.name === b.name && a.message === b.message;
  } catch {
    return false;
  }
}

/**
 * Calls the function bare and through `instrumented`, each with a fresh build of the same
 * hostile value: the instrumented call may only fail the way the bare one does, or with a
 * branded guard error.
 */
async function behavesAsBare(
  recipe: unknown,
  how: [boolean, boolean],
  instrumented: (fn: (...args: unknown[]) => unknown) => unknown,
): Promise<void> {
  const bare = await outcomeOf(() => make(realise(recipe), how)());
  const seen = await outcomeOf(() => instrumented(make(realise(recipe), how)));
  if (seen.ok) return;
  if (isPolicyDeniedError(seen.error) || isCircuitOpenError(seen.error)) return;
  if (!bare.ok && sameError(bare.error, seen.error)) return;
  throw new Error(`escaped: ${describeError(seen.error)}`, { cause: seen.error });
}

const kit = createTestKit({ agentName: 'fuzzed' });
afterAll(() => kit.shutdown());
const vitals = kit.vitals;

/** A function that returns the hostile value, or throws its own error. */
const behaviour = fc.tuple(fc.boolean(), fc.boolean());
const make = (value: unknown, [throws, async]: [boolean, boolean]) =>
  async
    ? async () => {
        if (throws) throw OWN;
        return value;
      }
    : () => {
        if (throws) throw OWN;
        return value;
      };

const property = (
  name: string,
  arbitrary: fc.Arbitrary<unknown[]>,
  body: (...args: any[]) => Promise<void>,
) =>
  it(
    name,
    async () => {
      await fc.assert(
        fc.asyncProperty(arbitrary, (values) => body(...values)),
        { numRuns: RUNS },
      );
    },
    TIMEOUT,
  );

describe('nothing escapes into the agent', () => {
  property('vitals.run', fc.tuple(hostile, hostile, behaviour), async (value, options, how) => {
    await behavesAsBare(value, how, (fn) => vitals.run(fn, realise(options) as never));
  });

  property('vitals.reasoning', fc.tuple(hostile, hostile, behaviour), async (value, options, how) => {
    await behavesAsBare(value, how, (fn) => vitals.reasoning(fn, realise(options) as never));
  });

  property(
    'vitals.tool and vitals.callTool',
    fc.tuple(hostile, hostile, hostile, fc.array(hostile, { maxLength: 3 }), behaviour),
    async (value, name, options, args, how) => {
      await mustNotEscape(() => vitals.tool('t', () => 1, realise(options) as never), true);
      await behavesAsBare(value, how, (fn) => {
        let tool: (...a: unknown[]) => unknown;
        try {
          tool = vitals.tool('t', fn, realise(options) as never);
        } catch {
          tool = vitals.tool('t', fn);
        }
        return tool(...(realise(args) as unknown[]));
      });
      await behavesAsBare(value, how, (fn) =>
        vitals.callTool(
          realise(name) as never,
          fn,
          realise(options),
          realise(args) as never,
          realise(options) as never,
        ),
      );
    },
  );

  property('vitals signal methods', fc.tuple(hostile), async (recipe) => {
    const value = realise(recipe);
    await mustNotEscape(() => vitals.usage(value as never));
    await mustNotEscape(() => vitals.sentiment(value as never));
    await mustNotEscape(() => vitals.thought(value as never));
    await mustNotEscape(() => vitals.thought(() => value as never));
    await mustNotEscape(() => vitals.escalate(value as never).resolve());
    await mustNotEscape(() => vitals.resolveEscalation(value as never));
    await mustNotEscape(() => vitals.action());
    await mustNotEscape(() => vitals.heartbeat());
    await mustNotEscape(() => vitals.currentRequestId());
  });

  property(
    'vitals.queueDepth, read at collection',
    fc.tuple(hostile, fc.boolean()),
    async (recipe, throws) => {
      const value = realise(recipe);
      let handle: { dispose(): void } | undefined;
      await mustNotEscape(() => {
        handle = vitals.queueDepth('q', () => {
          if (throws) throw OWN;
          return value as number;
        });
      }, true);
      await mustNotEscape(() => kit.metric('agent.queue.depth'));
      handle?.dispose();
    },
  );

  property('guards whose verdicts are hostile', fc.tuple(hostile, behaviour), async (verdict, how) => {
    const guard: Guard = { check: () => realise(verdict) as never, attach: () => ({ dispose() {} }) };
    const guarded = createTestKit({ agentName: 'guarded', guard });
    await behavesAsBare(1, how, (fn) => guarded.vitals.tool('t', fn)());
    await behavesAsBare(1, how, (fn) => guarded.vitals.reasoning(fn));
    await guarded.shutdown();
  });

  property(
    'wrap() and the members of a wrapped agent',
    fc.tuple(
      hostile,
      fc.array(hostile, { maxLength: 3 }),
      behaviour,
      fc.constantFrom('run', 'think', 'callTool', 'tool'),
    ),
    async (value, args, how, member) => {
      await behavesAsBare(value, how, (fn) => {
        const agent = wrap({ run: fn, think: fn, callTool: fn, tools: { tool: fn } }, { vitals });
        const method = member === 'tool' ? agent.tools.tool : agent[member as 'run'];
        return method(...(realise(args) as unknown[]));
      });
      const agent = wrap({ plain: realise(value) }, { vitals });
      await mustNotEscape(() => agent.plain);
      await mustNotEscape(() => wrap(realise(value) as never, { vitals }), true);
      await mustNotEscape(() => wrap({}, realise(value) as never), true);
    },
  );

  property(
    'a Proxy agent whose traps throw reads as the unwrapped agent',
    fc.tuple(fc.constantFrom('get', 'getOwnPropertyDescriptor', 'getPrototypeOf', 'has')),
    async (trap) => {
      const inner = { run: () => 'ran', tools: { t: () => 't' }, value: 1 };
      const agent = new Proxy(inner, { [trap]: boom });
      const wrapped = wrap(agent, { vitals });
      for (const key of ['run', 'tools', 'value', 'missing'] as const) {
        let expected: unknown;
        let expectedError: unknown;
        try {
          expected = (agent as Record<string, unknown>)[key];
        } catch (error) {
          expectedError = error;
        }
        let actual: unknown;
        let actualError: unknown;
        try {
          actual = (wrapped as Record<string, unknown>)[key];
        } catch (error) {
          actualError = error;
        }
        expect(actualError === undefined).toBe(expectedError === undefined);
        if (expectedError === undefined && typeof expected !== 'function' && typeof expected !== 'object') {
          expect(actual).toBe(expected);
        }
      }
      if (trap !== 'get') expect(wrapped.run()).toBe('ran');
    },
  );

  property(
    'wrapTool, wrapReasoning, wrapRun',
    fc.tuple(hostile, fc.array(hostile, { maxLength: 3 }), behaviour, hostile),
    async (value, args, how, options) => {
      const call = (fn: (...a: unknown[]) => unknown) => fn(...(realise(args) as unknown[]));
      await behavesAsBare(value, how, (fn) => call(wrapTool('t', fn, { vitals })));
      await behavesAsBare(value, how, (fn) => call(wrapReasoning(fn, { vitals })));
      await behavesAsBare(value, how, (fn) => call(wrapRun(fn, { vitals })));
      await mustNotEscape(() => wrapTool('t', () => 1, realise(options) as never), true);
      await mustNotEscape(() => isWrapped(realise(value)));
    },
  );

  property(
    'createVitals: hostile options are a TypeError or nothing',
    fc.tuple(hostile, hostile),
    async (recipe, field) => {
      await mustNotEscape(() => createVitals(realise(recipe) as never), true);
      await mustNotEscape(() => createVitals({ agentName: 'x', limits: realise(field) } as never), true);
      await mustNotEscape(() => createVitals({ agentName: 'x', guard: realise(field) } as never), true);
    },
  );

  property('usage extraction, names and decoding', fc.tuple(hostile), async (recipe) => {
    const value = realise(recipe);
    await mustNotEscape(() => extractUsage(value));
    await mustNotEscape(() => extractStreamUsage([value] as never));
    await mustNotEscape(() => createUsageAccumulator().add(value));
    await mustNotEscape(() => canonicalToolName(value));
    await mustNotEscape(() => decodeToolInput([value, value]));
    await mustNotEscape(() => new NameLimiter({ kind: 'x', maxDistinct: 2, maxLength: 8 }).bound(value));
    await mustNotEscape(() => errorType(value));
    await mustNotEscape(() => isTimeoutError(value));
    await mustNotEscape(() => instrumentStream(value, () => {}));
  });
});
