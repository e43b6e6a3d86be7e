// `npm run fleet -w examples/fleet -- --agents N --processes P`: starts P processes hosting N
// simulated agents, three replicas of the agent `billing`, a real Prometheus loaded with the
// generated rules and a real Alertmanager that routes the fleet cost alert to the replicas'
// webhooks. Then: one process restarts without one of its agents, `--stale` agents' heartbeats
// stop, another process is killed, one agent spends over its cost cap, one gets too many negative
// customer messages, and the replicas together spend over the fleet cap. Checks through both APIs
// that exactly the expected alerts fire, for exactly those agents or that target, that every
// replica is held and then released, and reports how long each took. Exits 1 on any mismatch,
// 2 on a setup failure; stops everything it started.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AlertSource, watchAlerts } from './alert-watch.js';
import { type FleetArgs, parseArgs } from './args.js';
import { REPLICA_AGENT, REPLICAS } from './configs.js';
import { expectations } from './expectations.js';
import { startMonitoring, webhookToken } from './monitoring.js';
import { type FleetProcess, printed, startHosts, startReplicas, waitForPorts } from './processes.js';
import { ownMetric, prometheusFiring, query } from './prometheus-api.js';
import { assignRoles, replicaSteps, startFaults } from './scenario.js';
import { type Running, stop, until } from './servers.js';

const SOURCES: readonly AlertSource[] = ['Prometheus', 'Alertmanager'];

const sameSet = (actual: readonly string[], expected: readonly string[]) =>
  actual.length === expected.length && [...actual].sort().join('\n') === [...expected].sort().join('\n');
const seconds = (ms: number | undefined) => (ms === undefined ? 'not seen' : `${(ms / 1000).toFixed(1)} s`);

