import type { BreakerState } from '@agentvitals/core';
import { diag } from '@opentelemetry/api';
import { BreakerClock } from './breaker-clock.js';

const logger = diag.createComponentLogger({ namespace: '@agentvitals/alerts/breaker' });

export const DEFAULT_COOL_DOWN_MS = 30_000;
export const DEFAULT_TRIAL_TIMEOUT_MS = 60_000;

/** A state change, as reported to `onStateChange`. `from` and `to` always differ. */
export interface BreakerStateChange {
  readonly from: BreakerState;
  readonly to: BreakerState;
  readonly reason: string;
}

export interface CircuitBreakerOptions {
  /** `agent.breaker.name`, e.g. `'agent'` or `'tool:shell'`. */
  readonly name: string;
  /** Open → half-open after this many ms. Default 30 000. */
  readonly coolDownMs?: number;
  /** A half-open trial with no reported result by then counts as failed. Default 60 000. */
  readonly trialTimeoutMs?: number;
  /** Wall clock in ms. Default `Date.now`. Read lazily: the breaker sets no timers. */
  readonly clock?: () => number;
  /** Called once per real state change, synchronously, after the state has changed. */
  readonly onStateChange?: (change: BreakerStateChange) => void;
}

/**
 * The answer to `acquire()`. An allowed permit with `trial: true` is the single half-open
 * trial: report its result with `record()`. A refusal says when to try again
 * (`retryAt`, ms since the epoch) and why the breaker is open.
 */
export type BreakerPermit =
  | { readonly allowed: true; readonly trial: boolean }
  | { readonly allowed: false; readonly retryAt: number; readonly reason: string };

const CLOSED_PERMIT: BreakerPermit = Object.freeze({ allowed: true, trial: false });

interface Trial {
  readonly permit: BreakerPermit;
  /** Monotonic ms at which an unreported trial counts as failed. */
  readonly deadline: number;
}

function requireDuration(value: unknown, field: string, fallback: number, allowZero: boolean): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || (!allowZero && value === 0)) {
    throw new TypeError(
      `CircuitBreaker: options.${field} must be a finite number ${allowZero ? '>= 0' : '> 0'} (ms), got ${String(value)}`,
    );
  }
  return value;
}

/**
 * A three-state circuit breaker: `closed` lets calls through; `open` refuses them until a
 * cool-down has elapsed; `half-open` lets exactly one trial call through, whose result
 * closes the breaker again or reopens it for a new cool-down.
 *
 * Time-driven transitions (cool-down elapsed, trial timed out) are evaluated lazily from
 * the clock on every `state`, `acquire()` and `record()`, so the breaker holds no timer
 * and costs nothing while idle. The breaker does not count failures itself: something
 * else (a rule, a loop detector, a cost cap) decides to `trip()` it.
 */
export class CircuitBreaker {
  readonly name: string;
  readonly #coolDownMs: number;
  readonly #trialTimeoutMs: number;
  readonly #clock: BreakerClock;
  readonly #onStateChange: ((change: BreakerStateChange) => void) | undefined;
  #state: BreakerState = 'closed';
  #reason = 'initial state';
  /** Monotonic ms at which an open breaker half-opens. */
  #openUntil = 0;
  #trial: Trial | undefined;

