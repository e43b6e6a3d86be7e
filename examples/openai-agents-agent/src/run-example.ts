import { createGuard, DANGEROUS_SHELL_RULES } from '@agentvitals/alerts';
import { instrumentAgent } from '@agentvitals/openai-agents';
import { createTestKit, type HistogramValue } from '@agentvitals/testing';
import { run, setDefaultOpenAIClient, setTraceProcessors, setTracingDisabled } from '@openai/agents';
import OpenAI from 'openai';
import { startScriptedOpenAIServer } from '../../../test/helpers/scripted-openai-server.js';
import { AGENT_NAME, createOrderAgent } from './agent.js';
import { orderModelScript } from './scripted-model.js';

/**
 * Runs the order agent three times (a question, the same question streamed, a request the
 * shell policy refuses) against an in-process stand-in for the OpenAI API on 127.0.0.1, and
 * returns a report of the vitals recorded in memory.
 */
export async function runExample(): Promise<string> {
  const server = await startScriptedOpenAIServer(orderModelScript);
  // Offline: no trace exporter, and the model client points at the stand-in.
  setTraceProcessors([]);
  setTracingDisabled(false);
  setDefaultOpenAIClient(new OpenAI({ baseURL: server.baseURL, apiKey: 'offline-example' }));

  const guard = createGuard({
    rules: [],
    policy: {
      roles: { support: { allow: ['*'], arguments: { shell: DANGEROUS_SHELL_RULES } } },
      defaultRole: 'support',
    },
  });
  const kit = createTestKit({ agentName: AGENT_NAME, guard });
  const lines: string[] = [];
  try {
    // The one line: the agent, its runs, model requests and tools now have vitals and guards.
    const agent = instrumentAgent(createOrderAgent(), kit.vitals);

    const answer = await run(agent, 'Where is order A-1001, and can I get a refund?');
    lines.push(`answer: ${answer.finalOutput}`);
    const stream = await run(agent, 'Where is order A-1001?', { stream: true });
    for await (const _event of stream);
    await stream.completed;
    lines.push(`streamed answer: ${stream.finalOutput}`);
    const cleanup = await run(agent, 'Please clean up the disk.');
    lines.push(`cleanup answer: ${cleanup.finalOutput}`);

    const count = async (name: string, attributes?: Record<string, string>) =>
      (await kit.metric(name, attributes)) as number;
    const histogram = async (name: string, attributes?: Record<string, string>) =>
      (await kit.metric(name, attributes)) as HistogramValue;
    lines.push('', 'vitals:');
    lines.push(`  agent.runs (success): ${await count('agent.runs', { 'agent.run.outcome': 'success' })}`);
    lines.push(
      `  model requests (agent.reasoning.duration count): ${(await histogram('agent.reasoning.duration')).count}`,
    );
    lines.push(
      `  input tokens: ${(await histogram('gen_ai.client.token.usage', { 'gen_ai.token.type': 'input' })).sum}, output tokens: ${(await histogram('gen_ai.client.token.usage', { 'gen_ai.token.type': 'output' })).sum}`,
    );
    lines.push(`  agent.cost: ${(await count('agent.cost')).toFixed(6)} USD`);
    for (const series of await kit.series('agent.tool.calls')) {
      if (series.value.type === 'histogram') continue;
      lines.push(
        `  agent.tool.calls ${series.attributes['gen_ai.tool.name']} ${series.attributes['agent.tool.outcome']}: ${series.value.value}`,
      );
    }
    lines.push('', 'spans of the first run:');
    const spans = kit.spans();
    const firstRun = spans.find((span) => span.name === `invoke_agent ${AGENT_NAME}`);
    if (firstRun) {
      lines.push(`  ${firstRun.name}`);
      for (const child of spans) {
        if (child.parentSpanContext?.spanId !== firstRun.spanContext().spanId) continue;
        const model = child.attributes['gen_ai.response.model'];
        const outcome = child.attributes['agent.tool.outcome'];
        lines.push(
          `    ${child.name}${model ? ` (response model ${model})` : ''}${outcome ? ` -> ${outcome}` : ''}`,
        );
      }
    }
    return lines.join('\n');
  } finally {
    await guard.shutdown();
    await kit.shutdown();
    await server.close();
  }
}
