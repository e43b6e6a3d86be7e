import { convertArrayToReadableStream, MockLanguageModelV4 } from 'ai/test';

/** What the scripted model does at each step of a conversation. */
type Step = { readonly tool: string; readonly input: Record<string, unknown> } | { readonly text: string };

const usage = (input: number, output: number) => ({
  inputTokens: { total: input, noCache: input, cacheRead: 0, cacheWrite: 0 },
  outputTokens: { total: output, text: output, reasoning: 0 },
});

/** The script a conversation follows, chosen by its first user message. */
function scriptFor(question: string): Step[] {
  if (question.includes('clean')) {
    return [{ tool: 'shell', input: { command: 'rm -rf /' } }, { text: 'I may not run that command.' }];
  }
  return [
    { tool: 'lookupOrder', input: { orderId: '42' } },
    { tool: 'carrierStatus', input: { orderId: '42' } },
    { text: 'Order 42 has shipped; the carrier page is down, so no tracking yet.' },
  ];
}

/**
 * An offline stand-in for `openai('gpt-4o-mini')`: the AI SDK's own mock model, answering each
 * request with the next step of a script, with usage and a dated response model id as the real
 * API reports them.
 */
export function scriptedModel(): MockLanguageModelV4 {
  const next = (prompt: readonly { role: string; content: unknown }[]) => {
    const question = JSON.stringify(prompt.find((message) => message.role === 'user')?.content ?? '');
    const index = prompt.filter((message) => message.role === 'assistant').length;
    const script = scriptFor(question);
    return { index, step: script[Math.min(index, script.length - 1)]!, tokens: usage(400 + 150 * index, 40) };
  };
  const metadata = (index: number) => ({
    id: `resp-${index}`,
    modelId: 'gpt-4o-mini-2024-07-18',
    timestamp: new Date(0),
  });
  return new MockLanguageModelV4({
    provider: 'openai.chat',
    modelId: 'gpt-4o-mini',
    doGenerate: async ({ prompt }) => {
      const { index, step, tokens } = next(prompt);
      return {
        content:
          'tool' in step
            ? [
                {
                  type: 'tool-call',
                  toolCallId: `call-${index}`,
                  toolName: step.tool,
                  input: JSON.stringify(step.input),
                },
              ]
            : [{ type: 'text', text: step.text }],
        finishReason: { unified: 'tool' in step ? 'tool-calls' : 'stop', raw: undefined },
        usage: tokens,
        response: metadata(index),
        warnings: [],
      };
    },
    doStream: async ({ prompt }) => {
      const { index, step, tokens } = next(prompt);
      const body =
        'tool' in step
          ? [
              {
                type: 'tool-call',
                toolCallId: `call-${index}`,
                toolName: step.tool,
                input: JSON.stringify(step.input),
              },
            ]
          : [
              { type: 'text-start', id: 't' },
              ...step.text
                .split(' ')
                .map((word, at) => ({ type: 'text-delta', id: 't', delta: at === 0 ? word : ` ${word}` })),
              { type: 'text-end', id: 't' },
            ];
      const parts = [
        { type: 'stream-start', warnings: [] },
        { type: 'response-metadata', ...metadata(index) },
        ...body,
        {
          type: 'finish',
          finishReason: { unified: 'tool' in step ? 'tool-calls' : 'stop', raw: undefined },
          usage: tokens,
        },
      ];
      return { stream: convertArrayToReadableStream(parts) as ReadableStream<any> };
    },
  });
}
