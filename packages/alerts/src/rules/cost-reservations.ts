import type { GuardRequest, Pricing } from '@agentvitals/core';

const MICRO = 1_000_000;
/** Output tokens assumed for a call that gives no `maxOutputTokens`, before any call was settled. */
export const FALLBACK_OUTPUT_TOKENS = 1_000;
/** Settled calls whose cost is averaged into the estimate of the next call. */
const RECENT_CALLS = 20;
/** Calls in flight one agent keeps a reservation for; the oldest is dropped beyond it. */
const MAX_IN_FLIGHT = 10_000;

interface Reservation {
  /** Micro-dollars held back for the call; 0 once its real cost arrived. */
  micro: number;
  /** Micro-dollars the call really cost so far (its `tokens` events). */
  spentMicro: number;
  readonly at: number;
}

/**
 * In-flight reservations of one agent's cost cap: a model call reserves its estimated cost
 * when it is admitted and hands it back when its real cost arrives (`tokens` event of the same
 * call), when it ends (`reasoning.end`), when another guard refuses it (`release`) or, failing
 * all of those, after `timeoutMs`. Memory is bounded by `MAX_IN_FLIGHT` calls.
 */
export class CostReservations {
  readonly #pricing: Pricing;
  readonly #timeoutMs: number;
  readonly #calls = new Map<number, Reservation>();
  readonly #recent: number[] = [];
  #recentNext = 0;
  /** Sum of `#recent` (whole micro-dollars: exact in any order). */
  #recentSum = 0;
  /** No reservation is older than this (a lower bound): nothing expires before it plus the timeout. */
  #oldestAt = Number.POSITIVE_INFINITY;
  /** Time of the newest reservation, and whether the reservations were made in time order. */
  #newestAt = Number.NEGATIVE_INFINITY;
  #inTimeOrder = true;
  #reservedMicro = 0;
  /** Cost of a `tokens` event without a call id, credited to the next call that ends. */
  #unattributedMicro = 0;

  constructor(pricing: Pricing, timeoutMs: number) {
    this.#pricing = pricing;
    this.#timeoutMs = timeoutMs;
  }

  /** Micro-dollars held for calls in flight at `now`. */
  reserved(now: number): number {
    this.#expire(now);
    return this.#reservedMicro;
  }

  get inFlight(): number {
    return this.#calls.size;
  }

  /**
   * The estimated cost of a model call in micro-dollars: the larger of its output-token limit at
   * the model's output price and the agent's recent cost per call; with neither, 1,000 output
   * tokens at the model's price. 0 for a model without a price (its cost is never counted).
   */
  estimate(request: Extract<GuardRequest, { kind: 'reasoning' }>): number {
    const price = this.#pricing.price(request.model);
    if (price === undefined) return 0;
    const max = request.maxOutputTokens;
    const fromLimit =
      typeof max === 'number' && Number.isFinite(max) && max > 0 ? (max * price.output) / MICRO : undefined;
    const recent = this.#recentAverage();
    if (fromLimit === undefined && recent === undefined) {
      return Math.round(((FALLBACK_OUTPUT_TOKENS * price.output) / MICRO) * MICRO);
    }
    return Math.round(Math.max(fromLimit ?? 0, (recent ?? 0) / MICRO) * MICRO);
  }

  /** Holds `micro` for the call `callId`. */
  reserve(callId: number, micro: number, now: number): void {
    this.#drop(callId);
    if (this.#calls.size >= MAX_IN_FLIGHT) {
      const oldest = this.#calls.keys().next();
      if (oldest.done !== true) this.#drop(oldest.value);
    }
    this.#calls.set(callId, { micro, spentMicro: 0, at: now });
    if (now < this.#oldestAt) this.#oldestAt = now;
    if (now < this.#newestAt) this.#inTimeOrder = false;
    this.#newestAt = now;
    this.#reservedMicro += micro;
  }

  /** The call's real cost arrived: its reservation is settled (the cost now counts as spent). */
  spent(callId: number, micro: number): void {
    const call = this.#calls.get(callId);
    if (call === undefined) return;
    this.#reservedMicro -= call.micro;
    call.micro = 0;
    call.spentMicro += micro;
  }

  /**
   * A cost reported without a call id (usage recorded from a response usually comes just
   * before its call's `reasoning.end`): it feeds the estimate through the next call to end.
   */
  spentWithoutCall(micro: number): void {
    this.#unattributedMicro += micro;
  }

  /** The call ended: its reservation is released and its real cost feeds the next estimates. */
  end(callId: number): void {
    const unattributed = this.#unattributedMicro;
    this.#unattributedMicro = 0;
    const call = this.#calls.get(callId);
    if (call === undefined) return;
    const cost = call.spentMicro + unattributed;
    if (cost > 0) this.#remember(cost);
    this.#drop(callId);
  }

  /** The call will not run: its reservation is released. */
  release(callId: number): void {
    this.#drop(callId);
  }

  #drop(callId: number): void {
    const call = this.#calls.get(callId);
    if (call === undefined) return;
    this.#reservedMicro -= call.micro;
    this.#calls.delete(callId);
    if (this.#calls.size === 0) {
      this.#reservedMicro = 0;
      this.#oldestAt = Number.POSITIVE_INFINITY;
      this.#newestAt = Number.NEGATIVE_INFINITY;
      this.#inTimeOrder = true;
    }
  }

  #expire(now: number): void {
    // Most readings: nothing can have expired yet, and no pass over the calls is needed.
    if (now - this.#oldestAt < this.#timeoutMs) return;
    for (const [callId, call] of this.#calls) {
      if (now - call.at < this.#timeoutMs) {
        // Reserved in time order, the first call left is the oldest; otherwise the old bound stays.
        if (this.#inTimeOrder) this.#oldestAt = call.at;
        break;
      }
      this.#drop(callId);
    }
  }

  #remember(micro: number): void {
    if (this.#recent.length < RECENT_CALLS) this.#recent.push(micro);
    else {
      this.#recentSum -= this.#recent[this.#recentNext]!;
      this.#recent[this.#recentNext] = micro;
    }
    this.#recentSum += micro;
    this.#recentNext = (this.#recentNext + 1) % RECENT_CALLS;
  }

  #recentAverage(): number | undefined {
    if (this.#recent.length === 0) return undefined;
    return this.#recentSum / this.#recent.length;
  }
}
