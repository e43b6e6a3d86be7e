import type { PluginConfig } from '../config/plugin-config.js';
import { PluginRuntime, type RuntimeOptions } from './plugin-runtime.js';

/** Shared by every copy of this package in the process, as OpenClaw may load it more than once. */
const KEY = Symbol.for('@agentvitals/openclaw.runtime');

interface Slot {
  readonly key: string;
  readonly runtime: PluginRuntime;
}

const holder = globalThis as { [KEY]?: Slot };

/**
 * The process's runtime for this configuration. OpenClaw runs `register()` several times
 * per process (twice in a gateway, three times for `agent --local`): every registration
 * with the same configuration shares one runtime, so servers and timers exist once. A new
 * configuration (a hot reload) replaces the runtime; a running one is stopped and the new
 * one started in its mode.
 */
export function acquireRuntime(config: PluginConfig, options: RuntimeOptions = {}): PluginRuntime {
  const key = JSON.stringify(config);
  const current = holder[KEY];
  if (current?.key === key) return current.runtime;
  const runtime = new PluginRuntime(config, options);
  holder[KEY] = { key, runtime };
  if (current !== undefined) {
    const mode = current.runtime.mode;
    void current.runtime
      .stop()
      .catch(() => {})
      .then(() => (mode === undefined ? undefined : runtime.start(mode)));
  }
  return runtime;
}

/** Stops and forgets the process's runtime (tests). */
export async function releaseRuntime(): Promise<void> {
  const current = holder[KEY];
  delete holder[KEY];
  await current?.runtime.stop();
}
