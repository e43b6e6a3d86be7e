// The Alertmanager configurations users copy: the one in docs/deploy.md and the fleet example.
// Each must pass the real amtool, and its inhibit rule must hold back only what the dead target
// or vanished agent explains, judged by a real Alertmanager.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from './helpers/demo-process.js';
import { needBinaries } from './helpers/system-binaries.js';

const availability = needBinaries('amtool', 'prometheus-alertmanager');
const binary = (name: 'amtool' | 'prometheus-alertmanager') =>
  availability.run ? (availability.paths[name] as string) : name;

/** The fenced YAML block of docs/deploy.md that starts with `# alertmanager.yml`. */
function deployDocConfig(): string {
  const doc = readFileSync(join(REPO_ROOT, 'docs/deploy.md'), 'utf8');
  const block = /```yaml\n(# alertmanager\.yml\n[\s\S]*?)```/.exec(doc)?.[1];
  if (block === undefined) throw new Error('docs/deploy.md has no `# alertmanager.yml` block');
  return block;
}
/** The routing example under "How it maps to Alertmanager" in docs/alerts.md. */
function alertsDocConfig(): string {
  const doc = readFileSync(join(REPO_ROOT, 'docs/alerts.md'), 'utf8');
  const section = doc.slice(doc.indexOf('## How it maps to Alertmanager'));
  const block = /```yaml\n([\s\S]*?)```/.exec(section)?.[1];
  if (block === undefined) throw new Error('docs/alerts.md has no Alertmanager example');
  return block;
}
const FLEET_EXAMPLE = readFileSync(join(REPO_ROOT, 'examples/fleet/alertmanager/alertmanager.yml'), 'utf8');

function amtool(...args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(binary('amtool'), args, { timeout: 15_000 }, (error, stdout, stderr) => {
      resolve({
        code: error === null ? 0 : typeof error.code === 'number' ? error.code : 1,
        output: `${stdout}${stderr}`,
      });
    });
  });
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

interface RunningAlertmanager {
  readonly base: string;
  readonly stop: () => Promise<void>;
}