async function main(args: FleetArgs, cleanup: (() => Promise<void>)[]): Promise<boolean> {
  const directory = await mkdtemp(join(tmpdir(), 'agentvitals-fleet-'));
  cleanup.push(() => rm(directory, { recursive: true, force: true }));
  const webhook = await webhookToken(directory);
  const hosts = startHosts(args);
  const replicas = startReplicas(webhook.token);
  const children = [...hosts, ...replicas];
  cleanup.push(async () => {
    for (const child of children) child.running.process.stdin?.end();
    await Promise.all(children.map((child) => stop(child.running.process)));
  });
  await waitForPorts(children);
  const {
    prometheus,
    alertmanager,
    prometheusUrl: prom,
    alertmanagerUrl: am,
  } = await startMonitoring(args, directory, children, replicas, webhook.file, cleanup);
  const startedAt = Date.now();
  const cpuAtStart = await ownMetric(prom, 'process_cpu_seconds_total');

  const heartbeats = args.agents + REPLICAS;
  const warmUp = await until(
    `all ${heartbeats} heartbeats in Prometheus`,
    async () => (await query(prom, 'count(agent_heartbeat_timestamp_seconds)'))[0] === heartbeats,
    120_000,
    500,
  );
  // Let a few more scrapes land so no agent is near the staleness threshold by accident.
  await until('steady scrapes', () => Date.now() - startedAt > warmUp + 3_000, 10_000);
  const before = await prometheusFiring(prom);
  if (before.length > 0)
    throw new Error(
      `alerts fired before any fault: ${before.map((alert) => alert.labels.alertname).join(', ')}`,
    );

  const watch = watchAlerts(prom, am);
  cleanup.push(() => watch.stop());
  const roles = assignRoles(hosts, args.stale);
  const times = await startFaults(roles, replicas);
  const expected = expectations(roles, times, `127.0.0.1:${roles.victim.port}`);

  const timeoutMs = args.timeout * 1000;
  const within = (what: string, check: () => boolean) =>
    until(what, check, timeoutMs, 100).then(
      () => Date.now(),
      () => undefined,
    );
  const detect = async (alert: string, keys: readonly string[], since: number, source: AlertSource) => {
    const seen = () => watch.firstSeen(source, alert);
    if ((await within(`${alert} in ${source}`, () => keys.every((key) => seen().has(key)))) === undefined)
      return undefined;
    return Math.max(...keys.map((key) => (seen().get(key) ?? 0) - since));
  };
  const allReplicas = (step: string) => replicas.every((replica) => printed(replica, step));
  const fleetHold = async () => {
    const held = await within('every replica refused', () => allReplicas(replicaSteps.refused));
    if (held === undefined) return {};
    // Resolved: seen firing by the watch (which may lag the replicas' own report), then gone.
    const resolved = (source: AlertSource) =>
      within(
        `AgentFleetCostSpike resolved in ${source}`,
        () =>
          watch.firstSeen(source, 'AgentFleetCostSpike').has(REPLICA_AGENT) &&
          !watch.current(source, 'AgentFleetCostSpike').includes(REPLICA_AGENT),
      );
    const [inPrometheus, inAlertmanager, admitted] = await Promise.all([
      resolved('Prometheus'),
      resolved('Alertmanager'),
      within('every replica admitted', () => allReplicas(replicaSteps.admitted)),
    ]);
    const after = (time: number | undefined) => (time === undefined ? undefined : time - held);
    return {
      held: held - times.spending,
      resolvedInPrometheus: after(inPrometheus),
      resolvedInAlertmanager: after(inAlertmanager),
      admitted: after(admitted),
    };
  };
  const [detected, hold] = await Promise.all([
    Promise.all(
      expected.map((expectation) =>
        Promise.all(
          SOURCES.map((source) => detect(expectation.alert, expectation.keys, expectation.since, source)),
        ),
      ),
    ),
    fleetHold(),
  ]);
  // Two more evaluations, so an alert that should not fire has had its chance to.
  await until('two more rule evaluations', () => false, 2_500).catch(() => undefined);
  await watch.stop();

  const checks: [string, boolean, string][] = [];
  const check = (name: string, actual: readonly string[], want: readonly string[]) =>
    checks.push([
      name,
      sameSet(actual, want),
      `got [${[...actual].sort().join(', ')}], want [${[...want].sort().join(', ')}]`,
    ]);
  for (const expectation of expected)
    for (const source of SOURCES)
      check(
        `${expectation.alert} in ${source}`,
        [...watch.firstSeen(source, expectation.alert).keys()],
        expectation.keys,
      );
  for (const source of SOURCES)
    check(
      `no other alert in ${source}`,
      watch.names(source).filter((name) => !expected.some((expectation) => expectation.alert === name)),
      [],
    );
  for (const source of SOURCES)
    check(`AgentFleetCostSpike resolved in ${source}`, watch.current(source, 'AgentFleetCostSpike'), []);
  const replicaNames = replicas.map((_, index) => `replica-${index}`);
  for (const [step, text] of Object.entries(replicaSteps))
    check(
      `replicas: ${step}`,
      replicaNames.filter((_, index) => printed(replicas[index] as FleetProcess, text)),
      replicaNames,
    );

  const survivor = `instance="127.0.0.1:${roles.survivor.port}"`;
  const [failedScrapes = Number.NaN] = await query(
    prom,
    `count_over_time(up{${survivor}}[10m]) - sum_over_time(up{${survivor}}[10m])`,
  );
  const scrape = await query(prom, 'scrape_duration_seconds{job="agents"}');
  const series = await ownMetric(prom, 'prometheus_tsdb_head_series');
  const rss = await ownMetric(prom, 'process_resident_memory_bytes');
  const cpu = (await ownMetric(prom, 'process_cpu_seconds_total')) - cpuAtStart;
  const elapsed = (Date.now() - startedAt) / 1000;
  const refusal = /^refused .*$/m.exec(replicas[0]?.running.output() ?? '')?.[0] ?? 'none';
  const lines = [
    `fleet: ${args.agents} agents in ${args.processes} processes, ${REPLICAS} replicas of billing`,
    ...expected.map(
      (expectation, index) =>
        `time to detect, ${expectation.alert} (${expectation.fault}): Prometheus ${seconds(detected[index]?.[0])}, Alertmanager ${seconds(detected[index]?.[1])}`,
    ),
    `restart of 127.0.0.1:${roles.survivor.port}: ${failedScrapes} failed scrapes`,
    `fleet hold: every replica refused its next call ${seconds(hold.held)} after the spending began (replica-0: ${refusal})`,
    `fleet release: AgentFleetCostSpike resolved ${seconds(hold.resolvedInPrometheus)} after the hold in Prometheus, ${seconds(hold.resolvedInAlertmanager)} in Alertmanager; every replica admitted a call ${seconds(hold.admitted)} after it`,
    `all heartbeats in Prometheus ${warmUp} ms after it was ready`,
    `scrape duration per target: max ${(Math.max(...scrape) * 1000).toFixed(1)} ms over ${scrape.length} targets`,
    `head series: ${series}`,
    `Prometheus RSS ${(rss / 2 ** 20).toFixed(0)} MiB, CPU ${cpu.toFixed(2)} s over ${elapsed.toFixed(1)} s (${((100 * cpu) / elapsed).toFixed(0)}% of one core)`,
    ...checks.map(([name, ok, detail]) => `${ok ? 'ok  ' : 'FAIL'} ${name}: ${detail}`),
    `pids: ${[prometheus, alertmanager, ...children.map((child) => child.running)].map((r: Running) => r.process.pid).join(' ')}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  return checks.every(([, ok]) => ok);
}

const cleanup: (() => Promise<void>)[] = [];
const finish = async (code: number) => {
  for (const step of cleanup.reverse()) await step().catch(() => undefined);
  process.exit(code);
};
process.once('SIGINT', () => void finish(130));
process.once('SIGTERM', () => void finish(143));
try {
  const args = parseArgs(process.argv.slice(2));
  const ok = await main(args, cleanup);
  await finish(ok ? 0 : 1);
} catch (error) {
  process.stderr.write(`fleet: ${error instanceof Error ? error.message : String(error)}\n`);
  await finish(2);
}
