import type { Vitals } from '@agentvitals/core';
import { instrumentResolved, isSpecLanguageModel } from '../model/instrument-model.js';
import { resolveOptions, type VitalsIntegrationOptions } from '../options.js';
import { instrumentToolSet } from '../tools/instrument-tools.js';
import { runCall } from './run-call.js';

type AnyRecord = Record<string, any>;

/** The AI SDK `Agent` interface (`ToolLoopAgent` and agents built like it). */
export interface AgentLike {
  readonly version: string;
  readonly id?: string | undefined;
  readonly tools: unknown;
  generate(options: any): PromiseLike<unknown>;
  stream(options: any): PromiseLike<unknown>;
}

/** The model a `ToolLoopAgent` was built with (its settings are not part of its typed surface). */
function modelOf(agent: AgentLike): unknown {
  const settings = (agent as unknown as AnyRecord).settings;
  return typeof settings === 'object' && settings !== null ? settings.model : undefined;
}

/**
 * Records an AI SDK agent (`new ToolLoopAgent({ model, tools })`) in one line:
 * `const agent = vitalsAgent(new ToolLoopAgent({ ... }), { vitals })`. Each `generate()` and
 * `stream()` is one run (a streamed run ends when its stream is done, fails or is aborted),
 * each model request a reasoning call and each tool call a tool call. The agent's results are
 * returned untouched; every other member is the agent's own.
 *
 * Throws a `TypeError` at once for an agent whose model cannot be instrumented (a model id
 * string), rather than recording runs without their model calls.
 */
export function vitalsAgent<A extends AgentLike>(agent: A, options?: VitalsIntegrationOptions | Vitals): A {
  if (
    typeof agent !== 'object' ||
    agent === null ||
    typeof agent.generate !== 'function' ||
    typeof agent.stream !== 'function'
  ) {
    throw new TypeError('vitalsAgent() needs an AI SDK agent (new ToolLoopAgent({ model, tools }))');
  }
  const resolved = resolveOptions(options, 'vitalsAgent()', agent.id ?? 'agent');
  const model = modelOf(agent);
  if (!isSpecLanguageModel(model)) {
    throw new TypeError(
      'vitalsAgent(): the agent\'s model must be a model object (e.g. openai("gpt-4o-mini")), not a model id string, so that its requests can be recorded',
    );
  }
  const instrumented: AnyRecord = { model: instrumentResolved(model, resolved) };
  const tools = agent.tools;
  if (typeof tools === 'object' && tools !== null)
    instrumented.tools = instrumentToolSet(tools as AnyRecord, resolved);
  const { vitals } = resolved;
  const generate = (callOptions: AnyRecord = {}) =>
    runCall(vitals, () => agent.generate({ ...callOptions, ...instrumented }));
  const stream = (callOptions: AnyRecord = {}) =>
    runCall(vitals, () => agent.stream({ ...callOptions, ...instrumented }));
  return new Proxy(agent, {
    get(target, property, receiver) {
      if (property === 'generate') return generate;
      if (property === 'stream') return stream;
      return Reflect.get(target, property, receiver);
    },
  });
}
