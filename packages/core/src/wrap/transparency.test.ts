import { createTestKit } from '@agentvitals/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { wrap } from './wrap.js';

const kit = createTestKit({ agentName: 'transparent' });
afterEach(() => kit.reset());
const options = { vitals: kit.vitals };

class Base {
  greet() {
    return 'hello';
  }
}

class PrivateAgent extends Base {
  #secret = 's3cr3t';
  #calls = 0;
  static kind = 'private';
  get secretLength() {
    return this.#secret.length;
  }
  set secret(value: string) {
    this.#secret = value;
  }
  run(input: string) {
    this.#calls += 1;
    return `${input}:${this.#secret}:${this.#calls}`;
  }
  peek() {
    return this.#secret;
  }
}

describe('wrap transparency', () => {
  it('keeps return values identical and sync calls sync', async () => {
    const value = { answer: 42 };
    const agent = wrap({ run: () => value, think: () => value }, options);
    expect(agent.run()).toBe(value);
    expect(agent.think()).toBe(value);
    expect(await kit.metric('agent.runs')).toBe(1);
  });

  it('keeps async calls async, returning the same promise for plain async results', async () => {
    const agent = wrap({ run: async () => 'done' }, options);
    const result = agent.run();
    expect(result).toBeInstanceOf(Promise);
    expect(await result).toBe('done');
  });

  it('rethrows the very same objects, including non-Error values, sync and async', async () => {
    const thrown = { code: 'E_WEIRD' };
    const agent = wrap(
      {
        run() {
          throw thrown;
        },
        async think() {
          throw 'a string';
        },
      },
      options,
    );
    expect(() => agent.run()).toThrow();
    try {
      agent.run();
    } catch (error) {
      expect(error).toBe(thrown);
    }
    await expect(agent.think()).rejects.toBe('a string');
    expect(await kit.metric('agent.runs', { 'agent.run.outcome': 'error' })).toBe(2);
  });

  it('keeps #private fields, getters, setters, inheritance, statics and instanceof', async () => {
    const original = new PrivateAgent();
    const agent = wrap(original, options);
    expect(agent).toBeInstanceOf(PrivateAgent);
    expect(agent).toBeInstanceOf(Base);
    expect(agent.run('a')).toBe('a:s3cr3t:1');
    expect(agent.secretLength).toBe(6);
    agent.secret = 'changed';
    expect(agent.peek()).toBe('changed');
    expect(original.peek()).toBe('changed');
    expect(agent.greet()).toBe('hello');
    expect((agent.constructor as typeof PrivateAgent).kind).toBe('private');
    expect(await kit.metric('agent.runs')).toBe(1);
  });

  it('gives `this` as the wrapped agent so its own calls are recorded', async () => {
    const agent = wrap(
      {
        name: 'plain',
        run() {
          return [this.name, this.think()];
        },
        think() {
          return this === agent;
        },
      },
      options,
    );
    expect(agent.run()).toEqual(['plain', true]);
    expect(await kit.metric('agent.reasoning.duration')).toMatchObject({ count: 1 });
  });

  it('keeps symbols, non-enumerable members and getters that throw', () => {
    const tag = Symbol('tag');
    const target = {
      [tag]: 'tagged',
      [Symbol.iterator]: function* () {
        yield 1;
        yield 2;
      },
      get broken(): never {
        throw new SyntaxError('getter failed');
      },
    };
    Object.defineProperty(target, 'hidden', {
      value: () => 'hidden',
      enumerable: false,
      configurable: true,
      writable: true,
    });
    const agent = wrap(target, options) as typeof target & { hidden(): string };
    expect(agent[tag]).toBe('tagged');
    expect([...agent]).toEqual([1, 2]);
    expect(agent.hidden()).toBe('hidden');
    expect(Object.keys(agent)).toEqual(Object.keys(target));
    expect(() => agent.broken).toThrow(SyntaxError);
  });

  it('obeys the Proxy invariants for frozen objects and non-configurable read-only members', async () => {
    const run = () => 'frozen run';
    const frozen = wrap(Object.freeze({ run }), options);
    expect(frozen.run).toBe(run);
    expect(frozen.run()).toBe('frozen run');
    const fixed = {};
    Object.defineProperty(fixed, 'think', { value: () => 'fixed', configurable: false, writable: false });
    const agent = wrap(fixed as { think(): string }, options);
    expect(agent.think()).toBe('fixed');
    expect(Object.isFrozen(frozen)).toBe(true);

    class FrozenAgent {
      run() {
        return 'class run';
      }
    }
    const frozenInstance = wrap(Object.freeze(new FrozenAgent()), options);
    expect(frozenInstance.run()).toBe('class run');
    expect(await kit.metric('agent.runs')).toBe(1);
  });

  it('hands out the same wrapped function on every access and calls everything once', async () => {
    let calls = 0;
    const agent = wrap(
      {
        run() {
          calls += 1;
          return calls;
        },
        tools: { search: () => 'hit' },
      },
      options,
    );
    expect(agent.run).toBe(agent.run);
    expect(agent.tools).toBe(agent.tools);
    expect(agent.tools.search).toBe(agent.tools.search);
    expect(agent.run.name).toBe('run');
    expect(agent.run()).toBe(1);
    expect(calls).toBe(1);
  });

  it('wraps tools assigned later', async () => {
    const agent = wrap({ tools: {} as Record<string, () => string> }, options);
    agent.tools = { fresh: () => 'new tool' };
    expect(agent.tools.fresh!()).toBe('new tool');
    expect(await kit.metric('agent.tool.calls', { 'gen_ai.tool.name': 'fresh' })).toBe(1);
  });

  it('keeps generator runs generators, covering the iteration with the run span', async () => {
    class Streamer {
      *run(n: number) {
        for (let i = 0; i < n; i++) yield i;
        return 'end';
      }
      async *respond() {
        yield 'a';
        yield 'b';
      }
    }
    const agent = wrap(new Streamer(), options);
    const generator = agent.run(3);
    expect(Object.prototype.toString.call(generator)).toBe('[object Generator]');
    expect(generator).toBeInstanceOf(Streamer.prototype.run as never);
    expect(kit.spans()).toHaveLength(0);
    expect([...generator]).toEqual([0, 1, 2]);
    await Promise.resolve();
    expect(kit.spans()).toHaveLength(1);

    const early = agent.respond();
    expect(Object.prototype.toString.call(early)).toBe('[object AsyncGenerator]');
    for await (const _ of early) break;
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(await kit.metric('agent.runs', { 'agent.run.outcome': 'success' })).toBe(2);
  });

  it('records a generator that throws as a failed run', async () => {
    const agent = wrap(
      {
        *run() {
          yield 1;
          throw new TypeError('bad step');
        },
      },
      options,
    );
    expect(() => [...agent.run()]).toThrow(TypeError);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(await kit.metric('agent.runs', { 'agent.run.outcome': 'error' })).toBe(1);
  });

  it('keeps built-ins with internal slots working', () => {
    const map = new Map([['run', 1]]);
    const agent = wrap(map, options);
    expect(agent.get('run')).toBe(1);
    expect(agent.size).toBe(1);
  });
});
