import { describe, expect, it } from 'vitest';
import { type ModelStreamEnd, observeModelStream } from './observe-model-stream.js';

const usage = {
  inputTokens: { total: 10, noCache: 10, cacheRead: 0, cacheWrite: 0 },
  outputTokens: { total: 4, text: 4, reasoning: 0 },
};

const PARTS = [
  { type: 'stream-start', warnings: [] },
  { type: 'response-metadata', id: 'r', modelId: 'gpt-4o-mini-2024-07-18' },
  { type: 'text-delta', id: 't', delta: 'hi' },
  { type: 'finish', finishReason: { unified: 'stop' }, usage },
];

function source(parts: unknown[], failWith?: Error) {
  return new ReadableStream<unknown>({
    start(controller) {
      for (const part of parts) controller.enqueue(part);
      if (failWith) controller.error(failWith);
      else controller.close();
    },
  });
}

async function readAll(stream: ReadableStream<unknown>) {
  const parts: unknown[] = [];
  for await (const part of stream) parts.push(part);
  return parts;
}

describe('observeModelStream', () => {
  it('yields the very same parts and ends once with the usage and the response model', async () => {
    const ends: ModelStreamEnd[] = [];
    const parts = await readAll(observeModelStream(source(PARTS), (end) => ends.push(end)));
    expect(parts).toHaveLength(PARTS.length);
    for (const [index, part] of parts.entries()) expect(part).toBe(PARTS[index]);
    expect(ends).toEqual([
      { usage: { inputTokens: 10, outputTokens: 4, cachedInputTokens: 0, model: 'gpt-4o-mini-2024-07-18' } },
    ]);
  });

  it('ends with the error of a failing stream, which still reaches the reader', async () => {
    const ends: ModelStreamEnd[] = [];
    const failure = new Error('connection reset');
    await expect(
      readAll(observeModelStream(source(PARTS.slice(0, 2), failure), (end) => ends.push(end))),
    ).rejects.toBe(failure);
    expect(ends).toHaveLength(1);
    expect(ends[0]!.error).toBe(failure);
  });

  it('ends with the error an error part carries, passing the part on', async () => {
    const ends: ModelStreamEnd[] = [];
    const failure = new Error('overloaded');
    const parts = await readAll(
      observeModelStream(source([PARTS[0], { type: 'error', error: failure }, PARTS[3]]), (end) =>
        ends.push(end),
      ),
    );
    expect(parts).toHaveLength(3);
    expect(ends[0]!.error).toBe(failure);
  });

  it('ends when the consumer cancels, without waiting for the rest', async () => {
    const ends: ModelStreamEnd[] = [];
    const observed = observeModelStream(source(PARTS), (end) => ends.push(end));
    const reader = observed.getReader();
    await reader.read();
    await reader.cancel();
    expect(ends).toEqual([{ usage: undefined }]);
  });

  it('passes parts with throwing getters on unread', async () => {
    const hostile = {
      get type(): string {
        throw new Error('no');
      },
    };
    const ends: ModelStreamEnd[] = [];
    const parts = await readAll(observeModelStream(source([hostile]), (end) => ends.push(end)));
    expect(parts[0]).toBe(hostile);
    expect(ends).toEqual([{ usage: undefined }]);
  });
});
