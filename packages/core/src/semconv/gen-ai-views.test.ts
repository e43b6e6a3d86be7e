import { describe, expect, it } from 'vitest';
import { ATTR_GEN_AI_OPERATION_NAME } from './attributes.js';
import { GEN_AI_SEMCONV_STREAMS, genAiSemconvViews } from './gen-ai-views.js';

describe('genAiSemconvViews', () => {
  it('renames each duration instrument to its semantic-convention name and adds the operation', () => {
    const views = genAiSemconvViews({ cardinalityLimit: 50 });
    expect(views.map((view) => [view.instrumentName, view.name])).toEqual([
      ['agent.reasoning.duration', 'gen_ai.client.operation.duration'],
      ['agent.run.duration', 'gen_ai.invoke_agent.duration'],
      ['agent.tool.duration', 'gen_ai.execute_tool.duration'],
    ]);
    for (const view of views) expect(view.aggregationCardinalityLimit).toBe(50);
    const incoming = { 'gen_ai.agent.name': 'bot', 'gen_ai.tool.name': 'search' };
    const out = views[2]!.attributesProcessors[0]!.process(incoming);
    expect(out).toEqual({ ...incoming, [ATTR_GEN_AI_OPERATION_NAME]: 'execute_tool' });
    expect(incoming).not.toHaveProperty(ATTR_GEN_AI_OPERATION_NAME);
  });

  it('leaves the cardinality limit to the SDK when none is given', () => {
    for (const view of genAiSemconvViews()) expect(view).not.toHaveProperty('aggregationCardinalityLimit');
    expect(GEN_AI_SEMCONV_STREAMS.every((stream) => stream.source.unit === 's')).toBe(true);
  });
});
