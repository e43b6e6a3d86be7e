import type { Vitals } from '@agentvitals/core';
import { resolveOptions, type VitalsIntegrationOptions } from '../options.js';
import { requestedModelOf } from './instrument-model.js';
import { recordModelCall } from './model-call.js';

/** The model a middleware is handed: its provider id and the model id that was asked for. */
interface MiddlewareModel {
  readonly provider: string;
  readonly modelId: string;
}

/**
 * The middleware, typed structurally so that these declarations do not depend on the `ai`
 * package's (which need a newer TypeScript): it is a `LanguageModelMiddleware` of `ai` 7.
 */
export interface VitalsLanguageModelMiddleware {
  readonly specificationVersion: 'v4';
  wrapGenerate(options: { doGenerate: () => PromiseLike<any>; model: MiddlewareModel }): PromiseLike<any>;
  wrapStream(options: { doStream: () => PromiseLike<any>; model: MiddlewareModel }): PromiseLike<any>;
}

/**
 * A language-model middleware for `wrapLanguageModel({ model, middleware: vitalsMiddleware(vitals) })`:
 * every model request (every step of a multi-step `generateText` or `streamText`) is one
 * reasoning call with its own duration, usage and cost; a streamed request ends when its
 * stream ends, fails or is cancelled. A guard that stops a request rejects it before the
 * model is called, as a failing model call.
 */
export function vitalsMiddleware(options?: VitalsIntegrationOptions | Vitals): VitalsLanguageModelMiddleware {
  const { vitals } = resolveOptions(options, 'vitalsMiddleware()', 'agent');
  return {
    specificationVersion: 'v4',
    wrapGenerate: ({ doGenerate, model }) => recordModelCall(vitals, requestedModelOf(model), doGenerate),
    wrapStream: ({ doStream, model }) => recordModelCall(vitals, requestedModelOf(model), doStream),
  };
}
