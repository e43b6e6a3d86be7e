import { createTestKit } from '@agentvitals/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { anthropicMessage, geminiResponse, vercelGenerateTextResult } from '../usage/fixtures/responses.js';
import { wrap } from './wrap.js';

const kit = createTestKit({ agentName: 'shapes' });
afterEach(() => kit.reset());
const toolCalls = (name: string, outcome = 'success') =>
  kit.metric('agent.tool.calls', { 'gen_ai.tool.name': name, 'agent.tool.outcome': outcome });

describe('wrap: the shapes real agents use', () => {
  it('a Vercel AI SDK tool set used by a generateText-like loop', async () => {
    // `tool({ description, inputSchema, execute })` objects in a record, as the AI SDK takes them.
    const tools = {
      weather: {
        description: 'Get the weather in a location',
        inputSchema: { type: 'object', properties: { location: { type: 'string' } } },
        execute: async ({ location }: { location: string }, _options: { toolCallId: string }) => ({
          location,
          celsius: 22,
        }),
      },
      cityAttractions: {
        description: 'List attractions',
        inputSchema: { type: 'object' },
        execute: async () => {
          throw new Error('attractions service down');
        },
      },
    };
    // What generateText does with the tool set: look tools up by name and call execute.
    async function generateText(options: { tools: typeof tools; prompt: string }) {
      const calls = [
        { toolName: 'weather', input: { location: 'Berlin' } },
        { toolName: 'cityAttractions', input: {} },
      ] as const;
      for (const call of calls) {
        const tool = options.tools[call.toolName] as {
          execute: (input: unknown, o: object) => Promise<unknown>;
        };
        await tool.execute(call.input, { toolCallId: 'call_1' }).catch(() => undefined);
      }
      return vercelGenerateTextResult;
    }
    const agent = wrap(
      {
        tools,
        async generate(prompt: string) {
          return generateText({ tools: this.tools, prompt });
        },
      },
      { vitals: kit.vitals },
    );
    expect(await agent.generate('weather in Berlin?')).toBe(vercelGenerateTextResult);
    expect(agent.tools.weather.description).toBe('Get the weather in a location');
    expect(await toolCalls('weather')).toBe(1);
    expect(await toolCalls('cityAttractions', 'error')).toBe(1);
    expect(
      await kit.metric('gen_ai.client.token.usage', {
        'gen_ai.token.type': 'input',
        'gen_ai.provider.name': 'openai',
      }),
    ).toMatchObject({ sum: 520 });
  });

  it('an OpenAI-style loop: chat.completions responses with tool_calls dispatched through callTool', async () => {
    const responses = [
      {
        id: 'chatcmpl-1',
        object: 'chat.completion',
        model: 'gpt-4o-2024-08-06',
        choices: [
          {
            index: 0,
            finish_reason: 'tool_calls',
            message: {
              role: 'assistant',
              content: null,
              tool_calls: [
                {
                  id: 'call_abc',
                  type: 'function',
                  function: { name: 'get_order', arguments: '{"id":"A-1"}' },
                },
              ],
            },
          },
        ],
        usage: {
          prompt_tokens: 80,
          completion_tokens: 20,
          total_tokens: 100,
          prompt_tokens_details: { cached_tokens: 0 },
        },
      },
      {
        id: 'chatcmpl-2',
        object: 'chat.completion',
        model: 'gpt-4o-2024-08-06',
        choices: [
          { index: 0, finish_reason: 'stop', message: { role: 'assistant', content: 'Your order shipped.' } },
        ],
        usage: {
          prompt_tokens: 120,
          completion_tokens: 10,
          total_tokens: 130,
          prompt_tokens_details: { cached_tokens: 64 },
        },
      },
    ];
    const client = { chat: { completions: { create: async (_body: object) => responses.shift()! } } };
    class OrderBot {
      readonly handlers: Record<string, (args: { id: string }) => unknown> = {
        get_order: (args) => ({ id: args.id, status: 'shipped' }),
      };
      async complete(messages: object[]) {
        return client.chat.completions.create({ model: 'gpt-4o', messages });
      }
      async callTool(call: { function: { name: string; arguments: string } }) {
        return this.handlers[call.function.name]!(JSON.parse(call.function.arguments));
      }
      async run(question: string) {
        const messages: object[] = [{ role: 'user', content: question }];
        for (;;) {
          const response = await this.complete(messages);
          const message = response.choices[0]!.message as { content: string | null; tool_calls?: never[] };
          if (!message.tool_calls) return message.content;
          for (const call of message.tool_calls)
            messages.push({ role: 'tool', content: await this.callTool(call) });
        }
      }
    }
    const bot = wrap(new OrderBot(), { vitals: kit.vitals, name: 'order-bot' });
    expect(await bot.run('where is A-1?')).toBe('Your order shipped.');
    expect(await kit.metric('agent.runs')).toBe(1);
    expect(
      await kit.metric('agent.reasoning.duration', { 'gen_ai.request.model': 'gpt-4o-2024-08-06' }),
    ).toMatchObject({
      count: 2,
    });
    expect(await kit.metric('gen_ai.client.token.usage', { 'gen_ai.token.type': 'input' })).toMatchObject({
      sum: 200,
    });
    expect(await toolCalls('get_order')).toBe(1);
  });

  it('an Anthropic messages response and a Gemini response', async () => {
    const agent = wrap(
      { think: async () => anthropicMessage, plan: async () => geminiResponse },
      { vitals: kit.vitals },
    );
    await agent.think();
    await agent.plan();
    expect(
      await kit.metric('gen_ai.client.token.usage', {
        'gen_ai.token.type': 'input',
        'gen_ai.provider.name': 'anthropic',
      }),
    ).toMatchObject({ sum: 21 + 188 + 2048 });
    expect(
      await kit.metric('gen_ai.client.token.usage', {
        'gen_ai.token.type': 'output',
        'gen_ai.provider.name': 'gcp.gemini',
      }),
    ).toMatchObject({ sum: 90 });
    const names = kit.spans().map((s) => s.name);
    expect(names).toContain('chat claude-sonnet-4-20250514');
    expect(names).toContain('chat gemini-2.5-flash');
  });

  it('OpenAI Agents SDK function tools in a tools array, invoked as invoke(runContext, input)', async () => {
    // The shape `tool({ name, parameters, execute })` returns: a FunctionTool with invoke.
    const functionTool = (name: string, execute: (input: { city: string }) => Promise<string>) => ({
      type: 'function' as const,
      name,
      description: `${name} tool`,
      parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
      strict: true,
      needsApproval: async () => false,
      isEnabled: async () => true,
      invoke: async (_runContext: unknown, input: string) => execute(JSON.parse(input)),
    });
    const agent = wrap(
      {
        name: 'Weather agent',
        instructions: 'Answer with the weather',
        tools: [
          functionTool('get_weather', async ({ city }) => `sunny in ${city}`),
          functionTool('get_time', async () => '12:00'),
        ],
      },
      { vitals: kit.vitals },
    );
    const weather = agent.tools.find((t) => t.name === 'get_weather')!;
    expect(await weather.invoke({}, '{"city":"Tokyo"}')).toBe('sunny in Tokyo');
    expect(agent.tools).toHaveLength(2);
    expect(Array.isArray(agent.tools)).toBe(true);
    for (const tool of agent.tools) await tool.invoke({}, '{"city":"x"}');
    expect(await toolCalls('get_weather')).toBe(2);
    expect(await toolCalls('get_time')).toBe(1);
  });

  it('a LangChain-style tool class: invoke → call → _call counts once', async () => {
    class DynamicTool {
      name: string;
      description: string;
      func: (input: string) => Promise<string>;
      constructor(fields: { name: string; description: string; func: (input: string) => Promise<string> }) {
        this.name = fields.name;
        this.description = fields.description;
        this.func = fields.func;
      }
      async _call(input: string) {
        return this.func(input);
      }
      async call(input: string) {
        return this._call(input);
      }
      async invoke(input: string, _config?: object) {
        return this.call(input);
      }
    }
    const search = new DynamicTool({
      name: 'web-search',
      description: 'search',
      func: async (q) => `results for ${q}`,
    });
    const agent = wrap({ tools: [search] }, { vitals: kit.vitals });
    const tool = agent.tools[0]!;
    expect(tool).toBeInstanceOf(DynamicTool);
    expect(await tool.invoke('otel')).toBe('results for otel');
    expect(await toolCalls('web-search')).toBe(1);
  });

  it('a dispatcher that looks the tool up in tools counts each call once', async () => {
    const agent = wrap(
      {
        tools: { add: (a: number, b: number) => a + b },
        executeTool(name: 'add', ...args: [number, number]) {
          return this.tools[name](...args);
        },
      },
      { vitals: kit.vitals },
    );
    expect(agent.executeTool('add', 2, 3)).toBe(5);
    expect(await toolCalls('add')).toBe(1);
    expect(await kit.metric('agent.tool.calls')).toBe(1);
  });
});
