import { describe, expect, it } from 'vitest';
import { spawnTypeScript } from './helpers/demo-process.js';
import { needBinaries } from './helpers/system-binaries.js';

const availability = needBinaries('prometheus', 'prometheus-alertmanager');
const paths: Readonly<Record<string, string>> = availability.run ? availability.paths : {};

// With 20 agents in 2 processes and 2 stale, the first process hosts agent-00000..agent-00009:
// 00000 and 00001 stop their heartbeats, 00002 is dropped by a restart, 00003 overspends,
// 00004 gets 60 % negative messages and 00005 10 %; the second process is killed.
const EXPECTED: readonly [alert: string, got: string][] = [
  ['AgentVanished', 'agent-00002'],
  ['AgentHeartbeatStale', 'agent-00000, agent-00001'],
  ['AgentTargetDown', '127\\.0\\.0\\.1:\\d+'],
  ['AgentCostSpike', 'agent-00003'],
  ['AgentNegativeSentiment', 'agent-00004'],
  ['AgentFleetCostSpike', 'billing'],
];
const REPLICAS = 'replica-0, replica-1, replica-2';

describe.skipIf(!availability.run)('examples/fleet against real Prometheus and Alertmanager', () => {
  it('raises exactly the expected alerts for exactly the faulty agents, holds and releases every replica, and stops everything it started', async () => {
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
    for (const [alert, got] of EXPECTED) {
      for (const source of ['Prometheus', 'Alertmanager']) {
        // Exactly these agents (or this target): a missing or an extra one fails the line.
        expect(out).toMatch(
          new RegExp(`^ok {3}${alert} in ${source}: got \\[${got}\\], want \\[${got}\\]$`, 'm'),
        );
      }
      expect(out).toMatch(
        new RegExp(
          `^time to detect, ${alert} \\(.+\\): Prometheus \\d+\\.\\d s, Alertmanager \\d+\\.\\d s$`,
          'm',
        ),
      );
    }
    expect(out).toMatch(/^ok {3}no other alert in Prometheus: got \[\], want \[\]$/m);
    expect(out).toMatch(/^ok {3}no other alert in Alertmanager: got \[\], want \[\]$/m);
    expect(out).toMatch(/^ok {3}AgentFleetCostSpike resolved in Prometheus: got \[\], want \[\]$/m);
    expect(out).toMatch(/^ok {3}AgentFleetCostSpike resolved in Alertmanager: got \[\], want \[\]$/m);
    for (const step of ['hold', 'refused', 'release', 'admitted'])
      expect(out).toContain(`ok   replicas: ${step}: got [${REPLICAS}], want [${REPLICAS}]`);
    // The refusal comes from the fleet hold, through the guard's breaker.
    expect(out).toMatch(
      /^fleet hold: every replica refused .*refused while held: CircuitOpenError .*held by the fleet: AgentFleetCostSpike/m,
    );
    expect(out).toMatch(
      /^fleet release: AgentFleetCostSpike resolved \d+\.\d s after the hold in Prometheus/m,
    );
    expect(out).not.toContain('FAIL');
    expect(out).not.toContain('not seen');
    expect(out).toMatch(/head series: \d+/);
    expect(out).toMatch(/Prometheus RSS \d+ MiB/);
    // Everything it started has exited: Prometheus, Alertmanager, 2 hosts and 3 replicas.
    const pids = (/^pids: ([\d ]+)$/m.exec(out)?.[1] ?? '').split(' ').map(Number);
    expect(pids.length).toBe(7);
    for (const pid of pids) expect(() => process.kill(pid, 0)).toThrow();
    console.info(out);
  }, 150_000);

  it('rejects bad options with a clear message', async () => {
    const fleet = spawnTypeScript('examples/fleet/src/main.ts', ['--agents', '20', '--processes', '1']);
    const { code } = await fleet.exited;
    expect(code).toBe(2);
    expect(fleet.stderr()).toContain('--processes must be at least 2');
    const crowded = spawnTypeScript('examples/fleet/src/main.ts', ['--agents', '20', '--stale', '7']);
    expect((await crowded.exited).code).toBe(2);
    expect(crowded.stderr()).toContain('--stale must leave 4 agents of one process for the other roles');
  }, 60_000);
});
