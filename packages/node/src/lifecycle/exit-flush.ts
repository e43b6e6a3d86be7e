import { diag } from '@opentelemetry/api';

const log = diag.createComponentLogger({ namespace: '@agentvitals/node/exit' });

export interface ExitFlush {
  /** Removes the listener; idempotent. */
  remove(): void;
}

export interface ExitTarget {
  once(event: 'beforeExit', listener: () => void): unknown;
  off(event: 'beforeExit', listener: () => void): unknown;
}

/**
 * Shuts down once when the event loop empties (`beforeExit`), so a bot that simply finishes
 * still delivers its buffered spans, metrics and log records. The shutdown is bounded by its
 * own timeout, and the listener is gone by then: when the loop empties again, the process
 * exits. `process.exit()` and fatal errors skip `beforeExit`; call `av.shutdown()` there.
 */
export function installExitFlush(
  shutdown: () => Promise<void>,
  target: ExitTarget = process as unknown as ExitTarget,
): ExitFlush {
  let installed = true;
  const listener = () => {
    installed = false;
    shutdown().catch((error) => log.error('shutdown on a normal exit failed', error));
  };
  target.once('beforeExit', listener);
  return {
    remove() {
      if (!installed) return;
      installed = false;
      target.off('beforeExit', listener);
    },
  };
}
