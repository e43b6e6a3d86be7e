import { parseArgs } from 'node:util';

export interface DemoArgs {
  /** Tickets to process; default 40. */
  readonly tickets: number;
  /** Stop taking new tickets after this many seconds; undefined: no limit. */
  readonly durationSeconds: number | undefined;
  /** Tickets handled at once; default 4. */
  readonly concurrency: number;
  /** Prometheus port; undefined leaves it to AGENTVITALS_PROMETHEUS_PORT or the default 9464. */
  readonly port: number | undefined;
  readonly host: string | undefined;
  readonly seed: number;
  /** Keep serving /metrics this many seconds after the summary; default 0. */
  readonly lingerSeconds: number;
  /** Share of flaky ticketing calls that fail, 0..1; default 0.25. */
  readonly flakyRate: number;
  /** Refunds above this many USD are escalated; default 200. */
  readonly refundLimitUsd: number;
  /** Multiplies every simulated latency; 0 runs as fast as possible; default 1. */
  readonly latencyScale: number;
  readonly help: boolean;
}

export const USAGE = `Usage: support-bot [options]

A customer-support agent that records its vitals with Agent Vitals.

Options:
  --tickets N        tickets to process (default 40)
  --duration S       stop taking new tickets after S seconds
  --concurrency N    tickets handled at once (default 4)
  --port P           Prometheus port, 0 for any free port (default 9464, or AGENTVITALS_PROMETHEUS_PORT)
  --host H           Prometheus interface (default 127.0.0.1)
  --seed N           seed of the scripted model and tickets (default 42)
  --linger S         keep serving /metrics S seconds after finishing (default 0)
  --flaky-rate R     share of ticketing calls that fail, 0..1 (default 0.25)
  --refund-limit U   escalate refunds above U dollars (default 200)
  --latency-scale F  multiply simulated latencies by F (default 1; 0 for no delays)
  -h, --help         show this help
`;

/** Thrown for a bad command line; the message names every bad option. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

type Check = (value: number) => boolean;
const integer: Check = (value) => Number.isInteger(value);
const nonNegative: Check = (value) => value >= 0;

/** Parses the demo's command line; throws `UsageError` listing every bad option. */
export function parseDemoArgs(argv: readonly string[]): DemoArgs {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        tickets: { type: 'string' },
        duration: { type: 'string' },
        concurrency: { type: 'string' },
        port: { type: 'string' },
        host: { type: 'string' },
        seed: { type: 'string' },
        linger: { type: 'string' },
        'flaky-rate': { type: 'string' },
        'refund-limit': { type: 'string' },
        'latency-scale': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }

  const problems: string[] = [];
  const number = (name: string, fallback: number | undefined, checks: Check[], rule: string) => {
    const raw = values[name];
    if (raw === undefined) return fallback;
    const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : Number.NaN;
    if (!Number.isFinite(value) || !checks.every((check) => check(value))) {
      problems.push(`--${name} must be ${rule}, got "${String(raw)}"`);
      return fallback;
    }
    return value;
  };

  const args = {
    tickets:
      number('tickets', 40, [integer, (v) => v >= 1 && v <= 100_000], 'an integer from 1 to 100000') ?? 40,
    durationSeconds: number('duration', undefined, [(v) => v > 0], 'a number of seconds above 0'),
    concurrency:
      number('concurrency', 4, [integer, (v) => v >= 1 && v <= 64], 'an integer from 1 to 64') ?? 4,
    port: number('port', undefined, [integer, (v) => v >= 0 && v <= 65_535], 'a port number from 0 to 65535'),
    host: typeof values.host === 'string' ? values.host : undefined,
    seed: number('seed', 42, [integer, nonNegative], 'a non-negative integer') ?? 42,
    lingerSeconds: number('linger', 0, [nonNegative], 'a non-negative number of seconds') ?? 0,
    flakyRate: number('flaky-rate', 0.25, [(v) => v >= 0 && v <= 1], 'a number from 0 to 1') ?? 0.25,
    refundLimitUsd: number('refund-limit', 200, [nonNegative], 'a non-negative amount') ?? 200,
    latencyScale: number('latency-scale', 1, [nonNegative, (v) => v <= 100], 'a number from 0 to 100') ?? 1,
    help: values.help === true,
  };
  if (problems.length > 0) throw new UsageError(problems.join('\n'));
  return args;
}
