import type { Vitals } from '@agentvitals/core';
import type { LanguageModelMiddleware } from 'ai';
import { resolveOptions, type VitalsIntegrationOptions } from '../options.js';
import { requestedModelOf } from './instrument-model.js';
import { recordModelCall } from './model-call.js';

/**
 * A language-model middleware for `wrapLanguageModel({ model, middleware: vitalsMiddleware(vitals) })`:
 * every model request (every step of a multi-step `generateText` or `streamText`) is one
 * reasoning call with its own duration, usage and cost; a streamed request ends when its
 * stream ends, fails or is cancelled. A guard that stops a request rejects it before the
 * model is called, as a failing model call.
 */
export function vitalsMiddleware(options?: VitalsIntegrationOptions | Vitals): LanguageModelMiddleware {
  const { vitals } = resolveOptions(options, 'vitalsMiddleware()', 'agent');
  return {
    specificationVersion: 'v4',
    wrapGenerate: ({ doGenerate, model }) => recordModelCall(vitals, requestedModelOf(model), doGenerate),
    wrapStream: ({ doStream, model }) => recordModelCall(vitals, requestedModelOf(model), doStream),
  };
}
