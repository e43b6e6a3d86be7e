import { createTestKit } from '@agentvitals/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isWrapped } from './registry.js';
import { wrap } from './wrap.js';

const kit = createTestKit({ agentName: 'support-bot' });
afterEach(() => kit.reset());

const completion = (model: string, input: number, output: number) => ({
  id: 'chatcmpl-1',
  object: 'chat.completion',
  model,
  choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }],
  usage: { prompt_tokens: input, completion_tokens: output, total_tokens: input + output },
});

/** A hand-written agent: a run that thinks, then uses its tools. */
class SupportAgent {
  calls: string[] = [];
  readonly tools = {
    search: async (query: string) => {
      this.calls.push(`search:${query}`);
      return [`doc about ${query}`];
    },
    refund: (orderId: string) => {
      if (orderId === 'bad') throw new RangeError('unknown order');
      return { refunded: orderId };
    },
  };
  async think(question: string) {
    this.calls.push(`think:${question}`);
    return completion('gpt-4o-mini', 120, 30);
  }
  async run(question: string) {
    await this.think(question);
    const docs = await this.tools.search(question);
    return `answer from ${docs[0]}`;
  }
  summary() {
    return this.calls.join(',');
  }
}

describe('wrap: a hand-written class agent', () => {
  it('records the run, the reasoning call with its usage, and the tool call, all in one trace', async () => {
    const agent = wrap(new SupportAgent(), { vitals: kit.vitals });
    expect(await agent.run('refunds')).toBe('answer from doc about refunds');

    expect(await kit.metric('agent.runs', { 'agent.run.outcome': 'success' })).toBe(1);
    expect(
      await kit.metric('agent.reasoning.duration', { 'gen_ai.request.model': 'gpt-4o-mini' }),
    ).toMatchObject({ count: 1 });
    expect(await kit.metric('gen_ai.client.token.usage', { 'gen_ai.token.type': 'input' })).toMatchObject({
      sum: 120,
    });
    expect(
      await kit.metric('agent.tool.calls', { 'gen_ai.tool.name': 'search', 'agent.tool.outcome': 'success' }),
    ).toBe(1);
    expect(await kit.metric('agent.actions')).toBe(1);

    const spans = kit.spans();
    expect(spans.map((s) => s.name).sort()).toEqual([
      'chat gpt-4o-mini',
      'execute_tool search',
      'invoke_agent support-bot',
    ]);
    const run = spans.find((s) => s.name.startsWith('invoke_agent'))!;
    for (const span of spans) expect(span.spanContext().traceId).toBe(run.spanContext().traceId);
    const requestIds = new Set(spans.map((s) => s.attributes['agent.request.id']));
    expect(requestIds.size).toBe(1);
  });

  it('records tool errors with the thrown object passing through', async () => {
    const agent = wrap(new SupportAgent(), { vitals: kit.vitals });
    let thrown: unknown;
    try {
      agent.tools.refund('bad');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(RangeError);
    expect(agent.tools.refund('A-1')).toEqual({ refunded: 'A-1' });
    expect(
      await kit.metric('agent.tool.calls', { 'gen_ai.tool.name': 'refund', 'agent.tool.outcome': 'error' }),
    ).toBe(1);
    expect(
      await kit.metric('agent.tool.calls', { 'gen_ai.tool.name': 'refund', 'agent.tool.outcome': 'success' }),
    ).toBe(1);
  });

  it('records a failed run as an error and rethrows the same object', async () => {
    const failure = new Error('model unavailable');
    const agent = wrap(
      {
        async run() {
          throw failure;
        },
      },
      { vitals: kit.vitals },
    );
    await expect(agent.run()).rejects.toBe(failure);
    expect(await kit.metric('agent.runs', { 'agent.run.outcome': 'error' })).toBe(1);
  });

  it('follows the member lists given, and false turns a kind off', async () => {
    const agent = wrap(
      {
        chat: () => completion('gpt-4o', 5, 5),
        run: () => 'ran',
        tools: { lookup: () => 1 },
      },
      { vitals: kit.vitals, reasoning: ['chat'], runs: false, tools: false },
    );
    agent.chat();
    expect(agent.run()).toBe('ran');
    expect(agent.tools.lookup()).toBe(1);
    expect(await kit.metric('agent.reasoning.duration')).toMatchObject({ count: 1 });
    expect(await kit.metric('agent.runs')).toBe(0);
    expect(await kit.metric('agent.tool.calls')).toBe(0);
  });

  it('applies validators, model and provider defaults, a request id from the arguments, and a custom extractor', async () => {
    const agent = wrap(
      {
        tools: { search: (q: string) => (q === 'empty' ? [] : ['hit']) },
        handle(ticket: { id: string }) {
          return this.tools.search(ticket.id);
        },
        reason: () => ({ tokens: { in: 7, out: 3 } }),
      },
      {
        vitals: kit.vitals,
        validators: { search: (result: unknown[]) => result.length > 0 || 'no results' },
        requestId: (ticket: { id: string }) => `ticket-${ticket.id}`,
        model: 'local-llama',
        provider: 'ollama',
        extractUsage: (result) => {
          const tokens = (result as { tokens: { in: number; out: number } }).tokens;
          return { inputTokens: tokens.in, outputTokens: tokens.out };
        },
      },
    );
    agent.handle({ id: 'empty' });
    agent.reason();
    expect(await kit.metric('agent.tool.calls', { 'agent.tool.outcome': 'invalid' })).toBe(1);
    expect(kit.spans().find((s) => s.name.startsWith('invoke_agent'))!.attributes['agent.request.id']).toBe(
      'ticket-empty',
    );
    expect(
      await kit.metric('gen_ai.client.token.usage', {
        'gen_ai.request.model': 'local-llama',
        'gen_ai.provider.name': 'ollama',
      }),
    ).toMatchObject({ count: 2, sum: 10 });
  });

  it('rejects bad options at wrap time, naming each field', () => {
    expect(() => wrap(null as never)).toThrow(TypeError);
    expect(() => wrap((() => 1) as never)).toThrow(/wrapRun/);
    expect(() =>
      wrap({}, {
        vitals: {} as never,
        runs: 'run' as never,
        validators: { a: 1 as never },
        colour: 'red',
      } as never),
    ).toThrow(
      /unknown option 'colour'.*'runs' must be an array.*'vitals' must be a vitals instance.*'validators.a'/,
    );
  });

  it('returns the same wrapped agent when wrapped again, so nothing is counted twice', async () => {
    const agent = wrap(new SupportAgent(), { vitals: kit.vitals });
    expect(wrap(agent)).toBe(agent);
    expect(isWrapped(agent)).toBe(true);
    const rewrapped = wrap(agent, { vitals: kit.vitals });
    await rewrapped.run('x');
    expect(await kit.metric('agent.runs')).toBe(1);
    expect(await kit.metric('agent.reasoning.duration')).toMatchObject({ count: 1 });
  });

  it('records runs and tool calls an agent schedules from inside a run as calls of their own', async () => {
    let polls = 0;
    const agent = wrap(
      {
        tools: { fetch: async () => ['message'] },
        async run(): Promise<void> {
          polls += 1;
          await this.tools.fetch();
          if (polls < 3) setTimeout(() => void this.run(), 1);
        },
      },
      { vitals: kit.vitals },
    );
    await agent.run();
    await vi.waitFor(() => expect(polls).toBe(3));
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(await kit.metric('agent.runs', { 'agent.run.outcome': 'success' })).toBe(3);
    expect(await kit.metric('agent.tool.calls', { 'gen_ai.tool.name': 'fetch' })).toBe(3);
    const runSpans = kit.spans().filter((s) => s.name.startsWith('invoke_agent'));
    expect(new Set(runSpans.map((s) => s.attributes['agent.request.id'])).size).toBe(3);
  });
});
