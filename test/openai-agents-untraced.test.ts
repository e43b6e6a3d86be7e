// Its own file: the integration keeps process-wide state (which agents, which vitals), and
// this case needs one vitals instance in the process.
import { createGuard, DANGEROUS_SHELL_RULES } from '@agentvitals/alerts';
import { instrumentAgent } from '@agentvitals/openai-agents';
import { createTestKit } from '@agentvitals/testing';
import {
  Agent,
  run,
  setDefaultOpenAIClient,
  setTraceProcessors,
  setTracingDisabled,
  tool,
} from '@openai/agents';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type ScriptedOpenAIServer, startScriptedOpenAIServer } from './helpers/scripted-openai-server.js';

let server: ScriptedOpenAIServer;

beforeAll(async () => {
  server = await startScriptedOpenAIServer((request) => {
    const usage = { inputTokens: 50, outputTokens: 5 };
    if (request.toolResults.length > 0) return { ...usage, text: `done: ${request.toolResults.join(' | ')}` };
    return {
      ...usage,
      toolCalls: [
        { name: 'shell', arguments: { command: 'rm -rf /' } },
        { name: 'explode', arguments: {} },
      ],
    };
  });
  setTraceProcessors([]);
  setTracingDisabled(true);
  setDefaultOpenAIClient(new OpenAI({ baseURL: server.baseURL, apiKey: 'test-key' }));
});

afterAll(async () => {
  setTracingDisabled(false);
  await server.close();
});

describe("OpenAI Agents JS with the SDK's tracing off", () => {
  it('still records and guards model requests and tool calls, outside any run', async () => {
    let shellRuns = 0;
    const shell = tool({
      name: 'shell',
      description: 'Runs a shell command.',
      parameters: z.object({ command: z.string() }),
      execute: async () => {
        shellRuns++;
        return 'ran';
      },
    });
    const explode = tool({
      name: 'explode',
      description: 'Always fails.',
      parameters: z.object({}),
      execute: async () => {
        throw new Error('kaboom');
      },
    });
    const guard = createGuard({
      rules: [],
      policy: {
        roles: { ops: { allow: ['*'], arguments: { shell: DANGEROUS_SHELL_RULES } } },
        defaultRole: 'ops',
      },
    });
    const kit = createTestKit({ agentName: 'untraced', guard });
    const agent = instrumentAgent(
      new Agent({ name: 'untraced', instructions: 'Help.', model: 'gpt-4o-mini', tools: [shell, explode] }),
      kit.vitals,
    );
    const result = await run(agent, 'clean up');
    expect(String(result.finalOutput)).toContain('was not run');
    expect(shellRuns).toBe(0);
    expect(await kit.metric('agent.tool.calls', { 'agent.tool.outcome': 'denied' })).toBe(1);
    expect(
      await kit.metric('agent.reasoning.duration', { 'gen_ai.request.model': 'gpt-4o-mini' }),
    ).toMatchObject({
      count: 2,
    });
    expect(await kit.metric('agent.runs')).toBe(0);
    // Without the SDK's spans, a tool error that tool() turned into a message cannot be seen.
    expect(
      await kit.metric('agent.tool.calls', {
        'gen_ai.tool.name': 'explode',
        'agent.tool.outcome': 'success',
      }),
    ).toBe(1);
    await guard.shutdown();
    await kit.shutdown();
  });
});
