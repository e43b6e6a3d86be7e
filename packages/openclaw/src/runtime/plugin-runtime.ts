import type { AgentGuard, AlertLogger } from '@agentvitals/alerts';
import { diag } from '@opentelemetry/api';
import type { PluginConfig } from '../config/plugin-config.js';
import { buildGuard, GUARD_DEFAULTS } from '../guard/build-guard.js';
import type { PluginLogger } from '../openclaw-types.js';
import { AgentIdentity } from './agent-identity.js';
import { AgentVitals } from './agent-vitals.js';
import { BoundedMap } from './bounded-map.js';
import { DeferredCalls } from './deferred-calls.js';
import {
  fallbackTelemetry,
  type StartTelemetry,
  startNodeTelemetry,
  type Telemetry,
  type TelemetryMode,
} from './telemetry.js';

const log = diag.createComponentLogger({ namespace: '@agentvitals/openclaw' });

/** Most agents with their own series; later ones share `_overflow`. */
const MAX_AGENTS = 1_000;
export const OVERFLOW_AGENT = '_overflow';

export interface RuntimeOptions {
  readonly logger?: PluginLogger;
  /** How telemetry starts; `@agentvitals/node` by default. Tests pass an in-memory kit. */
  readonly startTelemetry?: StartTelemetry;
}

/** An `AlertLogger` over OpenClaw's plugin logger (which has no `info` on every host). */
function alertLogger(logger: PluginLogger | undefined): AlertLogger {
  const write =
    (method: keyof PluginLogger) =>
    (...args: unknown[]) => {
      const line = args.map((arg) => (typeof arg === 'string' ? arg : JSON.stringify(arg))).join(' ');
      try {
        (logger?.[method] ?? logger?.info)?.call(logger, line);
      } catch {
        // A logger that throws must not break alert delivery.
      }
    };
  return { error: write('error'), warn: write('warn'), info: write('info') };
}

/**
 * Everything the plugin keeps for one configuration in one process: telemetry, the guard,
 * each agent's vitals, open calls and runs. Created once however often OpenClaw runs
 * `register()`; telemetry starts in `gateway_start` (or at the first hook of an
 * `openclaw agent --local` process) and stops in `gateway_stop`.
 */
export class PluginRuntime {
  readonly config: PluginConfig;
  readonly guard: AgentGuard | undefined;
  readonly identity: AgentIdentity;
  /** Model calls, tool calls and runs awaiting their end hook. */
  readonly calls = new DeferredCalls(10_000, 15 * 60_000);
  readonly runs = new DeferredCalls(2_000, 6 * 3_600_000);
  /** Tool calls per run, for the per-run cap. */
  readonly toolCallsPerRun = new BoundedMap<string, number>(10_000);
  readonly maxToolCallsPerRun: number;
  readonly logger: PluginLogger | undefined;
  readonly #agents = new Map<string, AgentVitals>();
  readonly #startTelemetry: StartTelemetry;
  #telemetry: Telemetry | undefined;
  #starting: Promise<Telemetry> | undefined;
  #mode: TelemetryMode | undefined;

  constructor(config: PluginConfig, options: RuntimeOptions = {}) {
    this.config = config;
    this.logger = options.logger;
    this.#startTelemetry = options.startTelemetry ?? startNodeTelemetry;
    this.identity = new AgentIdentity(config.defaultAgentName ?? 'main');
    const guardConfig = config.guard ?? {};
    this.guard =
      guardConfig.enabled === false ? undefined : buildGuard(guardConfig, alertLogger(options.logger));
    this.maxToolCallsPerRun = guardConfig.loops?.maxToolCallsPerRun ?? GUARD_DEFAULTS.maxToolCallsPerRun;
  }

  get started(): boolean {
    return this.#telemetry !== undefined;
  }

  get mode(): TelemetryMode | undefined {
    return this.#mode;
  }

  get prometheusUrl(): string | undefined {
    return this.#telemetry?.prometheusUrl;
  }

  /** Starts telemetry once; later calls wait for the same start. Never rejects. */
  start(mode: TelemetryMode): Promise<Telemetry> {
    this.#starting ??= (async () => {
      this.#mode = mode;
      let telemetry: Telemetry;
      try {
        telemetry = await this.#startTelemetry(this.config, mode);
        if (telemetry.prometheusUrl)
          this.logger?.info?.(`Agent Vitals metrics at ${telemetry.prometheusUrl}`);
      } catch (error) {
        const message = `Agent Vitals telemetry did not start (${(error as Error)?.message ?? String(error)}); the guard still enforces, metrics go to the global OpenTelemetry providers`;
        this.logger?.error?.(message);
        log.error(message);
        telemetry = fallbackTelemetry;
      }
      this.#telemetry = telemetry;
      return telemetry;
    })();
    return this.#starting;
  }

  /** The agent's vitals, once telemetry runs (`undefined` before). */
  agent(agentName: string): AgentVitals | undefined {
    const telemetry = this.#telemetry;
    if (telemetry === undefined) return undefined;
    const name = this.#agents.has(agentName) || this.#agents.size < MAX_AGENTS ? agentName : OVERFLOW_AGENT;
    let agent = this.#agents.get(name);
    if (agent === undefined) {
      agent = new AgentVitals(name, telemetry, this.guard, this.config.pricing);
      this.#agents.set(name, agent);
    }
    return agent;
  }

  /** The agent's vitals, starting telemetry first when no gateway started it (`agent --local`). */
  async agentStarting(agentName: string): Promise<AgentVitals> {
    if (!this.started) await this.start(this.#mode ?? 'cli');
    return this.agent(agentName)!;
  }

  async flush(): Promise<void> {
    await this.#telemetry?.flush();
  }

  /** Stops the guard's timers, gives up open calls, flushes and stops telemetry. Idempotent. */
  async stop(): Promise<void> {
    const telemetry = this.#starting ? await this.#starting : undefined;
    this.calls.clear('the gateway stopped');
    this.runs.clear('the gateway stopped');
    for (const agent of this.#agents.values()) agent.dispose();
    this.#agents.clear();
    await this.guard?.shutdown(2_000);
    await telemetry?.shutdown();
    this.#telemetry = undefined;
    this.#starting = undefined;
  }
}
