// A scripted AI SDK language model (the SDK's own MockLanguageModelV4): each request answers
// with the next step of a script, as one generate result or as a stream of parts.
import { convertArrayToReadableStream, MockLanguageModelV4 } from 'ai/test';

type StreamPart = Record<string, unknown> & { type: string };

export type Step =
  | {
      readonly toolCall: { readonly name: string; readonly input: unknown };
      readonly usage?: [number, number];
    }
  | { readonly text: string; readonly usage?: [number, number] };

export const REQUESTED_MODEL = 'gpt-4o-mini';
export const RESPONSE_MODEL = 'gpt-4o-mini-2024-07-18';

const usageOf = ([input, output]: [number, number]) => ({
  inputTokens: { total: input, noCache: input, cacheRead: 0, cacheWrite: 0 },
  outputTokens: { total: output, text: output, reasoning: 0 },
});

function contentOf(step: Step, index: number) {
  return 'toolCall' in step
    ? [
        {
          type: 'tool-call' as const,
          toolCallId: `call-${index}`,
          toolName: step.toolCall.name,
          input: JSON.stringify(step.toolCall.input),
        },
      ]
    : [{ type: 'text' as const, text: step.text }];
}

function partsOf(step: Step, index: number): StreamPart[] {
  const finish = {
    type: 'finish' as const,
    finishReason:
      'toolCall' in step
        ? { unified: 'tool-calls' as const, raw: 'tool_calls' }
        : { unified: 'stop' as const, raw: 'stop' },
    usage: usageOf(step.usage ?? [100, 10]),
  };
  const head: StreamPart[] = [
    { type: 'stream-start', warnings: [] },
    { type: 'response-metadata', id: `resp-${index}`, modelId: RESPONSE_MODEL, timestamp: new Date(0) },
  ];
  if ('toolCall' in step) return [...head, ...(contentOf(step, index) as StreamPart[]), finish];
  return [
    ...head,
    { type: 'text-start', id: 't' },
    { type: 'text-delta', id: 't', delta: step.text },
    { type: 'text-end', id: 't' },
    finish,
  ];
}

/**
 * A model that answers the requests of one conversation with `script` in order. The step is
 * chosen by the number of assistant turns already in the prompt, so concurrent conversations
 * on one model each follow the script from its start.
 */
export function scriptedModel(
  script: readonly Step[],
  options: { modelId?: string; usageFor?: (prompt: string) => [number, number] } = {},
): MockLanguageModelV4 {
  const { modelId = REQUESTED_MODEL, usageFor } = options;
  const stepOf = (prompt: readonly { role: string; content: unknown }[]) => {
    const index = prompt.filter((message) => message.role === 'assistant').length;
    const scripted = script[Math.min(index, script.length - 1)]!;
    const step = usageFor
      ? {
          ...scripted,
          usage: usageFor(JSON.stringify(prompt.find((message) => message.role === 'user')?.content)),
        }
      : scripted;
    return { index, step };
  };
  return new MockLanguageModelV4({
    provider: 'openai.chat',
    modelId,
    doGenerate: async ({ prompt }) => {
      const { index, step } = stepOf(prompt);
      return {
        content: contentOf(step, index) as any,
        finishReason:
          'toolCall' in step
            ? { unified: 'tool-calls', raw: 'tool_calls' }
            : { unified: 'stop', raw: 'stop' },
        usage: usageOf(step.usage ?? [100, 10]),
        response: { id: `resp-${index}`, modelId: RESPONSE_MODEL, timestamp: new Date(0) },
        warnings: [],
      };
    },
    doStream: async ({ prompt }) => {
      const { index, step } = stepOf(prompt);
      return { stream: convertArrayToReadableStream(partsOf(step, index)) as ReadableStream<any> };
    },
  });
}
