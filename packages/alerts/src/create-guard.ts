import {
  type Disposable,
  type Guard,
  type GuardDecision,
  type GuardHost,
  type GuardRequest,
  OVERFLOW_VALUE,
  PolicyDeniedError,
} from '@agentvitals/core';
import { diag } from '@opentelemetry/api';
import type { CircuitBreaker } from './breaker/circuit-breaker.js';
import { flushGlobalProviders } from './breaker/flush-global-providers.js';
import { createRestartAction } from './breaker/restart.js';
import { parseOptions } from './config/parse-options.js';
import { AgentMonitor, type MonitorSettings } from './engine/agent-monitor.js';
import { EvaluationTimer } from './engine/evaluation-timer.js';
import { type GuardBreakerOptions, type GuardOptions, guardOptionsSchema } from './guard-options.js';
import type { ActiveAlert } from './lifecycle/alert.js';
import type { ToolPolicy } from './policy/policy-types.js';
import { createToolPolicy } from './policy/tool-policy.js';
import type { AlertRule } from './rules/alert-rule.js';
import { defaultRules } from './rules/default-rules.js';
import { SinkDispatcher } from './sinks/sink-dispatcher.js';
import type { SinkStats } from './sinks/sink-queue.js';

const logger = diag.createComponentLogger({ namespace: '@agentvitals/alerts/guard' });

/** The agent name of the monitor that agents past `maxAgents` share. */
const OVERFLOW_AGENT = OVERFLOW_VALUE;

export interface GuardStats {
  /** Agents the guard keeps state for. */
  readonly agents: number;
  /** Per sink: queued, sent, failed and dropped notifications. */
  readonly sinks: readonly SinkStats[];
  /** Notifications dropped by full sink queues, all sinks together. */
  readonly dropped: number;
}

/** The guard `createGuard` returns: a core `Guard` plus manual control and inspection. */
export interface AgentGuard extends Guard {
  /** The rules the guard evaluates. */
  readonly rules: readonly AlertRule<string, object>[];
  /** An agent's breaker (`agent`), or a tool's (`tool:<name>`) with `toolName`. The only agent when omitted. */
  breaker(agentName?: string, toolName?: string): CircuitBreaker | undefined;
  /** Opens the agent breaker of `agentName`, or of every agent. */
  trip(reason: string, agentName?: string): void;
  /** Closes every breaker of `agentName`, or of every agent. */
  reset(agentName?: string, reason?: string): void;
  /** Evaluates every rule now (the evaluation timer does this every `evaluationIntervalMs`). */
  evaluate(): void;
  /** Alerts now pending or firing. */
  alerts(): ActiveAlert[];
  stats(): GuardStats;
  /** Waits until every sink queue is empty, at most `timeoutMs` (default 10 s). */
  flush(timeoutMs?: number): Promise<void>;
  /** Detaches from every vitals instance, stops the timer and drains the sinks. */
  shutdown(timeoutMs?: number): Promise<void>;
}

const isToolPolicy = (value: unknown): value is ToolPolicy =>
  typeof (value as { evaluate?: unknown }).evaluate === 'function';

/**
 * Creates a guard: evaluates alert rules on the agents' events, notifies sinks through
 * bounded queues, opens circuit breakers for `trip` rules and enforces a tool policy
 * before each tool call. Attach it with `createVitals({ guard })`, `vitals.use(guard)` or
 * `wrap(agent, { guard })`. Throws a `TypeError` listing every bad option.
 */
