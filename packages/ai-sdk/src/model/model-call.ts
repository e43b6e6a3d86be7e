import type { ExtractedUsage, Vitals } from '@agentvitals/core';
import { runFailureMarker } from '../run/run-scope.js';
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
 * One `doGenerate` as one reasoning call: its own `chat` span, duration, usage and cost. A
 * guard that stops it rejects, which the framework sees as a failing model call.
 */
export function recordGenerate<R>(
  vitals: Vitals,
  requested: RequestedModel,
  doGenerate: () => PromiseLike<R>,
): Promise<R> {
  return vitals.reasoning(async () => doGenerate(), {
    ...requested,
    extractUsage: readGenerateResult,
  });
}

/**
 * One `doStream` as one reasoning call that ends when its stream ends: finished, failed (or
 * carrying an `error` part), or cancelled by its consumer. The stream handed back yields the
 * very same parts. A guard that stops the call rejects before the model is asked.
 */
export function recordStream<R extends { stream: ReadableStream<unknown> }>(
  vitals: Vitals,
  requested: RequestedModel,
  doStream: () => PromiseLike<R>,
): Promise<R> {
  const markRunFailed = runFailureMarker();
  return new Promise<R>((resolve, reject) => {
    let handedOver = false;
    const call = vitals.reasoning(
      async () => {
        const result = await doStream();
        if (typeof result?.stream?.getReader !== 'function') {
          handedOver = true;
          resolve(result);
          return undefined;
        }
        return new Promise<ExtractedUsage | undefined>((ended, failed) => {
          const stream = observeModelStream(result.stream, (end) => {
            if ('error' in end) {
              markRunFailed(end.error);
              failed(end.error);
            } else ended(end.usage);
          });
          handedOver = true;
          resolve({ ...result, stream });
        });
      },
      { ...requested, extractUsage: asUsage },
    );
    call.then(undefined, (error: unknown) => {
      if (!handedOver) reject(error);
    });
  });
}
