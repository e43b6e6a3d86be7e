import { createTestKit } from '@agentvitals/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { anthropicEvents, openAiChatChunks } from '../usage/fixtures/stream-chunks.js';
import { instrumentStream, type StreamEnd } from './streams.js';

async function* chunks<T>(items: readonly T[], failAfter?: number): AsyncGenerator<T> {
  for (const [index, item] of items.entries()) {
    if (index === failAfter) throw new Error('connection reset');
    yield item;
  }
}

/** Like OpenAI's `Stream`: a class with `#private` state, a controller and extra methods. */
class SdkStream<T> {
  readonly #items: readonly T[];
  readonly controller = new AbortController();
  constructor(items: readonly T[]) {
    this.#items = items;
  }
  async *[Symbol.asyncIterator](): AsyncGenerator<T> {
    yield* this.#items;
  }
  count(): number {
    return this.#items.length;
  }
  async finalMessage(): Promise<unknown> {
    return {
      type: 'message',
      role: 'assistant',
      model: 'claude-x',
      usage: { input_tokens: 3, output_tokens: 4 },
    };
  }
}

/**
 * Like Anthropic's `MessageStream`: it reads its events itself, so a consumer that only awaits
 * `finalText()` or `done()` sees none of them; `on()` returns the stream for chaining.
 */
class HelperStream {
  readonly #listeners: Record<'text' | 'end', Array<(text: string) => void>> = { text: [], end: [] };
  readonly #end: Promise<void>;
  constructor(fail = false) {
    this.#end = Promise.resolve().then(() => {
      if (fail) throw new Error('overloaded');
      for (const listener of this.#listeners.text) listener('Hi');
    });
    this.#end.catch(() => {});
    // Like the SDK's helpers: 'end' follows a success and a failure alike.
    const emitEnd = () => {
      for (const listener of this.#listeners.end) listener('');
    };
    this.#end.then(emitEnd, emitEnd);
  }
  on(event: 'text', listener: (text: string) => void): this;
  on(event: 'end', listener: () => void): this;
  on(event: 'text' | 'end', listener: (text: string) => void): this {
    this.#listeners[event].push(listener);
    return this;
  }
  async *[Symbol.asyncIterator](): AsyncGenerator<string> {
    await this.#end;
    yield 'Hi';
  }
  async done(): Promise<void> {
    await this.#end;
  }
  async finalMessage(): Promise<unknown> {
    await this.done();
    return {
      type: 'message',
      role: 'assistant',
      model: 'claude-x',
      content: [{ type: 'text', text: 'Hi' }],
      usage: { input_tokens: 3, cache_read_input_tokens: 5, output_tokens: 4 },
    };
  }
  async finalText(): Promise<string> {
    await this.done();
    return 'Hi';
  }
  async withResponse(): Promise<{ data: HelperStream; response: string }> {
    await this.#end;
    return { data: this, response: 'the response' };
  }
}

const HELPER_USAGE = {
  inputTokens: 8,
  outputTokens: 4,
  cachedInputTokens: 5,
  model: 'claude-x',
  provider: 'anthropic',
};

function recorder() {
  const ends: StreamEnd[] = [];
  return { ends, onEnd: (end: StreamEnd) => ends.push(end) };
}

const readable = <T>(items: readonly T[]) =>
  new ReadableStream<T>({
    start(controller) {
      for (const item of items) controller.enqueue(item);
      controller.close();
    },
  });

