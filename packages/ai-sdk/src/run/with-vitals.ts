import type { Vitals } from '@agentvitals/core';
import { instrumentResolved, isSpecLanguageModel } from '../model/instrument-model.js';
import { type ResolvedOptions, resolveOptions, type VitalsIntegrationOptions } from '../options.js';
import { instrumentToolSet } from '../tools/instrument-tools.js';
import { runCall } from './run-call.js';

type AnyRecord = Record<string, any>;

/**
 * The call options with the model and the tools instrumented. A model given as an id string
 * (resolved by the AI SDK's global provider) cannot be instrumented: refused with a
 * `TypeError` rather than recording a run without its model calls.
 */
export function instrumentCallOptions<O>(callOptions: O, options: ResolvedOptions, where: string): O {
  if (typeof callOptions !== 'object' || callOptions === null) return callOptions;
  const { model, tools } = callOptions as AnyRecord;
  const patched: AnyRecord = { ...callOptions };
  if (model !== undefined) {
    if (!isSpecLanguageModel(model)) {
      throw new TypeError(
        `${where}: the model must be a model object (e.g. openai("gpt-4o-mini")), not a model id string, so that its requests can be recorded`,
      );
    }
    patched.model = instrumentResolved(model, options);
  }
  if (typeof tools === 'object' && tools !== null) patched.tools = instrumentToolSet(tools, options);
  return patched as O;
}

/**
 * `generateText`, `streamText` (or another AI SDK call taking `{ model, tools }`) that runs
 * every call as one agent run: `const generate = withVitals(generateText, { vitals })`.
 * Each model request is a reasoning call, each tool call a tool call, beside each other under
 * the run's `invoke_agent` span. A `streamText` run ends when its stream is done, fails or
 * is aborted. The call's result is returned untouched.
 */
export function withVitals<F extends (callOptions: any) => any>(
  call: F,
  options?: VitalsIntegrationOptions | Vitals,
): F {
  if (typeof call !== 'function') {
    throw new TypeError('withVitals() needs the AI SDK function to call (generateText or streamText)');
  }
  const resolved = resolveOptions(options, 'withVitals()', 'agent');
  const where = `withVitals(${call.name || 'call'})`;
  const recorded = function (this: unknown, callOptions: Parameters<F>[0]) {
    // A model that cannot be recorded is refused before the run starts.
    const instrumented = instrumentCallOptions(callOptions, resolved, where);
    return runCall(resolved.vitals, () => call.call(this, instrumented));
  };
  Object.defineProperty(recorded, 'name', { value: call.name });
  return recorded as F;
}
