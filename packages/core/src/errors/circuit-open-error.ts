import { hasBrand } from './brand.js';

const BRAND: unique symbol = Symbol.for('@agentvitals/CircuitOpenError');

/** Thrown before a reasoning or tool call while the agent's circuit breaker is open. */
export class CircuitOpenError extends Error {
  readonly [BRAND] = true;
  override readonly name = 'CircuitOpenError';
  /** The breaker that is open. */
  readonly breakerName: string;
  /** The agent whose call was blocked. */
  readonly agentName: string;
  /** When the breaker will let a trial call through (ms since epoch), if known. */
  readonly retryAt: number | undefined;

  constructor(
    message: string,
    options: { breakerName: string; agentName: string; retryAt?: number; cause?: unknown },
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.breakerName = options.breakerName;
    this.agentName = options.agentName;
    this.retryAt = options.retryAt;
  }
}

/** True for a `CircuitOpenError` from any installed copy of Agent Vitals. */
export const isCircuitOpenError = (value: unknown): value is CircuitOpenError => hasBrand(value, BRAND);
