import {
  ALLOW,
  CircuitOpenError,
  type Disposable,
  type Guard,
  type GuardDecision,
  type GuardRequest,
} from '@agentvitals/core';
import { diag } from '@opentelemetry/api';

const logger = diag.createComponentLogger({ namespace: '@agentvitals/alerts/fleet-hold' });

/** The breaker name a held agent's refused calls report (`CircuitOpenError.breakerName`). */
export const FLEET_HOLD_BREAKER_NAME = 'fleet';

/** The part of an `AgentGuard` a hold drives: its agent breaker. */
export interface HoldableGuard {
  trip(reason: string, agentName?: string): void;
  reset(agentName?: string, reason?: string): void;
}

export interface FleetHoldOptions {
  /** The guard (from `createGuard()`) whose agent breaker is opened while an agent is held. */
  readonly guard?: HoldableGuard;
  /** Most agents held at once; further holds are dropped with a diag warning. Default 10,000. */
  readonly maxAgents?: number;
  /** Most reasons (alerts) holding one agent at once. Default 100. */
  readonly maxReasonsPerAgent?: number;
}

/**
 * A guard that refuses every reasoning and tool call of a held agent, from outside the
 * process: a fleet-wide alert (`AgentFleetCostSpike` routed by Alertmanager to the
 * `alertWebhook` of `@agentvitals/node`) holds the agent until it resolves. Several reasons can
 * hold one agent; it is released when the last one is.
 */
export interface FleetHold extends Guard {
  /** Holds `agentName` for `reason` (an alert); holding twice for the same reason is one hold. Returns true when the agent is now held. */
  hold(agentName: string, reason: string): boolean;
  /** Drops `reason`; the agent is released when no reason is left. Returns true when the agent is now free. */
  release(agentName: string, reason: string): boolean;
  isHeld(agentName: string): boolean;
  /** The held agents and their reasons. */
  held(): ReadonlyMap<string, readonly string[]>;
}

const positiveInteger = (value: number | undefined, name: string, fallback: number): number => {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < 1)
    throw new TypeError(`createFleetHold: ${name} must be a positive integer`);
  return value;
};

/** Creates a fleet hold. List it with the guard in `start({ guard: [guard, hold] })`. */
export function createFleetHold(options: FleetHoldOptions = {}): FleetHold {
  const guard = options.guard;
  if (guard !== undefined && (typeof guard.trip !== 'function' || typeof guard.reset !== 'function'))
    throw new TypeError('createFleetHold: guard must be an AgentGuard (with trip() and reset())');
  const maxAgents = positiveInteger(options.maxAgents, 'maxAgents', 10_000);
  const maxReasons = positiveInteger(options.maxReasonsPerAgent, 'maxReasonsPerAgent', 100);
  const holds = new Map<string, Set<string>>();
  const valid = (text: unknown): text is string => typeof text === 'string' && text !== '';

  const drive = (action: () => void, what: string) => {
    try {
      action();
    } catch (error) {
      logger.warn(`${what} of the agent breaker failed`, error);
    }
  };

  return {
    hold(agentName, reason) {
      if (!valid(agentName) || !valid(reason)) {
        logger.warn('hold ignored: agentName and reason must be non-empty strings');
        return false;
      }
      let reasons = holds.get(agentName);
      if (reasons === undefined) {
        if (holds.size >= maxAgents) {
          logger.warn(`more than ${maxAgents} agents held; hold of '${agentName}' dropped`);
          return false;
        }
        reasons = new Set();
        holds.set(agentName, reasons);
      }
      if (!reasons.has(reason)) {
        if (reasons.size >= maxReasons) {
          logger.warn(`more than ${maxReasons} reasons hold '${agentName}'; '${reason}' dropped`);
          return true;
        }
        reasons.add(reason);
        if (guard !== undefined) drive(() => guard.trip(`held by the fleet: ${reason}`, agentName), 'trip');
      }
      return true;
    },
    release(agentName, reason) {
      const reasons = holds.get(agentName);
      if (reasons === undefined) return true;
      reasons.delete(reason);
      if (reasons.size > 0) return false;
      holds.delete(agentName);
      if (guard !== undefined)
        drive(() => guard.reset(agentName, `released by the fleet: ${reason}`), 'reset');
      return true;
    },
    isHeld: (agentName) => holds.has(agentName),
    held: () => new Map([...holds].map(([agent, reasons]) => [agent, [...reasons]])),
    check(request: GuardRequest): GuardDecision {
      const reasons = holds.get(request.agentName);
      if (reasons === undefined) return ALLOW;
      const reason = `held by the fleet: ${[...reasons].join(', ')}`;
      return {
        action: 'block',
        reason,
        error: new CircuitOpenError(`Agent '${request.agentName}' is ${reason}`, {
          breakerName: FLEET_HOLD_BREAKER_NAME,
          agentName: request.agentName,
        }),
      };
    },
    attach(): Disposable {
      return { dispose() {} };
    },
  };
}
