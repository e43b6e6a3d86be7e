import { createTestKit, type TestKit } from '@agentvitals/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { wrap } from '../wrap/wrap.js';

/** A lazy query builder in the style of Knex, Drizzle or Mongoose: each `then` runs the query. */
class Query {
  executions = 0;
  constructor(readonly rows: unknown[] | Error) {}
  where() {
    return this;
  }
  // biome-ignore lint/suspicious/noThenProperty: thenables are what this file tests
  then<R1, R2>(onFulfilled?: (rows: unknown[]) => R1, onRejected?: (error: unknown) => R2) {
    this.executions += 1;
    if (this.executions > 1) return Promise.reject(new Error('Query was already executed'));
    const outcome = this.rows instanceof Error ? Promise.reject(this.rows) : Promise.resolve(this.rows);
    return outcome.then(onFulfilled, onRejected);
  }
}

describe('thenables that are not promises', () => {
  let kit: TestKit;
  beforeEach(() => {
    kit = createTestKit({ agentName: 'db-bot' });
  });
  afterEach(() => kit.shutdown());

  it('runs a lazy query once, when the caller awaits it, and records the tool call then', async () => {
    const query = new Query(['row']);
    const find = kit.vitals.tool('db.find', () => query.where());
    const returned = find();
    expect(returned).toBe(query);
    expect(query.executions).toBe(0);
    expect(await kit.metric('agent.tool.calls')).toBe(0);
    expect(await returned).toEqual(['row']);
    expect(query.executions).toBe(1);
    expect(await kit.metric('agent.tool.calls', { 'agent.tool.outcome': 'success' })).toBe(1);
    expect(Object.hasOwn(query, 'then')).toBe(false);
  });

  it('records a lazy query that fails as an error, passing the same error on', async () => {
    const failure = new RangeError('duplicate key');
    await expect(kit.vitals.tool('db.insert', () => new Query(failure))()).rejects.toBe(failure);
    expect(await kit.metric('agent.tool.calls', { 'agent.tool.outcome': 'error' })).toBe(1);
  });

  it('runs lazy thenables from runs, reasoning and wrapped tools once', async () => {
    const queries: Query[] = [];
    const query = () => {
      const q = new Query(['row']);
      queries.push(q);
      return q;
    };
    expect(await kit.vitals.run(() => query())).toEqual(['row']);
    expect(await kit.vitals.reasoning(() => query())).toEqual(['row']);
    const agent = wrap({ tools: { find: () => query() } }, { vitals: kit.vitals });
    expect(await agent.tools.find()).toEqual(['row']);
    expect(queries.map((q) => q.executions)).toEqual([1, 1, 1]);
    expect(await kit.metric('agent.runs', { 'agent.run.outcome': 'success' })).toBe(1);
    expect(await kit.metric('agent.reasoning.duration')).toMatchObject({ count: 1 });
    expect(await kit.metric('agent.tool.calls', { 'agent.tool.outcome': 'success' })).toBe(1);
  });

  it('never throws when a thenable`s then throws; the caller sees it when awaiting', async () => {
    const broken = {
      // biome-ignore lint/suspicious/noThenProperty: thenables are what this file tests
      then() {
        throw new TypeError('then exploded');
      },
    };
    const returned = kit.vitals.tool('t', () => broken)();
    expect(returned).toBe(broken);
    await expect(Promise.resolve().then(() => returned)).rejects.toThrow('then exploded');
    expect(await kit.metric('agent.tool.calls', { 'agent.tool.outcome': 'error' })).toBe(1);
    expect(kit.spans()).toHaveLength(1);
  });

  it('records a frozen thenable when it is returned, without calling its then', async () => {
    let thens = 0;
    const frozen = Object.freeze({
      // biome-ignore lint/suspicious/noThenProperty: thenables are what this file tests
      then(resolve: (value: string) => void) {
        thens += 1;
        resolve('late');
      },
    });
    expect(kit.vitals.tool('t', () => frozen)()).toBe(frozen);
    expect(thens).toBe(0);
    expect(await kit.metric('agent.tool.calls', { 'agent.tool.outcome': 'success' })).toBe(1);
  });

  it('still observes native promises at once', async () => {
    const pending = kit.vitals.tool('t', () => Promise.resolve(1))();
    await pending;
    expect(await kit.metric('agent.tool.calls', { 'agent.tool.outcome': 'success' })).toBe(1);
  });
});