async function startAlertmanager(directory: string, config: string): Promise<RunningAlertmanager> {
  const file = join(directory, 'alertmanager.yml');
  await writeFile(file, config);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  let log = '';
  const child: ChildProcess = spawn(
    binary('prometheus-alertmanager'),
    [
      `--config.file=${file}`,
      `--storage.path=${join(directory, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--cluster.listen-address=',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
    if (child.exitCode === null) child.kill('SIGKILL');
  };
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Alertmanager exited with ${child.exitCode}:\n${log}`);
    try {
      if ((await fetch(`${base}/-/ready`, { signal: AbortSignal.timeout(1_000) })).ok) return { base, stop };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await stop();
  throw new Error(`Alertmanager was not ready within 30 s:\n${log}`);
}

type Labels = Record<string, string>;

async function post(base: string, alerts: readonly Labels[]): Promise<void> {
  const response = await fetch(`${base}/api/v2/alerts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(alerts.map((labels) => ({ labels, annotations: {} }))),
  });
  expect(response.status).toBe(200);
}

/** Alert name → whether Alertmanager holds it back by an inhibit rule, for alerts carrying `marker`. */
async function inhibited(base: string, marker: string): Promise<Record<string, boolean>> {
  const response = await fetch(
    `${base}/api/v2/alerts?active=true&inhibited=true&silenced=true&unprocessed=true`,
  );
  const alerts = (await response.json()) as { labels: Labels; status: { inhibitedBy: string[] } }[];
  return Object.fromEntries(
    alerts
      .filter((alert) => alert.labels.case === marker)
      .map((alert) => [alert.labels.alertname, alert.status.inhibitedBy.length > 0]),
  );
}

// The labels the generated rules give each alert (docs/prometheus.md): AgentTargetDown keeps
// `up`'s job and instance, AgentVanished the agent and job, the rest add the agent.
const down = { job: 'support-bot', instance: '10.0.3.21:9464' };
const healthy = { job: 'support-bot', instance: '10.0.3.22:9464' };
const otherJob = { job: 'billing-bot', instance: '10.0.4.1:9464' };

describe.skipIf(!availability.run)('the Alertmanager example of docs/deploy.md', () => {
  let directory = '';
  let alertmanager: RunningAlertmanager | undefined;
  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'agentvitals-am-doc-'));
    alertmanager = await startAlertmanager(directory, deployDocConfig());
  });
  afterAll(async () => {
    await alertmanager?.stop();
    if (directory) await rm(directory, { recursive: true, force: true });
  });

  it('passes amtool check-config', async () => {
    const file = join(directory, 'check.yml');
    await writeFile(file, deployDocConfig());
    const result = await amtool('check-config', file);
    expect(result.output).toContain('SUCCESS');
    expect(result.code).toBe(0);
  });

  it("docs/alerts.md's short example passes amtool check-config and pages on critical", async () => {
    const file = join(directory, 'alerts-doc.yml');
    await writeFile(file, alertsDocConfig());
    const result = await amtool('check-config', file);
    expect(result.output).toContain('SUCCESS');
    expect(result.code).toBe(0);
    const routed = await amtool('config', 'routes', 'test', `--config.file=${file}`, 'severity=critical');
    expect(routed.output.split('\n')[0]?.trim()).toBe('pager');
  });

  it('routes critical alerts to the pager and sentiment and backlog to the leads', async () => {
    const file = join(directory, 'routes.yml');
    await writeFile(file, deployDocConfig());
    const route = async (...labels: string[]) =>
      (await amtool('config', 'routes', 'test', `--config.file=${file}`, ...labels)).output
        .split('\n')[0]
        ?.trim();
    expect(await route('severity=critical', 'alertname=AgentCostSpike')).toBe('support-pager');
    expect(await route('severity=warning', 'alertname=AgentNegativeSentiment')).toBe('support-leads');
    expect(await route('severity=warning', 'alertname=AgentEscalationBacklog')).toBe('support-leads');
    expect(await route('severity=warning', 'alertname=AgentSlowResponses')).toBe('support-oncall');
  });

  it("holds back the dead target's stale heartbeat, not a stuck replica's beside it", async () => {
    const base = (alertmanager as RunningAlertmanager).base;
    const agent = { gen_ai_agent_name: 'support-bot', case: 'deploy' };
    await post(base, [
      { alertname: 'AgentTargetDown', severity: 'critical', case: 'deploy', ...down },
      { alertname: 'AgentHeartbeatStale', severity: 'critical', ...agent, ...down },
    ]);
    await post(base, [
      { alertname: 'AgentHeartbeatStale', severity: 'critical', ...agent, ...healthy, case: 'stuck' },
    ]);
    expect(await inhibited(base, 'deploy')).toEqual({ AgentTargetDown: false, AgentHeartbeatStale: true });
    expect(await inhibited(base, 'stuck')).toEqual({ AgentHeartbeatStale: false });
  });
});

describe.skipIf(!availability.run)('the fleet example Alertmanager configuration', () => {
  let directory = '';
  let alertmanager: RunningAlertmanager | undefined;
  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'agentvitals-am-fleet-'));
    alertmanager = await startAlertmanager(directory, FLEET_EXAMPLE);
  });
  afterAll(async () => {
    await alertmanager?.stop();
    if (directory) await rm(directory, { recursive: true, force: true });
  });

  it("holds back the dead target's own warnings and the vanished agent's, nobody else's", async () => {
    const base = (alertmanager as RunningAlertmanager).base;
    await post(base, [
      { alertname: 'AgentTargetDown', severity: 'critical', case: 'fleet', ...down },
      { alertname: 'AgentHighCpu', severity: 'warning', case: 'fleet', ...down },
      {
        alertname: 'AgentVanished',
        severity: 'critical',
        case: 'fleet',
        gen_ai_agent_name: 'billing',
        job: otherJob.job,
      },
      { alertname: 'AgentErrorRate', severity: 'warning', case: 'fleet', gen_ai_agent_name: 'billing' },
    ]);
    await post(base, [
      { alertname: 'AgentHighCpu', severity: 'warning', case: 'elsewhere', ...otherJob },
      {
        alertname: 'AgentSlowResponses',
        severity: 'warning',
        case: 'elsewhere',
        gen_ai_agent_name: 'support-bot',
      },
    ]);
    expect(await inhibited(base, 'fleet')).toEqual({
      AgentTargetDown: false,
      AgentHighCpu: true,
      AgentVanished: false,
      AgentErrorRate: true,
    });
    expect(await inhibited(base, 'elsewhere')).toEqual({ AgentHighCpu: false, AgentSlowResponses: false });
  });
});
