import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { alertmanagerSink, createGuard, escalationBacklogRule } from '@agentvitals/alerts';
import { EventStream, type VitalsEvent } from '@agentvitals/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { needBinaries } from './helpers/system-binaries.js';

const availability = needBinaries('prometheus-alertmanager');
const BINARY = availability.run ? (availability.paths['prometheus-alertmanager'] as string) : '';

const CONFIG = `route:
  receiver: blackhole
  group_wait: 1s
receivers:
  - name: blackhole
`;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function waitUntilReady(base: string, process: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (process.exitCode !== null)
      throw new Error(`Alertmanager exited with ${process.exitCode}:\n${output()}`);
    try {
      const response = await fetch(`${base}/-/ready`, { signal: AbortSignal.timeout(1_000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Alertmanager was not ready within 30 s:\n${output()}`);
}

interface AmAlert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: string;
  endsAt: string;
  status: { state: string };
}

async function alertsNamed(base: string, name: string): Promise<AmAlert[]> {
  const response = await fetch(
    `${base}/api/v2/alerts?active=true&silenced=true&inhibited=true&unprocessed=true`,
  );
  const alerts = (await response.json()) as AmAlert[];
  return alerts.filter((alert) => alert.labels.alertname === name);
}

describe.skipIf(!availability.run)('alertmanagerSink against a real Alertmanager', () => {
  let child: ChildProcess | undefined;
  let directory = '';
  let base = '';
  let log = '';

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'agentvitals-am-'));
    await writeFile(join(directory, 'alertmanager.yml'), CONFIG);
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    child = spawn(
      BINARY,
      [
        `--config.file=${join(directory, 'alertmanager.yml')}`,
        `--storage.path=${join(directory, 'data')}`,
        `--web.listen-address=127.0.0.1:${port}`,
        '--cluster.listen-address=',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
    await waitUntilReady(base, child, () => log);
  });

  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child!.once('exit', resolve));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    if (directory) await rm(directory, { recursive: true, force: true });
  });

  it('receives a firing alert, then its resolution', async () => {
    const events = new EventStream<VitalsEvent>();
    const guard = createGuard({
      rules: [escalationBacklogRule({ maxOpen: 0, forMs: 0, labels: { team: 'support' } })],
      labels: { service: 'agentvitals-test' },
      sinks: [alertmanagerSink({ url: base, generatorURL: 'http://127.0.0.1/agentvitals' })],
      breaker: false,
    });
    guard.attach({ agentName: 'support-bot', events, emit() {}, now: Date.now });
    const emit = (type: 'escalation' | 'escalation.resolve', open: number) =>
      events.emit({ type, agentName: 'support-bot', time: Date.now(), reason: 'refund', open });

    emit('escalation', 3);
    await guard.flush();
    expect(guard.stats().sinks[0]).toMatchObject({ sent: 1, failed: 0 });
    const active = await alertsNamed(base, 'AgentEscalationBacklog');
    expect(active).toHaveLength(1);
    expect(active[0]!.status.state).toBe('active');
    expect(active[0]!.labels).toMatchObject({
      alertname: 'AgentEscalationBacklog',
      severity: 'warning',
      gen_ai_agent_name: 'support-bot',
      team: 'support',
      service: 'agentvitals-test',
    });
    expect(active[0]!.annotations.summary).toBe('Agent support-bot has 3 open escalations');

    emit('escalation.resolve', 0);
    await guard.shutdown();
    expect(guard.stats().sinks[0]).toMatchObject({ sent: 2, failed: 0 });
    const after = await alertsNamed(base, 'AgentEscalationBacklog');
    expect(after.filter((alert) => alert.status.state === 'active')).toEqual([]);
  });
});