describe('instrumentStream', () => {
  it('returns undefined for non-streams', () => {
    for (const value of [undefined, null, 'text', [1, 2], { a: 1 }, 42, Promise.resolve(1), new Set([1])]) {
      expect(instrumentStream(value, () => {})).toBeUndefined();
    }
  });

  it('yields the very same chunks of an async generator and reports the end once, with usage', async () => {
    const { ends, onEnd } = recorder();
    const stream = instrumentStream(chunks(openAiChatChunks), onEnd)!;
    const seen: unknown[] = [];
    for await (const chunk of stream) seen.push(chunk);
    expect(seen).toHaveLength(openAiChatChunks.length);
    for (const [index, chunk] of seen.entries()) expect(chunk).toBe(openAiChatChunks[index]);
    expect(ends).toEqual([{ usage: expect.objectContaining({ inputTokens: 19, outputTokens: 10 }) }]);
  });

  it('reports abandonment on break, and a failure on error', async () => {
    const broken = recorder();
    for await (const _ of instrumentStream(chunks(anthropicEvents), broken.onEnd)!) break;
    expect(broken.ends).toEqual([{ abandoned: true, usage: expect.objectContaining({ inputTokens: 1025 }) }]);

    const failed = recorder();
    const stream = instrumentStream(chunks([1, 2, 3], 1), failed.onEnd)!;
    await expect(async () => {
      for await (const _ of stream) {
      }
    }).rejects.toThrow('connection reset');
    expect(failed.ends).toHaveLength(1);
    expect((failed.ends[0]!.error as Error).message).toBe('connection reset');
  });

  it('keeps a generator drivable through next() and return()', async () => {
    const { ends, onEnd } = recorder();
    const generator = chunks([1, 2, 3]);
    const stream = instrumentStream(generator, onEnd)!;
    expect(stream[Symbol.asyncIterator]()).toBe(stream);
    expect(await stream.next()).toEqual({ value: 1, done: false });
    expect(ends).toEqual([]);
    expect(await stream.return(undefined)).toEqual({ value: undefined, done: true });
    expect(ends).toEqual([{ abandoned: true }]);
  });

  it('keeps #private state, instanceof, methods and fields of an SDK stream class', async () => {
    const { ends, onEnd } = recorder();
    const original = new SdkStream([1, 2]);
    const stream = instrumentStream(original, onEnd)!;
    expect(stream).toBeInstanceOf(SdkStream);
    expect(stream.count()).toBe(2);
    expect(stream.count).toBe(stream.count);
    expect(stream.controller).toBe(original.controller);
    const seen: number[] = [];
    for await (const item of stream) seen.push(item);
    expect(seen).toEqual([1, 2]);
    expect(ends).toEqual([{}]);
  });

  it('ends with the final message usage when the consumer only awaits finalMessage()', async () => {
    const { ends, onEnd } = recorder();
    const stream = instrumentStream(new SdkStream([]), onEnd)!;
    await stream.finalMessage();
    expect(ends).toEqual([
      { usage: { inputTokens: 3, outputTokens: 4, model: 'claude-x', provider: 'anthropic' } },
    ]);
  });

  it('ends with the final message usage when the consumer only awaits finalText() or done()', async () => {
    for (const method of ['finalText', 'done'] as const) {
      const { ends, onEnd } = recorder();
      const stream = instrumentStream(new HelperStream(), onEnd)!;
      await stream[method]();
      // done() settles a few microtasks before the final message it waits for.
      await new Promise((resolve) => setImmediate(resolve));
      expect(ends).toEqual([{ usage: HELPER_USAGE }]);
    }
  });

  it('ends a helper stream whose finalText() rejects with that error, and lets the caller catch it', async () => {
    const { ends, onEnd } = recorder();
    const stream = instrumentStream(new HelperStream(true), onEnd)!;
    await expect(stream.finalText()).rejects.toThrow('overloaded');
    expect(ends).toEqual([{ error: new Error('overloaded') }]);
  });

  it('hands out the stand-in, not the original, from a method returning the stream (on() chains)', async () => {
    const { ends, onEnd } = recorder();
    const original = new HelperStream();
    const stream = instrumentStream(original, onEnd)!;
    const texts: string[] = [];
    const chained = stream.on('text', (text) => texts.push(text));
    expect(chained).toBe(stream);
    expect(chained).not.toBe(original);
    await chained.finalMessage();
    expect(texts).toEqual(['Hi']);
    expect(ends).toEqual([{ usage: HELPER_USAGE }]);
  });

  it("ends a helper stream read only through its events at its 'end', with the final usage or error", async () => {
    for (const fail of [false, true]) {
      const { ends, onEnd } = recorder();
      const stream = instrumentStream(new HelperStream(fail), onEnd)!;
      await new Promise<void>((resolve) => stream.on('end', resolve));
      await new Promise((resolve) => setImmediate(resolve));
      expect(ends).toEqual([fail ? { error: new Error('overloaded') } : { usage: HELPER_USAGE }]);
    }
  });

  it("leaves the end of a helper stream that is iterated to its iterator, not to the helper's 'end'", async () => {
    const { ends, onEnd } = recorder();
    const stream = instrumentStream(new HelperStream(), onEnd)!;
    const iterator = stream[Symbol.asyncIterator]();
    await new Promise<void>((resolve) => stream.on('end', resolve));
    await new Promise((resolve) => setImmediate(resolve));
    expect(ends).toEqual([]);
    expect(await iterator.next()).toEqual({ done: false, value: 'Hi' });
    expect(await iterator.next()).toEqual({ done: true, value: undefined });
    expect(ends).toEqual([{}]);
  });

  it('ends at the next task after done() when the final response never comes', async () => {
    const { ends, onEnd } = recorder();
    const helper = {
      async *[Symbol.asyncIterator]() {},
      done: async () => {},
      finalMessage: () => new Promise(() => {}),
    };
    await instrumentStream(helper, onEnd)!.done();
    expect(ends).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(ends).toEqual([{}]);
  });

  it('hands out the stand-in as the data of withResponse()', async () => {
    const { ends, onEnd } = recorder();
    const stream = instrumentStream(new HelperStream(), onEnd)!;
    const { data, response } = await stream.withResponse();
    expect(response).toBe('the response');
    expect(data).toBe(stream);
    await data.finalMessage();
    expect(ends).toEqual([{ usage: HELPER_USAGE }]);
  });

  it('observes a ReadableStream through a reader; releaseLock is not an end, cancel is', async () => {
    const { ends, onEnd } = recorder();
    const stream = instrumentStream(readable(['a', 'b', 'c']), onEnd)!;
    expect(stream).toBeInstanceOf(ReadableStream);
    const reader = stream.getReader();
    expect(await reader.read()).toEqual({ value: 'a', done: false });
    reader.releaseLock();
    expect(ends).toEqual([]);
    expect(stream.locked).toBe(false);
    const again = stream.getReader();
    await again.read();
    await again.cancel('enough');
    expect(ends).toEqual([{ abandoned: true }]);
  });

  it('observes a ReadableStream iterated with for await, piped, or erroring', async () => {
    const iterated = recorder();
    const seen: string[] = [];
    for await (const chunk of instrumentStream(readable(['x', 'y']), iterated.onEnd)!) seen.push(chunk);
    expect(seen).toEqual(['x', 'y']);
    expect(iterated.ends).toEqual([{}]);

    const piped = recorder();
    const out: string[] = [];
    await instrumentStream(readable(['p', 'q']), piped.onEnd)!
      .pipeThrough(
        new TransformStream<string, string>({ transform: (c, ctl) => ctl.enqueue(c.toUpperCase()) }),
      )
      .pipeTo(new WritableStream({ write: (chunk) => void out.push(chunk) }));
    expect(out).toEqual(['P', 'Q']);
    expect(piped.ends).toEqual([{}]);

    const failing = recorder();
    const broken = new ReadableStream({
      pull(controller) {
        controller.error(new TypeError('terminated'));
      },
    });
    const reader = instrumentStream(broken, failing.onEnd)!.getReader();
    await expect(reader.read()).rejects.toThrow('terminated');
    expect((failing.ends[0]!.error as Error).name).toBe('TypeError');
  });

  it('isolates a throwing onEnd from the consumer', async () => {
    const stream = instrumentStream(chunks([1]), () => {
      throw new Error('recorder broke');
    })!;
    const seen: number[] = [];
    for await (const item of stream) seen.push(item);
    expect(seen).toEqual([1]);
  });
});

