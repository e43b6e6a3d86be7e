import { diag } from '@opentelemetry/api';

const logger = diag.createComponentLogger({ namespace: '@agentvitals/alerts/breaker' });

/**
 * A monotonic view of a wall clock. Time only moves forward: a reading that goes
 * backwards (NTP step, a test clock rewound), is not finite, or throws adds no elapsed
 * time. So a clock jump can never strand a breaker open for the length of the jump, and
 * durations are measured in real elapsed milliseconds.
 */
export class BreakerClock {
  readonly #read: () => number;
  #lastReading: number | undefined;
  #elapsed = 0;

  constructor(read: () => number) {
    this.#read = read;
  }

  /** Milliseconds on the monotonic scale (starts at 0 with the first reading). */
  now(): number {
    let reading: number;
    try {
      reading = this.#read();
    } catch (error) {
      logger.warn('clock threw; treating as no elapsed time', error);
      return this.#elapsed;
    }
    if (typeof reading !== 'number' || !Number.isFinite(reading)) {
      logger.warn(`clock returned ${String(reading)}; treating as no elapsed time`);
      return this.#elapsed;
    }
    if (this.#lastReading !== undefined && reading > this.#lastReading) {
      this.#elapsed += reading - this.#lastReading;
    }
    this.#lastReading = reading;
    return this.#elapsed;
  }

  /** Converts a point on the monotonic scale back to the wall clock (ms since the epoch). */
  toWallClock(monotonic: number): number {
    const anchor = this.#lastReading ?? 0;
    return anchor + (monotonic - this.#elapsed);
  }
}
