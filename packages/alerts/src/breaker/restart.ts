import { diag } from '@opentelemetry/api';
import { flushGlobalProviders } from './flush-global-providers.js';

const logger = diag.createComponentLogger({ namespace: '@agentvitals/alerts/restart' });

/**
 * The exit code of a breaker-requested restart: 75, `EX_TEMPFAIL` from `sysexits.h`
 * ("temporary failure; the user is invited to retry").
 *
 * Any non-zero code makes Kubernetes (`restartPolicy: Always`/`OnFailure`) and systemd
 * (`Restart=on-failure`) restart the process. A dedicated code tells a deliberate,
 * retryable restart apart from a crash (1) or an OOM kill (137) in
 * `kube_pod_container_status_last_terminated_exitcode`, in `systemctl status`, and lets a
 * unit opt in with `RestartForceExitStatus=75` even under `Restart=on-abnormal`.
 */
export const RESTART_EXIT_CODE = 75;

export const DEFAULT_RESTART_FLUSH_TIMEOUT_MS = 5_000;

export interface RestartActionOptions {
  /** Process exit code, an integer 0..255. Default `RESTART_EXIT_CODE` (75). */
  readonly exitCode?: number;
  /** Flushes telemetry before exiting. Default: `forceFlush` of the global OTel providers. */
  readonly flush?: () => Promise<void>;
  /** Upper bound on the flush, ms. The process exits even if the flush never settles. Default 5000. */
  readonly timeoutMs?: number;
  /** Exits the process. Default `process.exit`. */
  readonly exit?: (code: number) => void;
  /** Wait this long (ms) before flushing, e.g. to let in-flight alert sinks deliver. Default 0. */
  readonly delayMs?: number;
  /** Writes the one-line restart notice. Default: a line on stderr. */
  readonly log?: (message: string) => void;
}

function requireMs(value: unknown, field: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 2_147_483_647) {
    throw new TypeError(
      `createRestartAction: ${field} must be a number of ms in 0..2147483647, got ${String(value)}`,
    );
  }
  return value;
}

function requireFunction<T>(value: T | undefined, field: string): T | undefined {
  if (value !== undefined && typeof value !== 'function') {
    throw new TypeError(`createRestartAction: ${field} must be a function`);
  }
  return value;
}

const sleep = (ms: number): Promise<void> =>
  // Deliberately a referenced timer: it keeps the event loop alive until the process exits
  // with the restart code instead of draining and exiting with 0.
  new Promise((resolve) => setTimeout(resolve, ms));

const writeToStderr = (message: string): void => {
  process.stderr.write(`${message}\n`);
};

/**
 * An action for a tripped breaker: flush telemetry (bounded by `timeoutMs`), then exit the
 * process with `RESTART_EXIT_CODE` so Kubernetes or systemd restart it. The returned
 * function exits at most once; later calls return the first call's promise. It never
 * rejects: a failing or hanging flush is logged and the exit happens anyway.
 */
export function createRestartAction(options: RestartActionOptions = {}): (reason: string) => Promise<void> {
  const exitCode = options.exitCode ?? RESTART_EXIT_CODE;
  if (typeof exitCode !== 'number' || !Number.isInteger(exitCode) || exitCode < 0 || exitCode > 255) {
    throw new TypeError(
      `createRestartAction: exitCode must be an integer in 0..255, got ${String(exitCode)}`,
    );
  }
  const timeoutMs = requireMs(options.timeoutMs, 'timeoutMs', DEFAULT_RESTART_FLUSH_TIMEOUT_MS);
  const delayMs = requireMs(options.delayMs, 'delayMs', 0);
  const flush = requireFunction(options.flush, 'flush') ?? flushGlobalProviders;
  const exit = requireFunction(options.exit, 'exit') ?? ((code: number) => process.exit(code));
  const log = requireFunction(options.log, 'log') ?? writeToStderr;

  let pending: Promise<void> | undefined;

  const restart = async (reason: string): Promise<void> => {
    const message = `agentvitals: restarting (exit code ${exitCode}): ${String(reason)}`;
    logger.error(message);
    try {
      log(message);
    } catch (error) {
      logger.warn('restart log function threw', error);
    }
    if (delayMs > 0) await sleep(delayMs);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
    });
    const flushed = Promise.resolve()
      .then(flush)
      .then(
        () => 'flushed' as const,
        (error: unknown) => {
          logger.warn('telemetry flush failed; exiting', error);
          return 'failed' as const;
        },
      );
    const outcome = await Promise.race([flushed, timedOut]);
    clearTimeout(timer);
    if (outcome === 'timeout') logger.warn(`telemetry flush did not finish within ${timeoutMs} ms; exiting`);
    try {
      exit(exitCode);
    } catch (error) {
      logger.error('exit function threw', error);
    }
  };

  return (reason: string): Promise<void> => {
    pending ??= restart(reason);
    return pending;
  };
}
