import { resolveOptions, runCall, type VitalsIntegrationOptions } from '@agentvitals/ai-sdk';
import type { Vitals } from '@agentvitals/core';
import { instrumentModelSetting } from './model-config.js';
import { withStreamEnd } from './stream-end.js';
import { instrumentToolsSetting } from './tools.js';

type AnyRecord = Record<PropertyKey, any>;

/** The members of a Mastra `Agent` this integration uses. */
export interface MastraAgentLike {
  readonly id?: string;
  readonly name?: string;
  model: unknown;
  generate(messages: any, options?: any): Promise<unknown>;
  stream(messages: any, options?: any): Promise<unknown>;
  __updateModel(update: { model: any }): void;
  __setTools(tools: any): void;
  __getOverridableFields(): { tools: unknown };
}

const REQUIRED = ['generate', 'stream', '__updateModel', '__setTools', '__getOverridableFields'] as const;

/**
 * Records a Mastra agent in one line: `const agent = vitalsAgent(new Agent({ ... }), { vitals })`.
 * Every `generate()` and `stream()` is one run (a streamed run ends when Mastra finishes,
 * fails or aborts the stream), every model request one reasoning call (whatever the model
 * setting: an id string, an AI SDK model, a function, fallbacks), every call of the agent's
 * own tools one tool call with its outcome. The agent's model and tools are instrumented in
 * place; the returned agent records runs, and behaves as the agent otherwise.
 */
export function vitalsAgent<A extends MastraAgentLike>(
  agent: A,
  options?: VitalsIntegrationOptions | Vitals,
): A {
  const missing =
    typeof agent === 'object' && agent !== null
      ? REQUIRED.filter((member) => typeof (agent as AnyRecord)[member] !== 'function')
      : [...REQUIRED];
  if (missing.length > 0) {
    throw new TypeError(
      `vitalsAgent() needs a Mastra Agent (new Agent({ ... }) from @mastra/core/agent); missing ${missing.join(', ')}`,
    );
  }
  const resolved = resolveOptions(options, 'vitalsAgent()', agent.name ?? agent.id ?? 'agent');
  agent.__updateModel({ model: instrumentModelSetting(agent.model, resolved) });
  agent.__setTools(instrumentToolsSetting(agent.__getOverridableFields().tools, resolved));
  const { vitals } = resolved;

  const generate = (messages: unknown, callOptions?: unknown) =>
    runCall(vitals, () => agent.generate(messages, callOptions));
  const stream = (messages: unknown, callOptions?: unknown) => {
    const { options: streamOptions, ended } = withStreamEnd(callOptions);
    return runCall(
      vitals,
      () => agent.stream(messages, streamOptions),
      (output) => {
        // Whichever comes first: one of Mastra's callbacks, or the output's totalUsage.
        ended.follow((output as AnyRecord | undefined)?.totalUsage);
        return ended;
      },
    );
  };
  const bound = new Map<PropertyKey, unknown>();
  // Mastra agents keep #private fields: their own methods run with the agent itself as `this`.
  return new Proxy(agent, {
    get(target, property) {
      if (property === 'generate') return generate;
      if (property === 'stream') return stream;
      const value = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      let method = bound.get(property);
      if (method === undefined || (method as AnyRecord).original !== value) {
        method = Object.assign(value.bind(target), { original: value });
        bound.set(property, method);
      }
      return method;
    },
  });
}
