import type { AgentGuard } from '@agentvitals/alerts';
import type { Disposable, Vitals, VitalsOptions } from '@agentvitals/core';
import { COST_ALERTS } from '../guard/build-guard.js';
import type { Telemetry } from './telemetry.js';

/** Agent-activity heartbeats are recorded at most this often per agent. */
const HEARTBEAT_MIN_INTERVAL_MS = 100;

/**
 * One OpenClaw agent's vitals. `recorder` records what OpenClaw reports happened (model
 * calls, tokens, runs, heartbeats); `tools` records tool calls and asks the guard first.
 * They are two instances because OpenClaw's model-call hooks observe and cannot refuse a
 * call: a reasoning call must never be recorded as blocked when it ran. The guard watches
 * the events of both.
 */
export class AgentVitals {
  readonly agentName: string;
  readonly recorder: Vitals;
  readonly tools: Vitals;
  /** The latest refusal by the guard (read right after a refused call). */
  lastRefusal: { readonly outcome: 'denied' | 'blocked'; readonly reason: string } | undefined;
  readonly #costAlerts = new Set<string>();
  readonly #disposables: Disposable[] = [];
  #lastHeartbeat = Number.NEGATIVE_INFINITY;

  constructor(
    agentName: string,
    telemetry: Telemetry,
    guard: AgentGuard | undefined,
    pricing?: VitalsOptions['pricing'],
  ) {
    this.agentName = agentName;
    this.tools = telemetry.createVitals({ agentName, pricing, ...(guard ? { guard } : {}) });
    this.recorder = telemetry.createVitals({ agentName, pricing });
    this.#disposables.push(
      this.tools.events.subscribe((event) => {
        if (event.type === 'guard.deny') this.lastRefusal = { outcome: event.outcome, reason: event.reason };
        else if (event.type === 'alert.fire' && COST_ALERTS.has(event.alertName))
          this.#costAlerts.add(event.alertName);
        else if (event.type === 'alert.resolve') this.#costAlerts.delete(event.alertName);
      }),
    );
    if (guard) {
      // The tools instance attached first, so the guard publishes alerts and breaker states through it.
      this.#disposables.push(
        guard.attach({ agentName, events: this.recorder.events, emit: () => {}, now: () => Date.now() }),
      );
    }
  }

  /** A cost cap alert firing for this agent, if any. */
  costCapReached(): string | undefined {
    return this.#costAlerts.values().next().value;
  }

  /** Agent activity: `agent.heartbeat.timestamp`, at most every 100 ms. */
  heartbeat(now = Date.now()): void {
    if (now - this.#lastHeartbeat < HEARTBEAT_MIN_INTERVAL_MS) return;
    this.#lastHeartbeat = now;
    this.recorder.heartbeat();
  }

  dispose(): void {
    for (const disposable of this.#disposables.splice(0)) disposable.dispose();
  }
}
