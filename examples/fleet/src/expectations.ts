import {
  FOR,
  HEARTBEAT_STALE_SECONDS,
  RATE_WINDOW,
  REPLICA_AGENT,
  REPLICAS,
  SENTIMENT,
  SPEND,
} from './configs.js';
import type { FaultTimes, Roles } from './scenario.js';

/** An alert that must fire for exactly `keys` (agents, or a target), counted from `since`. */
export interface Expectation {
  readonly alert: string;
  readonly keys: readonly string[];
  readonly since: number;
  /** The fault, for the report. */
  readonly fault: string;
}

const usd = (perHour: number) => `${perHour.toLocaleString('en-US')} USD/h`;
const percent = (share: number) => `${Math.round(share * 100)} %`;

/** Every alert the faults of `roles` must raise; any other alert is a failure. */
export function expectations(roles: Roles, times: FaultTimes, victimInstance: string): Expectation[] {
  return [
    {
      alert: 'AgentVanished',
      keys: [roles.vanished],
      since: times.restarted,
      fault: `${roles.vanished} dropped by a restart of 127.0.0.1:${roles.survivor.port}, for ${FOR}`,
    },
    {
      alert: 'AgentHeartbeatStale',
      keys: roles.stale,
      since: times.stopped,
      fault: `${roles.stale.length} heartbeats stopped, threshold ${HEARTBEAT_STALE_SECONDS} s`,
    },
    {
      alert: 'AgentTargetDown',
      keys: [victimInstance],
      since: times.killed,
      fault: `${victimInstance} killed, ${roles.victim.agents.length} agents, for ${FOR}`,
    },
    {
      alert: 'AgentCostSpike',
      keys: [roles.overspender],
      since: times.spending,
      fault: `${roles.overspender} at ${usd(SPEND.overspender)}, cap ${usd(SPEND.processCap)} over ${RATE_WINDOW}`,
    },
    {
      alert: 'AgentNegativeSentiment',
      keys: [roles.unhappy],
      since: times.spending,
      fault: `${roles.unhappy} ${percent(SENTIMENT.unhappy)} negative, ${roles.content} ${percent(SENTIMENT.content)}, threshold ${percent(SENTIMENT.threshold)} over ${RATE_WINDOW}, for ${FOR}`,
    },
    {
      alert: 'AgentFleetCostSpike',
      keys: [REPLICA_AGENT],
      since: times.spending,
      fault: `${REPLICAS} replicas of ${REPLICA_AGENT} at ${usd(SPEND.replica)} each, fleet cap ${usd(SPEND.fleetCap)} over ${RATE_WINDOW}`,
    },
  ];
}
