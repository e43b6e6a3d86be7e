// `npm run fleet -w examples/fleet -- --agents N --processes P`: starts P processes hosting N
// simulated agents, a real Prometheus loaded with the generated rules and a real Alertmanager;
// stops the heartbeats of `--stale` agents and kills one process; checks through both APIs that
// AgentHeartbeatStale fires for exactly those agents and AgentTargetDown for exactly that target;
// prints a report. Exits 1 on any mismatch, 2 on a setup failure; stops everything it started.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type FleetArgs, parseArgs } from './args.js';
import { alertmanagerConfig, fleetRules, HEARTBEAT_STALE_SECONDS, prometheusConfig } from './configs.js';
import { alertmanagerActive, ownMetric, prometheusFiring, query } from './prometheus-api.js';
import { freePort, type Running, ready, run, stop, until } from './servers.js';

interface Host {
  readonly running: Running;
  readonly agents: readonly string[];
  port: number;
}

const sameSet = (actual: readonly string[], expected: readonly string[]) =>
  actual.length === expected.length && [...actual].sort().join('\n') === [...expected].sort().join('\n');

function startHosts(args: FleetArgs): Host[] {
  const file = fileURLToPath(
    new URL(`./host${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url),
  );
  const loader = file.endsWith('.ts') ? ['--import', 'tsx'] : [];
  const hosts: Host[] = [];
  for (let p = 0; p < args.processes; p++) {
    const first = Math.floor((p * args.agents) / args.processes);
    const last = Math.floor(((p + 1) * args.agents) / args.processes);
    const agents = Array.from(
      { length: last - first },
      (_, i) => `agent-${String(first + i).padStart(5, '0')}`,
    );
    const running = run(process.execPath, [...loader, file, String(p), agents.join(',')], 'pipe');
    hosts.push({ running, agents, port: 0 });
  }
  return hosts;
}

async function main(args: FleetArgs, cleanup: (() => Promise<void>)[]): Promise<boolean> {
  const directory = await mkdtemp(join(tmpdir(), 'agentvitals-fleet-'));
  cleanup.push(() => rm(directory, { recursive: true, force: true }));
  const hosts = startHosts(args);
  cleanup.push(async () => {
    for (const host of hosts) host.running.process.stdin?.end();
    await Promise.all(hosts.map((host) => stop(host.running.process)));
  });
  await until(
    'every process to listen',
    () =>
      hosts.every((host) => {
        if (host.running.process.exitCode !== null)
          throw new Error(`a process exited:\n${host.running.output()}`);
        host.port = Number(/port (\d+)/.exec(host.running.output())?.[1] ?? 0);
        return host.port > 0;
      }),
    60_000,
  );

  const amPort = await freePort();
  const promPort = await freePort();
  const rulesFile = join(directory, 'rules.yml');
  await writeFile(rulesFile, fleetRules(), 'utf8');
  await writeFile(join(directory, 'alertmanager.yml'), alertmanagerConfig(), 'utf8');
  await writeFile(
    join(directory, 'prometheus.yml'),
    prometheusConfig(
      rulesFile,
      amPort,
      hosts.map((host) => host.port),
    ),
    'utf8',
  );
  const alertmanager = run(args.alertmanager, [
    `--config.file=${join(directory, 'alertmanager.yml')}`,
    `--storage.path=${join(directory, 'am')}`,
    `--web.listen-address=127.0.0.1:${amPort}`,
    '--cluster.listen-address=',
    '--log.level=warn',
  ]);
  cleanup.push(() => stop(alertmanager.process));
  const prometheus = run(args.prometheus, [
    `--config.file=${join(directory, 'prometheus.yml')}`,
    `--storage.tsdb.path=${join(directory, 'prom')}`,
    `--web.listen-address=127.0.0.1:${promPort}`,
    '--rules.alert.resend-delay=1s',
    '--log.level=warn',
  ]);
  cleanup.push(() => stop(prometheus.process));
  const am = `http://127.0.0.1:${amPort}`;
  const prom = `http://127.0.0.1:${promPort}`;
  await ready(`${am}/-/ready`, alertmanager);
  await ready(`${prom}/-/ready`, prometheus);
  const startedAt = Date.now();
  const cpuAtStart = await ownMetric(prom, 'process_cpu_seconds_total');

  const warmUp = await until(
    `all ${args.agents} agents' heartbeats in Prometheus`,
    async () => (await query(prom, 'count(agent_heartbeat_timestamp_seconds)'))[0] === args.agents,
    120_000,
    500,
  );
  // Let a few more scrapes land so no agent is near the staleness threshold by accident.
  await until('steady scrapes', () => Date.now() - startedAt > warmUp + 3_000, 10_000);
  const before = await prometheusFiring(prom, 'AgentHeartbeatStale');
  if (before.length > 0)
    throw new Error(`AgentHeartbeatStale fired before any heartbeat stopped (${before.length})`);

  const survivor = hosts[0] as Host;
  const victim = hosts[hosts.length - 1] as Host;
  const staleAgents = survivor.agents.slice(0, args.stale);
  for (const name of staleAgents) survivor.running.process.stdin?.write(`stop ${name}\n`);
  await until(
    'the heartbeats to stop',
    () => staleAgents.every((name) => survivor.running.output().includes(`stopped ${name}\n`)),
    10_000,
    50,
  );
  const staleAt = Date.now();
  victim.running.process.kill('SIGKILL');
  const killedAt = Date.now();
  const victimInstance = `127.0.0.1:${victim.port}`;

  const timeoutMs = args.timeout * 1000;
  const detect = (what: string, check: () => Promise<boolean>, since: number) =>
    until(what, check, timeoutMs, 250).then(() => Date.now() - since);
  const agentsOf = (alerts: readonly { labels: Readonly<Record<string, string>> }[]) =>
    alerts.map((alert) => alert.labels.gen_ai_agent_name ?? '');
  const instancesOf = (alerts: readonly { labels: Readonly<Record<string, string>> }[]) =>
    alerts.map((alert) => alert.labels.instance ?? '');
  const [staleFired, downFired, staleArrived, downArrived] = await Promise.all([
    detect(
      'AgentHeartbeatStale in Prometheus',
      async () => (await prometheusFiring(prom, 'AgentHeartbeatStale')).length >= args.stale,
      staleAt,
    ),
    detect(
      'AgentTargetDown in Prometheus',
      async () => (await prometheusFiring(prom, 'AgentTargetDown')).length >= 1,
      killedAt,
    ),
    detect(
      'AgentHeartbeatStale in Alertmanager',
      async () => (await alertmanagerActive(am, 'AgentHeartbeatStale')).length >= args.stale,
      staleAt,
    ),
    detect(
      'AgentTargetDown in Alertmanager',
      async () => (await alertmanagerActive(am, 'AgentTargetDown')).length >= 1,
      killedAt,
    ),
  ]);
  // Two more evaluations, so an alert that should not fire has had its chance to.
  await until('two more rule evaluations', () => false, 2_500).catch(() => undefined);

  const checks: [string, boolean, string][] = [];
  const check = (name: string, actual: readonly string[], expected: readonly string[]) =>
    checks.push([
      name,
      sameSet(actual, expected),
      `got [${actual.join(', ')}], want [${expected.join(', ')}]`,
    ]);
  check(
    'AgentHeartbeatStale in Prometheus',
    agentsOf(await prometheusFiring(prom, 'AgentHeartbeatStale')),
    staleAgents,
  );
  check(
    'AgentHeartbeatStale in Alertmanager',
    agentsOf(await alertmanagerActive(am, 'AgentHeartbeatStale')),
    staleAgents,
  );
  check('AgentTargetDown in Prometheus', instancesOf(await prometheusFiring(prom, 'AgentTargetDown')), [
    victimInstance,
  ]);
  check('AgentTargetDown in Alertmanager', instancesOf(await alertmanagerActive(am, 'AgentTargetDown')), [
    victimInstance,
  ]);
  check('AgentVanished in Prometheus', agentsOf(await prometheusFiring(prom, 'AgentVanished')), []);

  const scrape = await query(prom, 'scrape_duration_seconds{job="agents"}');
  const series = await ownMetric(prom, 'prometheus_tsdb_head_series');
  const rss = await ownMetric(prom, 'process_resident_memory_bytes');
  const cpu = (await ownMetric(prom, 'process_cpu_seconds_total')) - cpuAtStart;
  const elapsed = (Date.now() - startedAt) / 1000;
  const lines = [
    `fleet: ${args.agents} agents in ${args.processes} processes; ${args.stale} heartbeats stopped, ${victimInstance} killed (${victim.agents.length} agents)`,
    `time to detect, AgentHeartbeatStale (threshold ${HEARTBEAT_STALE_SECONDS} s): Prometheus ${staleFired} ms, Alertmanager ${staleArrived} ms`,
    `time to detect, AgentTargetDown (for 2s): Prometheus ${downFired} ms, Alertmanager ${downArrived} ms`,
    `all heartbeats in Prometheus ${warmUp} ms after it was ready`,
    `scrape duration per target: max ${(Math.max(...scrape) * 1000).toFixed(1)} ms over ${scrape.length} targets`,
    `head series: ${series}`,
    `Prometheus RSS ${(rss / 2 ** 20).toFixed(0)} MiB, CPU ${cpu.toFixed(2)} s over ${elapsed.toFixed(1)} s (${((100 * cpu) / elapsed).toFixed(0)}% of one core)`,
    ...checks.map(([name, ok, detail]) => `${ok ? 'ok  ' : 'FAIL'} ${name}: ${detail}`),
    `pids: ${[prometheus, alertmanager, ...hosts.map((host) => host.running)].map((r) => r.process.pid).join(' ')}`,
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
