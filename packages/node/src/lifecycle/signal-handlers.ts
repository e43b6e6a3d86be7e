import { diag } from '@opentelemetry/api';
import type { ShutdownSignal } from '../config/schema.js';

const log = diag.createComponentLogger({ namespace: '@agentvitals/node/signals' });

export interface SignalHandlers {
  /** Removes the listeners (without re-raising anything); idempotent. */
  remove(): void;
}

export interface SignalTarget {
  on(signal: ShutdownSignal, listener: () => void): unknown;
  off(signal: ShutdownSignal, listener: () => void): unknown;
  listenerCount(signal: ShutdownSignal): number;
  kill(pid: number, signal: ShutdownSignal): unknown;
  readonly pid: number;
}

/**
 * Listens for `signals`. On the first one: removes every listener installed here, awaits
 * `shutdown()`, then, if no other listener is left for that signal, re-raises it, so the
 * process ends exactly as it would have without Agent Vitals (default action: terminate
 * with the signal). If the application has its own listener, that listener decides.
 */
export function installSignalHandlers(
  signals: readonly ShutdownSignal[],
  shutdown: () => Promise<void>,
  target: SignalTarget = process as unknown as SignalTarget,
): SignalHandlers {
  const listeners = new Map<ShutdownSignal, () => void>();
  const remove = () => {
    for (const [signal, listener] of listeners) target.off(signal, listener);
    listeners.clear();
  };
  for (const signal of signals) {
    // A signal listed twice gets one listener: a second one would outlive remove() and keep
    // the process from ending on that signal.
    if (listeners.has(signal)) continue;
    const listener = () => {
      remove();
      shutdown()
        .catch((error) => log.error('shutdown after a signal failed', error))
        .finally(() => {
          if (target.listenerCount(signal) === 0) target.kill(target.pid, signal);
        });
    };
    listeners.set(signal, listener);
    target.on(signal, listener);
  }
  return { remove };
}
