import type { Vitals } from '@agentvitals/core';
import { openReasoning } from '@agentvitals/core';
import type { Model, ModelProvider, ModelRequest, ModelResponse, StreamEvent } from '@openai/agents';
import { context } from '@opentelemetry/api';
import { modelResponseUsage, streamEventModel } from './model-usage.js';
import {
  currentRun,
  noteFailure,
  noteRecovery,
  soleVitals,
  tracingOff,
  warnOutsideRun,
} from './run-registry.js';

const INSTRUMENTED = Symbol.for('agentvitals.openai-agents.model');

export interface InstrumentedModelOptions {
  /** The model name as requested (the SDK's model name), for `gen_ai.request.model`. */
  readonly model?: string;
  /** `gen_ai.provider.name`, e.g. `openai`. */
  readonly provider?: string;
  /** Records calls made outside an instrumented run too (the agent's own vitals). */
  readonly vitals?: Vitals;
}

/**
 * Where a model request is recorded: the current run's vitals, else the model's own, else,
 * when the SDK's tracing is off (no run can be known), the one vitals instance every
 * instrumented agent shares, if there is only one.
 */
function target(options: InstrumentedModelOptions) {
  const run = currentRun();
  const vitals = run?.vitals ?? options.vitals ?? (tracingOff() ? soleVitals() : undefined);
  if (!vitals) return undefined;
  if (!run) warnOutsideRun();
  return { vitals, run, parent: run?.call.context ?? context.active() };
}

/**
 * A model whose every request is one vitals reasoning call (span, duration, usage, cost),
 * checked by the guards first: a refused request throws the guard's error, which the SDK
 * handles like any failing model call. Responses and stream events pass through untouched.
 */
export function instrumentModel(model: Model, options: InstrumentedModelOptions = {}): Model {
  if ((model as { [INSTRUMENTED]?: boolean })[INSTRUMENTED]) return model;
  const reasoningOptions = {
    ...(options.model !== undefined ? { model: options.model } : {}),
    ...(options.provider !== undefined ? { provider: options.provider } : {}),
    usage: modelResponseUsage,
  };
  const wrapped: Model & { [INSTRUMENTED]: true } = {
    [INSTRUMENTED]: true,
    get supportsPromptModelSelection() {
      return model.supportsPromptModelSelection;
    },
    async getResponse(request: ModelRequest): Promise<ModelResponse> {
      const where = target(options);
      if (!where) return model.getResponse(request);
      const call = openReasoning(where.vitals, where.parent, reasoningOptions);
      if (!('end' in call)) {
        const refused = await call;
        noteFailure(where.run, refused.error);
        throw refused.error;
      }
      try {
        const response = await model.getResponse(request);
        call.end(response);
        noteRecovery(where.run);
        return response;
      } catch (error) {
        call.fail(error);
        noteFailure(where.run, error);
        throw error;
      }
    },
    async *getStreamedResponse(request: ModelRequest): AsyncIterable<StreamEvent> {
      const where = target(options);
      if (!where) {
        yield* model.getStreamedResponse(request);
        return;
      }
      const call = openReasoning(where.vitals, where.parent, reasoningOptions);
      if (!('end' in call)) {
        const refused = await call;
        noteFailure(where.run, refused.error);
        throw refused.error;
      }
      let done: { usage?: unknown; providerData?: unknown } | undefined;
      let responseModel: string | undefined;
      try {
        for await (const event of model.getStreamedResponse(request)) {
          responseModel ??= streamEventModel(event);
          if (event.type === 'response_done') {
            done = { usage: event.response.usage, providerData: { model: responseModel } };
            noteRecovery(where.run);
          }
          yield event;
        }
      } catch (error) {
        call.fail(error);
        noteFailure(where.run, error);
        throw error;
      } finally {
        // Consumed, or abandoned by the consumer: the call ends with the usage seen.
        call.end(done);
      }
    },
  };
  if (typeof model.getRetryAdvice === 'function') {
    wrapped.getRetryAdvice = (args) => model.getRetryAdvice!(args);
  }
  return wrapped;
}

/** A model provider whose models are instrumented (see `instrumentModel`). */
export function instrumentModelProvider(
  provider: ModelProvider,
  options: Omit<InstrumentedModelOptions, 'model'> & {
    /** The model name the provider uses when none is given, for `gen_ai.request.model`. */
    readonly defaultModel?: () => string;
  } = {},
): ModelProvider {
  const { defaultModel, ...modelOptions } = options;
  return {
    async getModel(modelName?: string) {
      const model = await provider.getModel(modelName);
      const requested = modelName || defaultModel?.();
      return instrumentModel(model, { ...modelOptions, ...(requested ? { model: requested } : {}) });
    },
  };
}
