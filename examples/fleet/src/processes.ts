import { fileURLToPath } from 'node:url';
import type { FleetArgs } from './args.js';
import { REPLICA_AGENT, REPLICAS } from './configs.js';
import { type Running, run, until } from './servers.js';

/** A child process of the fleet that serves `/metrics` (a host of several agents, or a replica). */
export interface FleetProcess {
  readonly running: Running;
  readonly agents: readonly string[];
  port: number;
}

/** Runs `host` or `replica` of this folder in a child Node, the TypeScript source through tsx. */
function spawnScript(script: 'host' | 'replica', args: readonly string[]): Running {
  const file = fileURLToPath(
    new URL(`./${script}${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url),
  );
  const loader = file.endsWith('.ts') ? ['--import', 'tsx'] : [];
  return run(process.execPath, [...loader, file, ...args], 'pipe');
}

/** `--processes` hosts sharing `--agents` agents (`agent-00000`, ...), in order. */
export function startHosts(args: FleetArgs): FleetProcess[] {
  const hosts: FleetProcess[] = [];
  for (let p = 0; p < args.processes; p++) {
    const first = Math.floor((p * args.agents) / args.processes);
    const last = Math.floor(((p + 1) * args.agents) / args.processes);
    const agents = Array.from(
      { length: last - first },
      (_, i) => `agent-${String(first + i).padStart(5, '0')}`,
    );
    hosts.push({ running: spawnScript('host', [String(p), agents.join(',')]), agents, port: 0 });
  }
  return hosts;
}

/** The replicas of the agent the fleet cap holds, each with its alert webhook behind `token`. */
export const startReplicas = (token: string): FleetProcess[] =>
  Array.from({ length: REPLICAS }, (_, index) => ({
    running: spawnScript('replica', [String(index), token]),
    agents: [REPLICA_AGENT],
    port: 0,
  }));

/** Waits until every process prints `port <n>`; throws if one exits first. */
export const waitForPorts = (processes: readonly FleetProcess[]): Promise<number> =>
  until(
    'every process to listen',
    () =>
      processes.every((child) => {
        if (child.running.process.exitCode !== null)
          throw new Error(`a process exited:\n${child.running.output()}`);
        child.port = Number(/port (\d+)/.exec(child.running.output())?.[1] ?? 0);
        return child.port > 0;
      }),
    60_000,
  );

/** Sends one command line to the process's stdin. */
export const send = (child: FleetProcess, line: string): void => {
  child.running.process.stdin?.write(`${line}\n`);
};

/** Whether the process printed a line starting with `text`. */
export const printed = (child: FleetProcess, text: string): boolean =>
  child.running.output().includes(`\n${text}`) || child.running.output().startsWith(text);
