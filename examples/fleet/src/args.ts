/** The command-line options of `npm run fleet`. */
export interface FleetArgs {
  readonly agents: number;
  readonly processes: number;
  /** Agents whose heartbeats stop (all on the first process, which stays up and also hosts the vanished, overspending and sentiment agents). */
  readonly stale: number;
  readonly prometheus: string;
  readonly alertmanager: string;
  /** How long to wait for every expected alert, in seconds. */
  readonly timeout: number;
}

/** How many agents of the first process have a role besides the stale ones (vanished, overspender, two sentiment agents). */
export const ROLES_BESIDES_STALE = 4;

const INTEGER = /^[1-9]\d*$/;

export function parseArgs(argv: readonly string[]): FleetArgs {
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i += 2) {
    const flag = argv[i] ?? '';
    const value = argv[i + 1];
    if (!flag.startsWith('--') || value === undefined)
      throw new TypeError(`expected --flag value, got "${flag}"`);
    values.set(flag.slice(2), value);
  }
  const known = ['agents', 'processes', 'stale', 'prometheus', 'alertmanager', 'timeout'];
  for (const key of values.keys()) if (!known.includes(key)) throw new TypeError(`unknown flag --${key}`);
  const count = (key: string, fallback: number) => {
    const text = values.get(key) ?? String(fallback);
    if (!INTEGER.test(text)) throw new TypeError(`--${key} must be a positive integer, got "${text}"`);
    return Number(text);
  };
  const args: FleetArgs = {
    agents: count('agents', 20),
    processes: count('processes', 2),
    stale: count('stale', 2),
    prometheus: values.get('prometheus') ?? 'prometheus',
    alertmanager: values.get('alertmanager') ?? 'prometheus-alertmanager',
    timeout: count('timeout', 60),
  };
  if (args.processes < 2) throw new TypeError('--processes must be at least 2 (one of them is killed)');
  const perProcess = Math.floor(args.agents / args.processes);
  if (perProcess < 1) throw new TypeError('--agents must be at least --processes');
  if (args.stale + ROLES_BESIDES_STALE > perProcess)
    throw new TypeError(
      `--stale must leave ${ROLES_BESIDES_STALE} agents of one process for the other roles (--agents / --processes is ${perProcess})`,
    );
  return args;
}