export function createGuard(options: GuardOptions = {}): AgentGuard {
  const parsed = parseOptions(guardOptionsSchema, options, 'createGuard()');
  const rules = Object.freeze([...(options.rules ?? defaultRules())]);
  const clock = options.clock ?? Date.now;
  const dispatcher = new SinkDispatcher(options.sinks ?? [], parsed.repeatIntervalMs ?? 4 * 3_600_000);
  const policy =
    options.policy === undefined
      ? undefined
      : isToolPolicy(options.policy)
        ? options.policy
        : createToolPolicy(options.policy);
  const maxAgents = parsed.maxAgents ?? 1000;
  const monitors = new Map<string, AgentMonitor>();
  const hostDisposables = new Set<Disposable>();

  const flush = async (timeoutMs = 10_000): Promise<void> => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        logger.warn(`alert sinks did not drain within ${timeoutMs} ms`);
        resolve();
      }, timeoutMs);
    });
    await Promise.race([dispatcher.flush(), timeout]);
    clearTimeout(timer);
  };

  const breakerOptions = options.breaker === false ? undefined : options.breaker;
  const restart = resolveRestart(breakerOptions?.restart, flush);
  const settings: MonitorSettings = {
    rules,
    labels: Object.freeze({ ...parsed.labels }),
    clock,
    dispatcher,
    breaker:
      options.breaker === false
        ? undefined
        : {
            coolDownMs: breakerOptions?.coolDownMs,
            trialTimeoutMs: breakerOptions?.trialTimeoutMs,
            perTool: breakerOptions?.perTool ?? false,
            maxToolBreakers: breakerOptions?.maxToolBreakers ?? 100,
          },
    onAgentTripped: (_agentName, reason) => {
      if (restart === undefined) return;
      Promise.resolve()
        .then(() => restart(reason))
        .catch((error: unknown) => logger.error('the restart action failed', error));
    },
  };

  // Past maxAgents, further agents share one monitor, as metric attribute sets past a cap share
  // one overflow series: memory stays bounded and those agents stay guarded (pooled, their spend
  // meets the cost cap sooner and one loop opens the breaker for all of them), never unwatched.
  let overflow: AgentMonitor | undefined;
  const overflowMonitor = (agentName: string): AgentMonitor => {
    if (overflow === undefined) {
      logger.warn(
        `more than ${maxAgents} agents: '${agentName}' and every further agent share the rules, breaker and cost cap of '${OVERFLOW_AGENT}' (raise maxAgents if they are distinct agents)`,
      );
      overflow = new AgentMonitor(OVERFLOW_AGENT, settings);
    }
    return overflow;
  };
  /** The monitor watching `agentName`, if it exists: its own, or the overflow one past the cap. */
  const existingMonitor = (agentName: string): AgentMonitor | undefined =>
    monitors.get(agentName) ?? (monitors.size >= maxAgents ? overflow : undefined);
  const monitorOf = (agentName: string): AgentMonitor => {
    let monitor = monitors.get(agentName);
    if (monitor === undefined) {
      if (monitors.size >= maxAgents) return overflowMonitor(agentName);
      monitor = new AgentMonitor(agentName, settings);
      monitors.set(agentName, monitor);
    }
    return monitor;
  };
  const allMonitors = (): AgentMonitor[] =>
    overflow === undefined ? [...monitors.values()] : [...monitors.values(), overflow];

  const evaluate = () => {
    const now = clock();
    for (const monitor of allMonitors()) monitor.evaluateAll(now);
  };
  const timer = new EvaluationTimer(parsed.evaluationIntervalMs ?? 5_000, evaluate);

  const only = (agentName: string | undefined): AgentMonitor | undefined => {
    if (agentName !== undefined) return existingMonitor(agentName);
    return monitors.size === 1 ? monitors.values().next().value : undefined;
  };

  const decide = (request: GuardRequest): GuardDecision => {
    if (policy !== undefined && request.kind === 'tool') {
      // The call as the tool will receive it: the decoded input and whether it is nested.
      const policyRequest = {
        agentName: request.agentName,
        toolName: request.toolName,
        args: request.args,
        ...(request.input === undefined ? {} : { input: request.input }),
        ...(request.nested === undefined ? {} : { nested: request.nested }),
      };
      const verdict = policy.evaluate(policyRequest);
      if (!verdict.allowed) {
        const error = new PolicyDeniedError(
          `Tool '${request.toolName}' is denied for agent '${request.agentName}' by ${verdict.rule}: ${verdict.reason}`,
          { agentName: request.agentName, toolName: request.toolName, rule: verdict.rule },
        );
        return { action: 'deny', error, reason: `${verdict.rule}: ${verdict.reason}` };
      }
    }
    return monitorOf(request.agentName).check(request);
  };

  /** Never throws: a guard that cannot decide denies the call, and says why. */
  const check = (request: GuardRequest): GuardDecision => {
    try {
      return decide(request);
    } catch (error) {
      logger.warn('the guard could not decide on a call; it is denied', error);
      const agentName = readString(() => request.agentName) ?? 'unknown';
      const toolName = readString(() => (request.kind === 'tool' ? request.toolName : undefined)) ?? '';
      const reason = 'guard: could not decide on the call (see the diag log)';
      return {
        action: 'deny',
        error: new PolicyDeniedError(`Agent '${agentName}': ${reason}`, {
          agentName,
          toolName,
          rule: 'guard',
        }),
        reason,
      };
    }
  };

  const cancel = (request: GuardRequest): void => {
    try {
      existingMonitor(request.agentName)?.cancel(request);
    } catch (error) {
      logger.warn('releasing a refused call failed', error);
    }
  };

  const attach = (host: GuardHost): Disposable => {
    const monitor = monitorOf(host.agentName);
    monitor.addHost(host);
    const subscription = host.events.subscribe((event) => monitor.observe(event));
    timer.retain();
    let disposed = false;
    const disposable: Disposable = {
      dispose() {
        if (disposed) return;
        disposed = true;
        hostDisposables.delete(disposable);
        subscription.dispose();
        monitor.removeHost(host);
        timer.release();
      },
    };
    hostDisposables.add(disposable);
    return disposable;
  };

  return {
    rules,
    check,
    cancel,
    attach,
    breaker(agentName, toolName) {
      const breakers = only(agentName)?.breakers;
      if (breakers === undefined) return undefined;
      return toolName === undefined ? breakers.agent : breakers.tool(toolName);
    },
    trip(reason, agentName) {
      const targets = agentName === undefined ? allMonitors() : [monitorOf(agentName)];
      for (const monitor of targets)
        monitor?.trip(typeof reason === 'string' && reason !== '' ? reason : 'tripped by hand');
    },
    reset(agentName, reason = 'reset by hand') {
      const targets = agentName === undefined ? allMonitors() : [existingMonitor(agentName)];
      for (const monitor of targets) monitor?.breakers?.reset(reason);
    },
    evaluate,
    alerts: () => allMonitors().flatMap((monitor) => monitor.alerts()),
    stats() {
      const sinks = dispatcher.stats();
      return { agents: monitors.size, sinks, dropped: sinks.reduce((sum, sink) => sum + sink.dropped, 0) };
    },
    flush,
    async shutdown(timeoutMs) {
      for (const disposable of [...hostDisposables]) disposable.dispose();
      timer.stop();
      await flush(timeoutMs);
    },
  };
}

/** A string read from a value that may throw on access, or undefined. */
function readString(read: () => unknown): string | undefined {
  try {
    const value = read();
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

function resolveRestart(
  restart: GuardBreakerOptions['restart'],
  flush: () => Promise<void>,
): ((reason: string) => void | Promise<void>) | undefined {
  if (restart === undefined || restart === false) return undefined;
  if (typeof restart === 'function') return restart;
  const userOptions = restart === true ? {} : restart;
  return createRestartAction({
    ...userOptions,
    flush: async () => {
      await flush();
      await (userOptions.flush ?? flushGlobalProviders)();
    },
  });
}
