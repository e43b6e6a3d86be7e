import {
  ALLOW,
  type BreakerStateEvent,
  CircuitOpenError,
  type GuardDecision,
  type GuardRequest,
  type ReasoningEndEvent,
  type ToolEndEvent,
} from '@agentvitals/core';
import { diag } from '@opentelemetry/api';
import { type BreakerPermit, CircuitBreaker } from '../breaker/circuit-breaker.js';
import { GUARD_ERROR_TYPES } from './refused-call.js';

const logger = diag.createComponentLogger({ namespace: '@agentvitals/alerts/guard' });

export const AGENT_BREAKER_NAME = 'agent';
export const toolBreakerName = (toolName: string) => `tool:${toolName}`;

export interface BreakerSetOptions {
  readonly coolDownMs?: number;
  readonly trialTimeoutMs?: number;
  readonly perTool: boolean;
  readonly maxToolBreakers: number;
}

interface PendingTrial {
  readonly permit: BreakerPermit;
  readonly kind: GuardRequest['kind'];
  readonly toolName: string | undefined;
  /** Guard clock (ms) when the permit was handed out. */
  readonly grantedAt: number;
  /** The call the permit was handed to, when the request carried an id. */
  readonly callId: number | undefined;
}

/** Measured durations and two clocks may disagree this much before a result counts as older. */
const START_TOLERANCE_MS = 1_000;

/**
 * True when the finished call started before the trial was granted: an older call still
 * in flight when the breaker opened, whose late result says nothing about the trial.
 */
function startedBefore(event: ToolEndEvent | ReasoningEndEvent, grantedAt: number): boolean {
  const { time, durationSeconds } = event;
  if (!Number.isFinite(time) || !Number.isFinite(durationSeconds) || durationSeconds < 0) return false;
  return time - durationSeconds * 1000 < grantedAt - START_TOLERANCE_MS;
}

/**
 * True when `event` reports the trial's own call: the same call id when both carry one, else
 * the same kind and tool, started after the trial was granted.
 */
function isTrialResult(
  trial: PendingTrial,
  event: ToolEndEvent | ReasoningEndEvent,
  kind: GuardRequest['kind'],
  toolName: string | undefined,
): boolean {
  if (trial.callId !== undefined && event.callId !== undefined) return trial.callId === event.callId;
  return trial.kind === kind && trial.toolName === toolName && !startedBefore(event, trial.grantedAt);
}

/**
 * One agent's circuit breakers: the agent breaker (`agent`) and, optionally, one per
 * tool (`tool:<name>`, bounded). Asks them before each call and reports each call's
 * result back, matching the half-open trial permit to the call it was given to.
 */
export class BreakerSet {
  readonly agent: CircuitBreaker;
  readonly #agentName: string;
  readonly #options: BreakerSetOptions;
  readonly #clock: () => number;
  readonly #emit: (event: BreakerStateEvent) => void;
  readonly #tools = new Map<string, CircuitBreaker>();
  #agentTrial: PendingTrial | undefined;
  readonly #toolTrials = new Map<string, PendingTrial>();

  constructor(
    agentName: string,
    options: BreakerSetOptions,
    clock: () => number,
    emit: (event: BreakerStateEvent) => void,
  ) {
    this.#agentName = agentName;
    this.#options = options;
    this.#clock = clock;
    this.#emit = emit;
    this.agent = this.#create(AGENT_BREAKER_NAME);
  }

  /** The breaker of one tool; created on first use when per-tool breakers are on. */
  tool(toolName: string): CircuitBreaker | undefined {
    if (!this.#options.perTool) return undefined;
    let breaker = this.#tools.get(toolName);
    if (breaker === undefined && this.#tools.size < this.#options.maxToolBreakers) {
      breaker = this.#create(toolBreakerName(toolName));
      this.#tools.set(toolName, breaker);
      this.announce(breaker);
    }
    return breaker;
  }

  all(): CircuitBreaker[] {
    return [this.agent, ...this.#tools.values()];
  }

  /** Publishes a breaker's current state (so `agent.breaker.state` exists from the start). */
  announce(breaker: CircuitBreaker): void {
    this.#publish(breaker.name, breaker.state, 'watching');
  }

  check(request: GuardRequest): GuardDecision {
    const tool = request.kind === 'tool' ? this.tool(request.toolName) : undefined;
    // An open tool breaker refuses before the agent breaker hands out its trial permit.
    if (tool !== undefined && tool.state === 'open') return this.#blocked(tool, tool.acquire());
    const permit = this.agent.acquire();
    if (!permit.allowed) return this.#blocked(this.agent, permit);
    const toolName = request.kind === 'tool' ? request.toolName : undefined;
    if (tool === undefined && !permit.trial) return ALLOW;
    const grantedAt = this.#clock();
    if (tool !== undefined && toolName !== undefined) {
      const toolPermit = tool.acquire();
      if (!toolPermit.allowed) {
        // The call will not run: an agent trial permit it was given goes to the next caller.
        if (permit.trial) this.agent.release(permit);
        return this.#blocked(tool, toolPermit);
      }
      if (toolPermit.trial)
        this.#toolTrials.set(toolName, {
          permit: toolPermit,
          kind: 'tool',
          toolName,
          grantedAt,
          callId: request.callId,
        });
    }
    if (permit.trial)
      this.#agentTrial = { permit, kind: request.kind, toolName, grantedAt, callId: request.callId };
    return ALLOW;
  }

