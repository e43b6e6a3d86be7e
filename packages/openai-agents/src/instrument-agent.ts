import type { Vitals } from '@agentvitals/core';
import {
  Agent,
  addTraceProcessor,
  getDefaultModel,
  type Model,
  type ModelProvider,
  OpenAIProvider,
  setDefaultModelProvider,
} from '@openai/agents';
import { diag } from '@opentelemetry/api';
import { instrumentModel, instrumentModelProvider } from './instrument-model.js';
import { instrumentTool } from './instrument-tools.js';
import { RunProcessor } from './run-processor.js';
import { vitalsByAgentName } from './run-registry.js';

export interface InstrumentAgentOptions {
  /**
   * The provider that resolves model names, made the SDK's default provider with every model
   * it returns instrumented; default the SDK's `OpenAIProvider` (which `@openai/agents` itself
   * installs as the default). Installed once per process, by the first `instrumentAgent` call.
   */
  readonly modelProvider?: ModelProvider;
}

const installed: { processor: boolean; provider: boolean; modelProvider?: ModelProvider } = {
  processor: false,
  provider: false,
};

function installOnce(options: InstrumentAgentOptions): void {
  if (!installed.processor) {
    addTraceProcessor(new RunProcessor());
    installed.processor = true;
  }
  if (!installed.provider) {
    const provider = options.modelProvider ?? new OpenAIProvider();
    setDefaultModelProvider(
      instrumentModelProvider(provider, {
        ...(options.modelProvider === undefined ? { provider: 'openai', defaultModel: getDefaultModel } : {}),
      }),
    );
    installed.provider = true;
    installed.modelProvider = options.modelProvider;
  } else if (options.modelProvider !== undefined && options.modelProvider !== installed.modelProvider) {
    diag.warn(
      '@agentvitals/openai-agents: the default model provider was installed by an earlier instrumentAgent() call; ' +
        'this modelProvider is ignored. Give it to a Runner with instrumentModelProvider() instead.',
    );
  }
}

function isModel(value: unknown): value is Model {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Model).getResponse === 'function' &&
    typeof (value as Model).getStreamedResponse === 'function'
  );
}

function instrumentOne(agent: Agent<any, any>, vitals: Vitals, seen: Set<Agent<any, any>>): void {
  if (seen.has(agent)) return;
  seen.add(agent);
  vitalsByAgentName.set(agent.name, vitals);
  for (const tool of agent.tools) instrumentTool(tool, vitals);
  if (isModel(agent.model)) agent.model = instrumentModel(agent.model, { vitals });
  for (const handoff of agent.handoffs) {
    const target = handoff instanceof Agent ? handoff : (handoff as { agent?: unknown }).agent;
    if (target instanceof Agent) instrumentOne(target, vitals, seen);
  }
}

/**
 * Instruments an OpenAI Agents JS agent in place, and the agents it hands off to: every run
 * (`run(agent, ...)`, streamed or not) becomes one `invoke_agent` run, every model request one
 * reasoning call, every function tool call one tool call with its real outcome, all checked by
 * the vitals' guards. Returns the same agent.
 *
 * Installs, once per process, a trace processor (`addTraceProcessor`) and the instrumented
 * default model provider (`setDefaultModelProvider`): call it before the first run, and keep
 * the SDK's tracing enabled (runs and converted tool errors are read from its traces).
 */
export function instrumentAgent<A extends Agent<any, any>>(
  agent: A,
  vitals: Vitals,
  options: InstrumentAgentOptions = {},
): A {
  if (!(agent instanceof Agent)) {
    throw new TypeError('instrumentAgent() needs an OpenAI Agents `Agent` (from @openai/agents)');
  }
  if (typeof vitals?.run !== 'function' || typeof vitals?.reasoning !== 'function') {
    throw new TypeError('instrumentAgent() needs a vitals instance from createVitals()');
  }
  installOnce(options);
  instrumentOne(agent, vitals, new Set());
  return agent;
}
