// A scripted AI SDK language model (the SDK's own MockLanguageModelV4) whose turns may hold
// several tool calls and cached input tokens; answered as one result or as a stream of parts.
import { convertArrayToReadableStream, MockLanguageModelV4 } from 'ai/test';

export interface Turn {
  readonly toolCalls?: readonly { readonly name: string; readonly input: unknown }[];
  readonly text?: string;
  /** [input (cached included), cached, output] */
  readonly usage: readonly [number, number, number];
}

const usageOf = ([input, cached, output]: readonly [number, number, number]) => ({
  inputTokens: { total: input, noCache: input - cached, cacheRead: cached, cacheWrite: 0 },
  outputTokens: { total: output, text: output, reasoning: 0 },
});

/** A model that answers with turn n when the prompt holds n assistant messages. */
export function turnsModel(turns: readonly Turn[], options: { modelId?: string; provider?: string } = {}) {
  const { modelId = 'gpt-4o-mini', provider = 'openai.chat' } = options;
  const turnOf = (prompt: readonly { role: string }[]) => {
    const index = prompt.filter((message) => message.role === 'assistant').length;
    return { index, turn: turns[Math.min(index, turns.length - 1)]! };
  };
  const contentOf = (turn: Turn, index: number) =>
    turn.toolCalls
      ? turn.toolCalls.map((call, n) => ({
          type: 'tool-call' as const,
          toolCallId: `call-${index}-${n}`,
          toolName: call.name,
          input: JSON.stringify(call.input),
        }))
      : [{ type: 'text' as const, text: turn.text ?? '' }];
  const finishOf = (turn: Turn) =>
    turn.toolCalls
      ? { unified: 'tool-calls' as const, raw: 'tool_calls' }
      : { unified: 'stop' as const, raw: 'stop' };
  return new MockLanguageModelV4({
    provider,
    modelId,
    doGenerate: async ({ prompt }) => {
      const { index, turn } = turnOf(prompt);
      return {
        content: contentOf(turn, index) as any,
        finishReason: finishOf(turn),
        usage: usageOf(turn.usage),
        response: { id: `resp-${index}`, modelId: `${modelId}-2024-07-18`, timestamp: new Date(0) },
        warnings: [],
      };
    },
    doStream: async ({ prompt }) => {
      const { index, turn } = turnOf(prompt);
      const parts: Record<string, unknown>[] = [
        { type: 'stream-start', warnings: [] },
        {
          type: 'response-metadata',
          id: `resp-${index}`,
          modelId: `${modelId}-2024-07-18`,
          timestamp: new Date(0),
        },
      ];
      if (turn.toolCalls) parts.push(...contentOf(turn, index));
      else {
        parts.push(
          { type: 'text-start', id: 't' },
          { type: 'text-delta', id: 't', delta: turn.text ?? '' },
          { type: 'text-end', id: 't' },
        );
      }
      parts.push({ type: 'finish', finishReason: finishOf(turn), usage: usageOf(turn.usage) });
      return { stream: convertArrayToReadableStream(parts) as ReadableStream<any> };
    },
  });
}