  /**
   * The call `request` was allowed here but will not run (another check refused it): a trial
   * permit it took is given back, so the next call every guard admits becomes the trial.
   */
  cancel(request: GuardRequest): void {
    const toolName = request.kind === 'tool' ? request.toolName : undefined;
    const owns = (trial: PendingTrial) =>
      request.callId !== undefined
        ? trial.callId === request.callId
        : trial.callId === undefined && trial.kind === request.kind && trial.toolName === toolName;
    const agentTrial = this.#agentTrial;
    if (agentTrial !== undefined && owns(agentTrial)) {
      this.#agentTrial = undefined;
      this.agent.release(agentTrial.permit);
    }
    if (toolName === undefined) return;
    const toolTrial = this.#toolTrials.get(toolName);
    if (toolTrial !== undefined && owns(toolTrial)) {
      this.#toolTrials.delete(toolName);
      this.#tools.get(toolName)?.release(toolTrial.permit);
    }
  }

  /** Like `cancel`, for a refused call known only by its id (a `guard.deny` event). */
  cancelCall(callId: number): void {
    const agentTrial = this.#agentTrial;
    if (agentTrial !== undefined && agentTrial.callId === callId) {
      this.#agentTrial = undefined;
      this.agent.release(agentTrial.permit);
    }
    for (const [toolName, trial] of this.#toolTrials) {
      if (trial.callId !== callId) continue;
      this.#toolTrials.delete(toolName);
      this.#tools.get(toolName)?.release(trial.permit);
    }
  }

  /** Reports a finished call; calls a guard stopped are ignored. */
  record(event: ToolEndEvent | ReasoningEndEvent): void {
    let success: boolean;
    let toolName: string | undefined;
    if (event.type === 'tool.end') {
      if (event.outcome === 'denied' || event.outcome === 'blocked') return;
      success = event.outcome === 'success';
      toolName = event.toolName;
    } else {
      if (event.errorType !== undefined && GUARD_ERROR_TYPES.has(event.errorType)) return;
      success = event.errorType === undefined;
    }
    const kind = event.type === 'tool.end' ? 'tool' : 'reasoning';
    const trial = this.#agentTrial;
    if (trial === undefined) {
      this.agent.record(success);
    } else if (isTrialResult(trial, event, kind, toolName)) {
      this.#agentTrial = undefined;
      this.agent.record(success, trial.permit);
    }
    if (toolName !== undefined) {
      const breaker = this.#tools.get(toolName);
      const toolTrial = this.#toolTrials.get(toolName);
      if (toolTrial === undefined) breaker?.record(success);
      else if (isTrialResult(toolTrial, event, 'tool', toolName)) {
        this.#toolTrials.delete(toolName);
        breaker?.record(success, toolTrial.permit);
      }
    }
  }

  /** Opens the tool's breaker when per-tool breakers are on and `toolName` is given, else the agent's. */
  trip(reason: string, toolName?: string): CircuitBreaker {
    const breaker = (toolName === undefined ? undefined : this.tool(toolName)) ?? this.agent;
    if (breaker === this.agent) this.#agentTrial = undefined;
    else if (toolName !== undefined) this.#toolTrials.delete(toolName);
    breaker.trip(reason);
    return breaker;
  }

  reset(reason: string): void {
    this.#agentTrial = undefined;
    this.#toolTrials.clear();
    for (const breaker of this.all()) breaker.reset(reason);
  }

  #create(name: string): CircuitBreaker {
    return new CircuitBreaker({
      name,
      coolDownMs: this.#options.coolDownMs,
      trialTimeoutMs: this.#options.trialTimeoutMs,
      clock: this.#clock,
      onStateChange: ({ to, reason }) => this.#publish(name, to, reason),
    });
  }

  #publish(breakerName: string, state: BreakerStateEvent['state'], reason: string): void {
    try {
      this.#emit({
        type: 'breaker.state',
        agentName: this.#agentName,
        time: this.#clock(),
        breakerName,
        state,
        reason,
      });
    } catch (error) {
      logger.warn('publishing a breaker state change failed', error);
    }
  }

  #blocked(breaker: CircuitBreaker, permit: BreakerPermit): GuardDecision {
    const retryAt = permit.allowed ? undefined : permit.retryAt;
    const why = permit.allowed ? breaker.reason : permit.reason;
    const reason = `circuit breaker '${breaker.name}' is open: ${why}`;
    const error = new CircuitOpenError(
      `Agent '${this.#agentName}': ${reason}${retryAt === undefined ? '' : `; retry after ${new Date(retryAt).toISOString()}`}`,
      { breakerName: breaker.name, agentName: this.#agentName, retryAt },
    );
    return { action: 'block', error, reason };
  }
}
