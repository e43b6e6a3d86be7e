import { instrumentModel, type ResolvedOptions } from '@agentvitals/ai-sdk';
import { resolveModelConfig } from '@mastra/core/llm';

type AnyRecord = Record<string, any>;
type DynamicModel = (args: { requestContext?: unknown; mastra?: unknown }) => Promise<unknown>;

/**
 * A Mastra model configuration (a model id string, an AI SDK model, a function of the request
 * context) as a dynamic model that resolves it the way Mastra does (`resolveModelConfig`,
 * with the Mastra instance's gateways) and hands back the resolved model instrumented: every
 * request is one reasoning call.
 */
export function instrumentedModelConfig(config: unknown, options: ResolvedOptions): DynamicModel {
  return async ({ requestContext, mastra } = {}) => {
    const resolved = await resolveModelConfig(config as any, requestContext as any, mastra as any);
    return instrumentModel(resolved as any, options.vitals);
  };
}

/**
 * The agent's model setting with every model instrumented: one configuration, or a list of
 * fallbacks (`[{ model, maxRetries }]`) each instrumented.
 */
export function instrumentModelSetting(setting: unknown, options: ResolvedOptions): unknown {
  if (Array.isArray(setting)) {
    return setting.map((entry: AnyRecord) =>
      typeof entry === 'object' && entry !== null && 'model' in entry
        ? { ...entry, model: instrumentedModelConfig(entry.model, options) }
        : entry,
    );
  }
  return instrumentedModelConfig(setting, options);
}
