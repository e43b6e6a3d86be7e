import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { parsePluginConfig, pluginConfigJsonSchema } from './config/plugin-config.js';
import type { HookName } from './openclaw-types.js';
import { createPlugin, PLUGIN_DESCRIPTION, PLUGIN_ID, PLUGIN_NAME } from './plugin.js';
import { releaseRuntime } from './runtime/shared-runtime.js';
import { fakeApi, kitTelemetry, toolCall, toolCtx } from './test-support.js';

afterEach(async () => {
  await releaseRuntime();
});

const packageRoot = new URL('..', import.meta.url);
const readJson = (name: string) => JSON.parse(readFileSync(new URL(name, packageRoot), 'utf8'));

describe('the plugin package', () => {
  it('declares the manifest OpenClaw loads, with the configuration schema the code validates', () => {
    // Stale? npx tsx scripts/generate-openclaw-manifest.ts && npm run format
    const manifest = readJson('openclaw.plugin.json');
    expect(manifest).toMatchObject({ id: PLUGIN_ID, name: PLUGIN_NAME, description: PLUGIN_DESCRIPTION });
    expect(manifest.configSchema).toEqual(pluginConfigJsonSchema());
    const pkg = readJson('package.json');
    expect(pkg.openclaw.extensions).toEqual(['./dist/index.js']);
    expect(pkg.files).toContain('openclaw.plugin.json');
  });

  it('exports { id, name, description, configSchema, register } as its default', async () => {
    const plugin = (await import('./index.js')).default;
    expect(plugin).toMatchObject({ id: PLUGIN_ID, name: 'Agent Vitals' });
    expect(typeof plugin.register).toBe('function');
    expect(plugin.configSchema.safeParse({ prometheus: { port: 9464 } }).success).toBe(true);
    expect(plugin.configSchema.safeParse({ prometheus: { port: -1 } }).success).toBe(false);
  });
});

describe('configuration', () => {
  it('accepts an empty configuration', () => {
    expect(parsePluginConfig(undefined)).toEqual({});
  });

  it('lists every problem with its path', () => {
    let message = '';
    try {
      parsePluginConfig({
        prometheus: { port: 70000, path: 'metrics' },
        otlp: { endpoint: 'not a url' },
        guard: {
          costCap: { usdPerHour: -1 },
          staleHeartbeatMs: 0,
          policy: { roles: { r: { allow: [''] } } },
        },
        extra: true,
      });
    } catch (error) {
      expect(error).toBeInstanceOf(TypeError);
      message = (error as Error).message;
    }
    for (const line of [
      '- prometheus.port: Too big',
      '- prometheus.path: must start with /',
      '- otlp.endpoint: must be an http(s) URL',
      '- guard.policy.roles.r.allow.0: must not be empty',
      '- guard.costCap.usdPerHour: Too small',
      '- guard.staleHeartbeatMs: Too small',
      '- (config): Unrecognized key: "extra"',
    ]) {
      expect(message).toContain(line);
    }
  });

  it('refuses a policy whose pattern is not a regular expression, at registration', () => {
    const plugin = createPlugin(kitTelemetry());
    const api = fakeApi({ guard: { policy: { roles: { r: { arguments: { exec: [{ pattern: '(' }] } } } } } });
    expect(() => plugin.register(api)).toThrow(
      /roles\.r\.arguments\.exec\[0\]\.pattern: is not a valid regular expression/,
    );
  });
});

describe('registration', () => {
  it('shares one runtime across the several register() calls of one process, and starts telemetry in gateway_start', async () => {
    const telemetry = kitTelemetry();
    const plugin = createPlugin({ startTelemetry: telemetry.startTelemetry });
    const full = fakeApi({});
    const discovery = fakeApi({});
    plugin.register(full);
    plugin.register(discovery);
    expect(telemetry.starts()).toBe(0);
    await full.fire('gateway_start', { port: 1 });
    await discovery.fire('gateway_start', { port: 1 });
    expect(telemetry.starts()).toBe(1);
    await full.fire('before_tool_call', toolCall('c1', { command: 'ls' }), toolCtx('c1'));
    await discovery.fire(
      'after_tool_call',
      { ...toolCall('c1', { command: 'ls' }), result: { content: [] } },
      toolCtx('c1'),
    );
    expect(await telemetry.kit.metric('agent.tool.calls', { 'agent.tool.outcome': 'success' })).toBe(1);
  });

  it('starts telemetry at the first hook when no gateway starts it (agent --local)', async () => {
    const telemetry = kitTelemetry();
    const api = fakeApi({});
    createPlugin({ startTelemetry: telemetry.startTelemetry }).register(api);
    const answer = await api.fire('before_tool_call', toolCall('c1', { command: 'rm -rf /' }), toolCtx('c1'));
    expect(answer).toMatchObject({ block: true });
    expect(telemetry.starts()).toBe(1);
  });

  it('keeps enforcing when telemetry cannot start', async () => {
    const api = fakeApi({});
    createPlugin({
      startTelemetry: async () => {
        throw new Error('port 9464 in use');
      },
    }).register(api);
    await api.fire('gateway_start', {});
    expect(api.logs.some((line) => line.startsWith('error') && line.includes('port 9464 in use'))).toBe(true);
    const answer = await api.fire('before_tool_call', toolCall('c1', { command: 'rm -rf ~' }), toolCtx('c1'));
    expect(answer).toMatchObject({ block: true });
  });
});

describe('hostile payloads', () => {
  const hooks: HookName[] = [
    'model_call_started',
    'model_call_ended',
    'llm_output',
    'agent_end',
    'after_tool_call',
    'message_received',
    'before_agent_run',
    'before_tool_call',
  ];

  it('never throws into OpenClaw, whatever the payload', async () => {
    const api = fakeApi({ sentiment: true, thoughts: true });
    createPlugin(kitTelemetry()).register(api);
    await api.fire('gateway_start', {});
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...hooks),
        fc.anything({ withNullPrototype: true, withBigInt: true }),
        fc.anything(),
        async (hook, event, ctx) => {
          await expect(api.fire(hook, event as never, ctx)).resolves.not.toThrow();
        },
      ),
      { numRuns: 300 },
    );
  });

  it('answers before_tool_call with a block, never a throw, when it cannot decide', async () => {
    const api = fakeApi({});
    createPlugin(kitTelemetry()).register(api);
    await api.fire('gateway_start', {});
    const params = new Proxy(
      {},
      {
        ownKeys: () => {
          throw new Error('revoked');
        },
        get: () => {
          throw new Error('revoked');
        },
      },
    );
    const answer = await api.fire(
      'before_tool_call',
      { toolName: 'exec', params, toolCallId: 'c1', runId: 'r' },
      toolCtx('c1', 'r'),
    );
    expect(answer).toMatchObject({ block: true });
    expect((answer as { blockReason: string }).blockReason.length).toBeGreaterThan(10);
  });
});
