import type { Vitals } from '@agentvitals/core';
import type { ResolvedOptions, VitalsIntegrationOptions } from '../options.js';
import { resolveOptions } from '../options.js';
import { providerName } from '../provider-name.js';
import { type RequestedModel, recordModelCall } from './model-call.js';

/** A language model at the provider-specification level (v2, v3 or v4), as `generateText` and Mastra take it. */
export interface SpecLanguageModel {
  readonly specificationVersion: string;
  readonly provider: string;
  readonly modelId: string;
  doGenerate(options: any): PromiseLike<any>;
  doStream(options: any): PromiseLike<any>;
}

const INSTRUMENTED = Symbol.for('@agentvitals/ai-sdk instrumented model');

/** True for an object with `doGenerate` and `doStream`, the language-model specification. */
export function isSpecLanguageModel(value: unknown): value is SpecLanguageModel {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as SpecLanguageModel).doGenerate === 'function' &&
    typeof (value as SpecLanguageModel).doStream === 'function'
  );
}

/** `gen_ai.request.model` is the model id the caller asked for; the response model is read from each response. */
export function requestedModelOf(model: { provider?: unknown; modelId?: unknown }): RequestedModel {
  const modelId = typeof model.modelId === 'string' && model.modelId.length > 0 ? model.modelId : undefined;
  const provider = providerName(model.provider);
  return { ...(modelId ? { model: modelId } : {}), ...(provider ? { provider } : {}) };
}

/** The instrumented model, with every other member read from the original. */
export function instrumentResolved<M extends SpecLanguageModel>(model: M, options: ResolvedOptions): M {
  if ((model as Record<symbol, unknown>)[INSTRUMENTED] === true) return model;
  const { vitals } = options;
  const requested = requestedModelOf(model);
  const target = model;
  // The proxy's own target is an empty object, so no invariant of a frozen model binds it.
  const instrumented = new Proxy({} as M, {
    has: (_, property) => property === INSTRUMENTED || property in target,
    getPrototypeOf: () => Object.getPrototypeOf(target),
    ownKeys: () => Reflect.ownKeys(target),
    // Reported configurable: the empty target holds none of them (a Proxy invariant).
    getOwnPropertyDescriptor: (_, property) => {
      const descriptor = Reflect.getOwnPropertyDescriptor(target, property);
      return descriptor && { ...descriptor, configurable: true };
    },
    get(_, property) {
      if (property === INSTRUMENTED) return true;
      if (property === 'doGenerate') {
        return (callOptions: unknown) =>
          recordModelCall(vitals, requested, () => target.doGenerate(callOptions));
      }
      if (property === 'doStream') {
        return (callOptions: unknown) =>
          recordModelCall(vitals, requested, () => target.doStream(callOptions));
      }
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return instrumented;
}

/**
 * Returns `model` recording every model request as one reasoning call (its own `chat` span,
 * duration, usage and cost), for `generateText`, `streamText`, `ToolLoopAgent` or Mastra.
 * Streamed requests end when their stream ends, fails or is cancelled. Instrumenting an
 * instrumented model returns it unchanged.
 */
export function instrumentModel<M extends SpecLanguageModel>(
  model: M,
  options?: VitalsIntegrationOptions | Vitals,
): M {
  if (!isSpecLanguageModel(model)) {
    throw new TypeError(
      'instrumentModel() needs a language model object with doGenerate and doStream; for a model id string, pass the provider\'s model (e.g. openai("gpt-4o-mini"))',
    );
  }
  return instrumentResolved(model, resolveOptions(options, 'instrumentModel()', 'agent'));
}