  constructor(options: CircuitBreakerOptions) {
    if (typeof options !== 'object' || options === null) {
      throw new TypeError('CircuitBreaker: options must be an object with at least a name');
    }
    if (typeof options.name !== 'string' || options.name.trim() === '') {
      throw new TypeError(
        `CircuitBreaker: options.name must be a non-empty string, got ${String(options.name)}`,
      );
    }
    if (options.clock !== undefined && typeof options.clock !== 'function') {
      throw new TypeError('CircuitBreaker: options.clock must be a function returning ms');
    }
    if (options.onStateChange !== undefined && typeof options.onStateChange !== 'function') {
      throw new TypeError('CircuitBreaker: options.onStateChange must be a function');
    }
    this.name = options.name;
    this.#coolDownMs = requireDuration(options.coolDownMs, 'coolDownMs', DEFAULT_COOL_DOWN_MS, true);
    this.#trialTimeoutMs = requireDuration(
      options.trialTimeoutMs,
      'trialTimeoutMs',
      DEFAULT_TRIAL_TIMEOUT_MS,
      false,
    );
    this.#clock = new BreakerClock(options.clock ?? Date.now);
    this.#onStateChange = options.onStateChange;
    this.#clock.now();
  }

  /** The current state, after applying any transition that time has made due. */
  get state(): BreakerState {
    this.#advance(this.#clock.now());
    return this.#state;
  }

  /** Why the breaker is in its current state (the trip reason while open). */
  get reason(): string {
    this.#advance(this.#clock.now());
    return this.#reason;
  }

  /**
   * Asks to make a call. Closed: allowed. Open: refused until the cool-down ends.
   * Half-open: the first caller gets the trial permit; everyone else is refused until
   * the trial reports (`record`) or times out.
   */
  acquire(): BreakerPermit {
    const now = this.#clock.now();
    this.#advance(now);
    if (this.#state === 'closed') return CLOSED_PERMIT;
    if (this.#state === 'open') {
      return { allowed: false, retryAt: this.#clock.toWallClock(this.#openUntil), reason: this.#reason };
    }
    if (this.#trial !== undefined) {
      return {
        allowed: false,
        retryAt: this.#clock.toWallClock(this.#trial.deadline),
        reason: `a half-open trial call is in flight (${this.#reason})`,
      };
    }
    const permit: BreakerPermit = Object.freeze({ allowed: true, trial: true });
    this.#trial = { permit, deadline: now + this.#trialTimeoutMs };
    return permit;
  }

  /**
   * Reports a call's result. Only the half-open trial's result matters: success closes
   * the breaker, failure reopens it for a new cool-down. Pass the permit `acquire()`
   * returned to make sure a late result of an older, non-trial call is not mistaken for
   * the trial's; without it, any result reported while a trial is in flight counts.
   */
  record(success: boolean, permit?: BreakerPermit): void {
    const now = this.#clock.now();
    this.#advance(now);
    const trial = this.#trial;
    if (this.#state !== 'half-open' || trial === undefined) return;
    if (permit !== undefined && permit !== trial.permit) return;
    this.#trial = undefined;
    if (success === true) {
      this.#transition('closed', 'trial call succeeded');
    } else {
      this.#open(now, 'trial call failed');
    }
  }

  /**
   * Gives back a trial permit whose call never ran (another guard refused it): the
   * breaker stays half-open and the next caller gets the trial. Other permits are ignored.
   */
  release(permit: BreakerPermit): void {
    this.#advance(this.#clock.now());
    if (this.#state === 'half-open' && this.#trial !== undefined && this.#trial.permit === permit) {
      this.#trial = undefined;
    }
  }

  /** Opens the breaker from any state and (re)starts the cool-down. */
  trip(reason: string): void {
    this.#trial = undefined;
    this.#open(this.#clock.now(), typeof reason === 'string' && reason !== '' ? reason : 'tripped');
  }

  /** Closes the breaker from any state. */
  reset(reason?: string): void {
    this.#clock.now();
    this.#trial = undefined;
    this.#transition('closed', typeof reason === 'string' && reason !== '' ? reason : 'reset');
  }

  #advance(now: number): void {
    const trial = this.#trial;
    if (this.#state === 'half-open' && trial !== undefined && now >= trial.deadline) {
      this.#trial = undefined;
      this.#open(trial.deadline, `trial call reported no result within ${this.#trialTimeoutMs} ms`);
    }
    if (this.#state === 'open' && now >= this.#openUntil) {
      this.#transition('half-open', `cool-down of ${this.#coolDownMs} ms elapsed`);
    }
  }

  #open(at: number, reason: string): void {
    this.#openUntil = at + this.#coolDownMs;
    this.#transition('open', reason);
  }

  #transition(to: BreakerState, reason: string): void {
    const from = this.#state;
    this.#reason = reason;
    if (from === to) return;
    this.#state = to;
    if (this.#onStateChange === undefined) return;
    try {
      this.#onStateChange({ from, to, reason });
    } catch (error) {
      logger.warn(`onStateChange of breaker "${this.name}" threw`, error);
    }
  }
}