describe('streaming reasoning calls', () => {
  const kit = createTestKit({ agentName: 'streamer' });
  afterEach(() => kit.reset());

  it('ends the chat span and the duration when the stream ends, recording its usage', async () => {
    const stream = kit.vitals.reasoning(() => chunks(openAiChatChunks));
    expect(kit.spans()).toHaveLength(0);
    expect(await kit.metric('agent.reasoning.duration')).toEqual({ count: 0, sum: 0 });
    for await (const _ of stream) {
    }
    expect(kit.spans().map((s) => s.name)).toEqual(['chat gpt-4o-mini-2024-07-18']);
    expect(await kit.metric('gen_ai.client.token.usage', { 'gen_ai.token.type': 'input' })).toMatchObject({
      sum: 19,
    });
    expect(await kit.metric('agent.reasoning.duration', { 'gen_ai.provider.name': 'openai' })).toMatchObject({
      count: 1,
    });
  });

  it('keeps a promise of a stream the very same object, observing the stream it resolves to in place', async () => {
    class ApiPromise<T> extends Promise<T> {
      withResponse() {
        return 'raw response';
      }
    }
    const generator = chunks(anthropicEvents);
    const promise = new ApiPromise<AsyncGenerator>((resolve) => resolve(generator));
    const promised = kit.vitals.reasoning(() => promise);
    expect(promised).toBe(promise);
    expect(promised.withResponse()).toBe('raw response');
    const stream = await promised;
    expect(stream).toBe(generator);
    expect(Object.keys(stream)).toEqual([]);
    expect(kit.spans()).toHaveLength(0);
    for await (const _ of stream) {
    }
    expect(kit.spans()).toHaveLength(1);
    expect(await kit.metric('gen_ai.client.token.usage', { 'gen_ai.token.type': 'output' })).toMatchObject({
      sum: 15,
    });
  });

  it('observes a ReadableStream from a native promise abandoned early', async () => {
    const stream = await kit.vitals.reasoning(async () => readable(openAiChatChunks));
    const reader = stream.getReader();
    await reader.read();
    await reader.cancel();
    expect(kit.spans()).toHaveLength(1);
    expect(
      await kit.metric('agent.reasoning.duration', { 'gen_ai.request.model': 'gpt-4o-mini-2024-07-18' }),
    ).toMatchObject({
      count: 1,
    });
  });

  it('ends the call at resolution for a frozen stream it cannot observe', async () => {
    const frozen = Object.freeze(chunks([1]));
    expect(await kit.vitals.reasoning(async () => frozen)).toBe(frozen);
    expect(kit.spans()).toHaveLength(1);
  });

  it('delivers a promised plain value unchanged and records an error from a broken stream', async () => {
    const response = {
      object: 'chat.completion',
      model: 'gpt-4o',
      usage: { prompt_tokens: 1, completion_tokens: 2 },
    };
    expect(await kit.vitals.reasoning(async () => response)).toBe(response);
    await expect(kit.vitals.reasoning(async () => response).then(undefined)).resolves.toBe(response);
    const stream = kit.vitals.reasoning(() => chunks([1, 2], 1));
    await expect(async () => {
      for await (const _ of stream) {
      }
    }).rejects.toThrow('connection reset');
    expect(await kit.metric('agent.reasoning.duration', { 'error.type': 'Error' })).toMatchObject({
      count: 1,
    });
  });
});
