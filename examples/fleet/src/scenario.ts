import { ROLES_BESIDES_STALE } from './args.js';
import { REPLICA_AGENT, SENTIMENT, SPEND } from './configs.js';
import { type FleetProcess, printed, send } from './processes.js';
import { until } from './servers.js';

/** The agents and processes each fault is given to. */
export interface Roles {
  /** The first host: stays up, restarts once without `vanished`. */
  readonly survivor: FleetProcess;
  /** The last host: killed with SIGKILL. */
  readonly victim: FleetProcess;
  /** Agents of the survivor whose heartbeats stop. */
  readonly stale: readonly string[];
  /** The agent the survivor's restart drops: its series vanish from a target still scraped. */
  readonly vanished: string;
  /** Spends over the per-process cap (and under the fleet cap). */
  readonly overspender: string;
  /** Records more negative customer messages than the threshold allows. */
  readonly unhappy: string;
  /** Records customer messages too, under the threshold: must stay quiet. */
  readonly content: string;
}

export function assignRoles(hosts: readonly FleetProcess[], stale: number): Roles {
  const survivor = hosts[0] as FleetProcess;
  const [vanished, overspender, unhappy, content] = survivor.agents.slice(stale, stale + ROLES_BESIDES_STALE);
  if (content === undefined) throw new Error('the first process hosts too few agents for every role');
  return {
    survivor,
    victim: hosts[hosts.length - 1] as FleetProcess,
    stale: survivor.agents.slice(0, stale),
    vanished: vanished as string,
    overspender: overspender as string,
    unhappy: unhappy as string,
    content,
  };
}

/** When each fault began (ms since the epoch). */
export interface FaultTimes {
  readonly restarted: number;
  readonly stopped: number;
  readonly killed: number;
  readonly spending: number;
}

const confirmed = (child: FleetProcess, line: string) =>
  until(`"${line}" from pid ${child.running.process.pid}`, () => printed(child, line), 30_000, 50);

/**
 * Sets every fault going, one after the other: the survivor restarts without the vanished agent,
 * the stale agents' heartbeats stop, the victim is killed, then the overspender, the two
 * sentiment agents and the replicas start their calls.
 */
export async function startFaults(roles: Roles, replicas: readonly FleetProcess[]): Promise<FaultTimes> {
  const { survivor } = roles;
  send(survivor, `restart-without ${roles.vanished}`);
  await confirmed(survivor, `restarted without ${roles.vanished}`);
  const restarted = Date.now();
  for (const name of roles.stale) send(survivor, `stop ${name}`);
  await Promise.all(roles.stale.map((name) => confirmed(survivor, `stopped ${name}`)));
  const stopped = Date.now();
  roles.victim.running.process.kill('SIGKILL');
  const killed = Date.now();
  const spending = Date.now();
  send(survivor, `spend ${roles.overspender} ${SPEND.overspender}`);
  send(survivor, `sentiment ${roles.unhappy} ${SENTIMENT.unhappy}`);
  send(survivor, `sentiment ${roles.content} ${SENTIMENT.content}`);
  for (const replica of replicas) send(replica, `spend ${SPEND.replica}`);
  await Promise.all([
    confirmed(survivor, `spending ${roles.overspender}`),
    confirmed(survivor, `sentiment ${roles.unhappy}`),
    confirmed(survivor, `sentiment ${roles.content}`),
    ...replicas.map((replica) => confirmed(replica, 'spending')),
  ]);
  return { restarted, stopped, killed, spending };
}

/** What each replica printed about the fleet hold. */
export const replicaSteps = {
  hold: `webhook hold ${REPLICA_AGENT} AgentFleetCostSpike`,
  refused: 'refused while held: CircuitOpenError',
  release: `webhook release ${REPLICA_AGENT} AgentFleetCostSpike`,
  admitted: 'admitted',
} as const;
