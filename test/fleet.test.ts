import { describe, expect, it } from 'vitest';
import { spawnTypeScript } from './helpers/demo-process.js';
import { needBinaries } from './helpers/system-binaries.js';

const availability = needBinaries('prometheus', 'prometheus-alertmanager');
const paths: Readonly<Record<string, string>> = availability.run ? availability.paths : {};

describe.skipIf(!availability.run)('examples/fleet against real Prometheus and Alertmanager', () => {
  it('detects exactly the stopped heartbeats and the killed process, and stops everything it started', async () => {
    const fleet = spawnTypeScript('examples/fleet/src/main.ts', [
      '--agents',
      '20',
      '--processes',
      '2',
      '--stale',
      '2',
      '--timeout',
      '45',
      '--prometheus',
      paths.prometheus as string,
      '--alertmanager',
      paths['prometheus-alertmanager'] as string,
    ]);
    const { code } = await fleet.exited;
    const out = fleet.stdout();
    expect(code, `${out}\n${fleet.stderr()}`).toBe(0);
    expect(out).toMatch(/^ok {3}AgentHeartbeatStale in Prometheus: got \[agent-0000[01], agent-0000[01]\]/m);
    expect(out).toMatch(/^ok {3}AgentHeartbeatStale in Alertmanager: /m);
    expect(out).toMatch(/^ok {3}AgentTargetDown in Prometheus: got \[127\.0\.0\.1:\d+\]/m);
    expect(out).toMatch(/^ok {3}AgentTargetDown in Alertmanager: /m);
    expect(out).not.toContain('FAIL');
    expect(out).toMatch(/head series: \d+/);
    expect(out).toMatch(/Prometheus RSS \d+ MiB/);
    // Everything it started has exited.
    const pids = (/^pids: ([\d ]+)$/m.exec(out)?.[1] ?? '').split(' ').map(Number);
    expect(pids.length).toBe(4);
    for (const pid of pids) expect(() => process.kill(pid, 0)).toThrow();
    console.info(out);
  }, 120_000);

  it('rejects bad options with a clear message', async () => {
    const fleet = spawnTypeScript('examples/fleet/src/main.ts', ['--agents', '20', '--processes', '1']);
    const { code } = await fleet.exited;
    expect(code).toBe(2);
    expect(fleet.stderr()).toContain('--processes must be at least 2');
  }, 60_000);
});
