import type { Alert } from '../lifecycle/alert.js';

/**
 * Where alerts go. `send` may be slow or fail: the guard calls it from a bounded queue,
 * one batch at a time, and never lets it block or throw into the agent.
 */
export interface AlertSink {
  /** For stats and diagnostics. */
  readonly name: string;
  /** Delivers notifications (firing, repeated while firing, resolved). A rejection counts as a failure. */
  send(alerts: readonly Alert[]): Promise<void> | void;
  /** Most notifications per `send`; default 1. */
  readonly maxBatchSize?: number;
  /** Notifications waiting beyond this are dropped (oldest first) and counted; default 1000. */
  readonly maxQueueSize?: number;
  /** Re-send a firing alert this often, in ms; the guard's `repeatIntervalMs` by default. */
  readonly repeatIntervalMs?: number;
}

/** Options every built-in sink accepts. */
export interface SinkOptions {
  /** For stats; each sink has a default. */
  readonly name?: string;
  readonly maxQueueSize?: number;
  readonly repeatIntervalMs?: number;
}
