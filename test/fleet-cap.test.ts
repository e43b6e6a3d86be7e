import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderPrometheusRules } from '../packages/alerts/src/generate/prometheus-rules.js';
import { type ChildHandle, spawnTypeScript } from './helpers/demo-process.js';
import { freePort } from './helpers/prometheus.js';
import { needBinaries } from './helpers/system-binaries.js';

const availability = needBinaries('prometheus', 'prometheus-alertmanager');
const paths: Readonly<Record<string, string>> = availability.run ? availability.paths : {};
const TOKEN = 'fleet-cap-test-token-0123456789abcdef';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Server {
  readonly process: ChildProcess;
  output(): string;
}
function run(binary: string, args: string[]): Server {
  const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-20_000);
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-20_000);
  });
  return { process: child, output: () => output };
}
async function ready(url: string, server: Server): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (server.process.exitCode !== null) throw new Error(`exited:\n${server.output()}`);
    try {
      if ((await fetch(url, { signal: AbortSignal.timeout(1_000) })).ok) return;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  throw new Error(`not ready: ${url}\n${server.output()}`);
}
async function until(
  what: string,
  check: () => boolean | Promise<boolean>,
  timeoutMs: number,
): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (await check()) return Date.now() - started;
    await sleep(250);
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}
const stop = async (child: ChildProcess) => {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
};

describe.skipIf(!availability.run)('fleet-wide cost cap through real Prometheus and Alertmanager', () => {
  let directory = '';
  const replicas: ChildHandle[] = [];
  const servers: Server[] = [];
  afterAll(async () => {
    await Promise.all([...replicas.map((replica) => replica.stop()), ...servers.map((s) => stop(s.process))]);
    if (directory !== '') await rm(directory, { recursive: true, force: true });
  });

  it('holds all three replicas of an agent once their total passes the cap, each under its own, and releases them when it resolves', async () => {
    directory = await mkdtemp(join(tmpdir(), 'agentvitals-fleet-cap-'));
    await writeFile(join(directory, 'token'), TOKEN, 'utf8');
    // Each replica spends 1 USD per call, 10 calls a second: 36,000 USD/h each, 108,000 together.
    for (let index = 0; index < 3; index++) {
      replicas.push(spawnTypeScript('test/fixtures/fleet-replica.ts', [String(index), TOKEN, '1000']));
    }
    await Promise.all(replicas.map((replica) => replica.waitForOutput('port ', 60_000)));
    const ports = replicas.map((replica) => Number(/port (\d+)/.exec(replica.stdout())?.[1]));
    expect(ports.every((port) => port > 0)).toBe(true);

    const rules = renderPrometheusRules({
      rules: {
        AgentCostSpike: { threshold: 60_000, window: '15s' },
        AgentFleetCostSpike: { threshold: 80_000, window: '15s' },
      },
    });
    await writeFile(join(directory, 'rules.yml'), rules, 'utf8');
    const amPort = await freePort();
    const promPort = await freePort();
    const receivers = ports
      .map(
        (port) =>
          `      - url: http://127.0.0.1:${port}/alerts\n        send_resolved: true\n        http_config:\n          authorization:\n            credentials_file: ${join(directory, 'token')}\n`,
      )
      .join('');
    await writeFile(
      join(directory, 'alertmanager.yml'),
      `route:\n  receiver: replicas\n  group_by: [alertname, gen_ai_agent_name]\n  group_wait: 0s\n  group_interval: 1s\n  repeat_interval: 1m\nreceivers:\n  - name: replicas\n    webhook_configs:\n${receivers}`,
      'utf8',
    );
    await writeFile(
      join(directory, 'prometheus.yml'),
      [
        'global:\n  scrape_interval: 1s\n  evaluation_interval: 1s',
        `rule_files: [${join(directory, 'rules.yml')}]`,
        `alerting:\n  alertmanagers:\n    - static_configs:\n        - targets: ['127.0.0.1:${amPort}']`,
        `scrape_configs:\n  - job_name: agents\n    static_configs:\n      - targets: [${ports.map((port) => `'127.0.0.1:${port}'`).join(', ')}]`,
      ].join('\n'),
      'utf8',
    );
    const alertmanager = run(paths['prometheus-alertmanager'] as string, [
      `--config.file=${join(directory, 'alertmanager.yml')}`,
      `--storage.path=${join(directory, 'am')}`,
      `--web.listen-address=127.0.0.1:${amPort}`,
      '--cluster.listen-address=',
    ]);
    servers.push(alertmanager);
    const prometheus = run(paths.prometheus as string, [
      `--config.file=${join(directory, 'prometheus.yml')}`,
      `--storage.tsdb.path=${join(directory, 'prom')}`,
      `--web.listen-address=127.0.0.1:${promPort}`,
      '--rules.alert.resend-delay=1s',
      '--log.level=warn',
    ]);
    servers.push(prometheus);
    await ready(`http://127.0.0.1:${amPort}/-/ready`, alertmanager);
    await ready(`http://127.0.0.1:${promPort}/-/ready`, prometheus);

    const firing = async (name: string) => {
      const response = await fetch(`http://127.0.0.1:${promPort}/api/v1/alerts`);
      const body = (await response.json()) as {
        data: { alerts: { labels: Record<string, string>; state: string }[] };
      };
      return body.data.alerts.filter((alert) => alert.labels.alertname === name && alert.state === 'firing');
    };
    const heldAfter = await until(
      'every replica held',
      () => replicas.every((r) => r.stdout().includes('held')),
      120_000,
    );
    const fleet = await firing('AgentFleetCostSpike');
    expect(fleet.map((alert) => alert.labels.gen_ai_agent_name)).toEqual(['billing']);
    // No replica passed its own (per-process) cap.
    expect(await firing('AgentCostSpike')).toEqual([]);
    const releasedAfter = await until(
      'every replica released',
      () => replicas.every((r) => r.stdout().includes('released')),
      120_000,
    );
    expect(await firing('AgentFleetCostSpike')).toEqual([]);
    console.info(`fleet cap: all replicas held after ${heldAfter} ms, released ${releasedAfter} ms later`);
  }, 240_000);
});
