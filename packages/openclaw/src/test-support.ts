import { createTestKit, type TestKit } from '@agentvitals/testing';
import type { HookHandlers, HookName, OpenClawPluginApi } from './openclaw-types.js';
import type { StartTelemetry } from './runtime/telemetry.js';

/** A fake of OpenClaw's plugin API that keeps the handlers registered with `api.on`. */
export interface FakeApi extends OpenClawPluginApi {
  readonly handlers: Map<HookName, HookHandlers[HookName][]>;
  readonly logs: string[];
  /** Calls every handler of `hook` like OpenClaw does and returns the last non-undefined result. */
  fire<K extends HookName>(hook: K, event: Parameters<HookHandlers[K]>[0], ctx?: unknown): Promise<unknown>;
}

export function fakeApi(pluginConfig: unknown = {}): FakeApi {
  const handlers = new Map<HookName, HookHandlers[HookName][]>();
  const logs: string[] = [];
  return {
    id: 'agentvitals',
    registrationMode: 'full',
    pluginConfig,
    handlers,
    logs,
    logger: {
      info: (line) => logs.push(`info ${line}`),
      warn: (line) => logs.push(`warn ${line}`),
      error: (line) => logs.push(`error ${line}`),
    },
    on(hook, handler) {
      const list = handlers.get(hook) ?? [];
      list.push(handler as HookHandlers[HookName]);
      handlers.set(hook, list);
    },
    async fire(hook, event, ctx = {}) {
      let result: unknown;
      for (const handler of handlers.get(hook) ?? []) {
        const value = await (handler as (event: unknown, ctx: unknown) => unknown)(event, ctx);
        if (value !== undefined) result = value;
      }
      return result;
    },
  };
}

/** Telemetry into an in-memory test kit; counts how often it was started. */
export function kitTelemetry(): { kit: TestKit; startTelemetry: StartTelemetry; starts: () => number } {
  const kit = createTestKit({ agentName: 'unused' });
  let starts = 0;
  const startTelemetry: StartTelemetry = async () => {
    starts += 1;
    return {
      createVitals: (options) => kit.createVitals(options),
      flush: async () => {},
      shutdown: async () => {},
    };
  };
  return { kit, startTelemetry, starts: () => starts };
}

/** OpenClaw-shaped payloads, as seen from openclaw 2026.9.6. */
export const RUN_ID = '4fef3dab-8cdc-40ea-9f23-774ed80e08cb';
export const SESSION_KEY = 'agent:main:k-52afuf4chku';

export const agentCtx = (runId = RUN_ID, agentId: string | undefined = 'main') => ({
  runId,
  agentId,
  sessionKey: SESSION_KEY,
  sessionId: '49dedba5-9798-44ab-bc0f-f162a919db16',
  modelProviderId: 'scripted',
  modelId: 'scripted-1',
  trigger: 'user',
});

/** `model_call_*` contexts carry no agent id. */
export const modelCtx = (runId = RUN_ID) => ({ runId, sessionKey: SESSION_KEY, sessionId: 'sid' });

export const modelCall = (n: number, runId = RUN_ID) => ({
  runId,
  callId: `${runId}:model:${n}`,
  sessionKey: SESSION_KEY,
  provider: 'scripted',
  model: 'scripted-1',
  api: 'openai-completions',
  transport: 'auto',
});

export const toolCtx = (toolCallId: string, runId = RUN_ID) => ({
  toolName: 'exec',
  agentId: 'main',
  sessionKey: SESSION_KEY,
  runId,
  toolCallId,
});

export const toolCall = (toolCallId: string, params: object, toolName = 'exec', runId = RUN_ID) => ({
  toolName,
  params,
  runId,
  toolCallId,
});

export const toolResult = (text: string) => ({
  content: [{ type: 'text', text }],
  details: { status: 'completed', exitCode: 0, durationMs: 12, aggregated: text },
});
