// Without `vitals`, the AI SDK and Mastra integrations record on the global providers under a
// name taken from the agent (docs/integrations.md, the `name` option).
import { vitalsAgent as vitalsAiSdkAgent, withVitals } from '@agentvitals/ai-sdk';
import { vitalsAgent as vitalsMastraAgent } from '@agentvitals/mastra';
import { createTestKit } from '@agentvitals/testing';
import { Agent } from '@mastra/core/agent';
import { trace } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { generateText, ToolLoopAgent } from 'ai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { turnsModel } from './turns-model.js';

const exporter = new InMemorySpanExporter();
const provider = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] });
// The kit registers a context manager; its own providers are not used here.
const kit = createTestKit();

beforeAll(() => {
  trace.setGlobalTracerProvider(provider);
});

afterAll(async () => {
  trace.disable();
  await provider.shutdown();
  await kit.shutdown();
});

const model = () => turnsModel([{ text: 'Hello.', usage: [10, 0, 1] }]);

/** The `gen_ai.agent.name` of the run span and of the model call inside it. */
function namesOfLastRun(): string[] {
  const spans = exporter.getFinishedSpans();
  const run = spans.filter((span) => span.name.startsWith('invoke_agent')).at(-1)!;
  const inside = spans.filter((span) => span.spanContext().traceId === run.spanContext().traceId);
  return [...new Set(inside.map((span) => String(span.attributes['gen_ai.agent.name'])))];
}

describe('the agent name when no vitals instance is given', () => {
  it("is a ToolLoopAgent's id, else agent", async () => {
    await vitalsAiSdkAgent(new ToolLoopAgent({ id: 'support-bot', model: model() })).generate({
      prompt: 'hi',
    });
    expect(namesOfLastRun()).toEqual(['support-bot']);
    await vitalsAiSdkAgent(new ToolLoopAgent({ model: model() })).generate({ prompt: 'hi' });
    expect(namesOfLastRun()).toEqual(['agent']);
  });

  it('is the name given to withVitals, else agent', async () => {
    await withVitals(generateText, { name: 'order-bot' })({ model: model(), prompt: 'hi' });
    expect(namesOfLastRun()).toEqual(['order-bot']);
    await withVitals(generateText)({ model: model(), prompt: 'hi' });
    expect(namesOfLastRun()).toEqual(['agent']);
  });

  it("is a Mastra Agent's name", async () => {
    const agent = new Agent({
      id: 'support',
      name: 'Support desk',
      instructions: 'Help.',
      model: model() as never,
    });
    await vitalsMastraAgent(agent).generate('hi');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(namesOfLastRun()).toEqual(['Support desk']);
  });
});
