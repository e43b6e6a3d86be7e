import type { ExtractedUsage } from '@agentvitals/core';
import { readSpecUsage } from './spec-usage.js';

type AnyRecord = Record<string, unknown>;

/** How a model stream ended, as seen by its observer. */
export interface ModelStreamEnd {
  /** Usage from the `finish` part (if one arrived) and the response model from `response-metadata`. */
  readonly usage: ExtractedUsage | undefined;
  /** The stream failed, or carried an `error` part. */
  readonly error?: unknown;
}

/**
 * Hands back a stream yielding the very same parts as `source`, unbuffered, and calls `onEnd`
 * once: when the stream finishes, fails, or its consumer cancels it. Usage is read from the
 * `finish` part and the response model from the `response-metadata` part on the way through.
 */
export function observeModelStream<T>(
  source: ReadableStream<T>,
  onEnd: (end: ModelStreamEnd) => void,
): ReadableStream<T> {
  const reader = source.getReader();
  let usage: ExtractedUsage | undefined;
  let responseModel: string | undefined;
  let errorPart: unknown;
  let sawError = false;
  let ended = false;
  const end = (error?: { error: unknown }) => {
    if (ended) return;
    ended = true;
    const read = responseModel === undefined ? usage : { ...usage, model: responseModel };
    if (error) onEnd({ usage: read, error: error.error });
    else if (sawError) onEnd({ usage: read, error: errorPart });
    else onEnd({ usage: read });
  };
  const inspect = (part: unknown) => {
    if (typeof part !== 'object' || part === null) return;
    const { type } = part as AnyRecord;
    if (type === 'finish') usage = readSpecUsage((part as AnyRecord).usage) ?? usage;
    else if (type === 'response-metadata') {
      const { modelId } = part as AnyRecord;
      if (typeof modelId === 'string' && modelId.length > 0) responseModel = modelId;
    } else if (type === 'error') {
      sawError = true;
      errorPart = (part as AnyRecord).error;
    }
  };
  return new ReadableStream<T>(
    {
      async pull(controller) {
        let step: Awaited<ReturnType<typeof reader.read>>;
        try {
          step = await reader.read();
        } catch (error) {
          end({ error });
          throw error;
        }
        if (step.done) {
          end();
          controller.close();
          return;
        }
        try {
          inspect(step.value);
        } catch {
          // A part with throwing getters is passed on unread.
        }
        controller.enqueue(step.value);
      },
      cancel(reason) {
        end();
        return reader.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
}
