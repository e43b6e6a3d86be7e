import { createGuard, createToolPolicy, DANGEROUS_SHELL_RULES } from '@agentvitals/alerts';
import { createTestKit, type HistogramValue } from '@agentvitals/testing';
import { createSupportAgent } from './agent.js';

export const AGENT_NAME = 'order-support';

/**
 * Runs the agent three times (generate, stream, and a request the tool policy refuses) and
 * returns its vitals as text. The signals are collected in memory so the example runs
 * offline; in production, `start()` from `@agentvitals/node` exports the same signals.
 */
export async function runDemo(): Promise<string> {
  const kit = createTestKit({ agentName: AGENT_NAME });
  const guard = createGuard({
    rules: [],
    policy: createToolPolicy({
      roles: { support: { arguments: { shell: DANGEROUS_SHELL_RULES } } },
      defaultRole: 'support',
    }),
  });
  const agent = createSupportAgent(kit.vitals, guard);
  const lines: string[] = [];
  try {
    const generated = await agent.generate({ prompt: 'Where is order 42?' });
    lines.push(`generate(): ${generated.text}`);
    const streamed = await agent.stream({ prompt: 'Where is order 42, again?' });
    let text = '';
    for await (const delta of streamed.textStream) text += delta;
    lines.push(`stream():   ${text}`);
    const refused = await agent.generate({ prompt: 'Please clean the disk.' });
    lines.push(`generate(): ${refused.text}`, '');
    await streamed.totalUsage;
    await new Promise((resolve) => setTimeout(resolve, 10));
    lines.push(...(await summary(kit)));
  } finally {
    await guard.shutdown();
    await kit.shutdown();
  }
  return lines.join('\n');
}

async function summary(kit: ReturnType<typeof createTestKit>): Promise<string[]> {
  const count = async (name: string, attributes = {}) => (await kit.metric(name, attributes)) as number;
  const histogram = async (name: string, attributes = {}) =>
    (await kit.metric(name, attributes)) as HistogramValue;
  const reasoning = await histogram('agent.reasoning.duration');
  const input = await histogram('gen_ai.client.token.usage', { 'gen_ai.token.type': 'input' });
  const output = await histogram('gen_ai.client.token.usage', { 'gen_ai.token.type': 'output' });
  const lines = [
    'vitals',
    `  agent.runs                  ${await count('agent.runs', { 'agent.run.outcome': 'success' })} success, ${await count('agent.runs', { 'agent.run.outcome': 'error' })} error`,
    `  agent.reasoning.duration    ${reasoning.count} model requests`,
    `  gen_ai.client.token.usage   ${input.sum} input, ${output.sum} output tokens`,
    `  agent.cost                  ${(await count('agent.cost')).toFixed(6)} USD`,
  ];
  for (const series of await kit.series('agent.tool.calls')) {
    const { 'gen_ai.tool.name': toolName, 'agent.tool.outcome': outcome } = series.attributes;
    lines.push(
      `  agent.tool.calls            ${toolName} ${outcome}: ${await count('agent.tool.calls', series.attributes)}`,
    );
  }
  const spans = kit.spans();
  const run = spans.find((span) => span.name.startsWith('invoke_agent'));
  if (run) {
    const traceId = run.spanContext().traceId;
    lines.push('', 'first run, as a trace');
    lines.push(`  ${run.name}`);
    const children = spans
      .filter((span) => span.spanContext().traceId === traceId && span !== run)
      .sort((a, b) => a.startTime[0] - b.startTime[0] || a.startTime[1] - b.startTime[1]);
    for (const span of children) {
      const model = span.attributes['gen_ai.response.model'];
      const outcome = span.attributes['error.type'] ? ` (${span.attributes['error.type']})` : '';
      lines.push(`    ${span.name}${model ? ` -> ${model}` : ''}${outcome}`);
    }
  }
  return lines;
}
