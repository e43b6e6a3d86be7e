import type { ExtractedUsage, Vitals } from '@agentvitals/core';
import { runFailureMarker } from '../scope/run-scope.js';
import { observeModelStream } from './observe-model-stream.js';
import { readSpecUsage } from './spec-usage.js';

type AnyRecord = Record<string, unknown>;

/** The model as it was asked for: `gen_ai.request.model` and `gen_ai.provider.name`. */
export interface RequestedModel {
  readonly model?: string;
  readonly provider?: string;
}

const asUsage = (value: unknown): ExtractedUsage | undefined =>
  typeof value === 'object' && value !== null ? (value as ExtractedUsage) : undefined;

/** Usage and response model of a `doGenerate` result. */
function readGenerateResult(result: unknown): ExtractedUsage | undefined {
  if (typeof result !== 'object' || result === null) return undefined;
  const { usage, response } = result as AnyRecord;
  const read = readSpecUsage(usage);
  const modelId =
    typeof response === 'object' && response !== null ? (response as AnyRecord).modelId : undefined;
  if (typeof modelId !== 'string' || modelId.length === 0) return read;
  return { ...read, model: modelId };
}

/**
 * One model request (`doGenerate` or `doStream`) as one reasoning call with its own span,
 * duration, usage and cost. A result carrying a `stream` (every `doStream`, and the
 * `doGenerate` of Mastra's wrapped models) ends the call when that stream ends: finished,
 * failed (or carrying an `error` part), or cancelled by its consumer; the stream handed back
 * yields the very same parts. Any other result ends it at once, with its `usage`. A guard that
 * stops the call rejects before the model is asked, as a failing model call.
 */
export function recordModelCall<R>(
  vitals: Vitals,
  requested: RequestedModel,
  call: () => PromiseLike<R>,
): Promise<R> {
  const markRunFailed = runFailureMarker();
  return new Promise<R>((resolve, reject) => {
    let handedOver = false;
    let answered: { result: R } | undefined;
    const recorded = vitals.reasoning(
      async () => {
        const result = await call();
        const source = (result as AnyRecord | undefined)?.stream as ReadableStream<unknown> | undefined;
        if (typeof source?.getReader !== 'function') {
          // Handed over once the call is recorded, so its span ends before the next one starts.
          answered = { result };
          return readGenerateResult(result);
        }
        return new Promise<ExtractedUsage | undefined>((ended, failed) => {
          const stream = observeModelStream(source, (end) => {
            if ('error' in end) {
              markRunFailed(end.error);
              failed(end.error);
            } else ended(end.usage);
          });
          handedOver = true;
          resolve({ ...result, stream } as R);
        });
      },
      { ...requested, extractUsage: asUsage },
    );
    recorded.then(
      () => {
        if (answered) resolve(answered.result);
      },
      (error: unknown) => {
        if (!handedOver) reject(error);
      },
    );
  });
}
