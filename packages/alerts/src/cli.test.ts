import { execFile, spawn as spawnProcess } from 'node:child_process';
import { closeSync, existsSync, openSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, runCli } from './cli.js';

const manifest = createRequire(import.meta.url)('../package.json') as { version: string };

async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) });
  return { code, stdout, stderr };
}

describe('runCli', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'agentvitals-cli-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('prints help and the version', async () => {
    const help = await run('--help');
    expect(help.code).toBe(EXIT_OK);
    expect(help.stdout).toContain('Usage: agentvitals <command>');
    expect(help.stdout).toContain('--cost-per-hour <n>');
    expect((await run('rules', '-h')).stdout).toContain('Usage:');
    expect(await run('--version')).toEqual({ code: EXIT_OK, stdout: `${manifest.version}\n`, stderr: '' });
  });

  it('prints the rules as YAML with threshold flags applied', async () => {
    const result = await run(
      'rules',
      '--cost-per-hour',
      '7.5',
      '--heartbeat-seconds',
      '90',
      '--label',
      'team=support',
    );
    expect(result.code).toBe(EXIT_OK);
    expect(result.stdout).toContain(
      "expr: 'sum by (job, instance, gen_ai_agent_name) (increase(agent_cost_USD_total[1h])) > 7.5'",
    );
    expect(result.stdout).toContain('(agent_heartbeat_timestamp_seconds) > 90');
    expect(result.stdout).toContain('team: support');
    expect(result.stderr).toBe('');
  });

  it('sets the fleet cost cap and an alert window from flags, and refuses a bad window', async () => {
    const result = await run('rules', '--fleet-cost-per-hour', '50', '--window', 'AgentFleetCostSpike=15m');
    expect(result.code).toBe(EXIT_OK);
    expect(result.stdout).toContain(
      "expr: 'sum by (gen_ai_agent_name) (rate(agent_cost_USD_total[15m])) * 3600 > 50'",
    );
    const immediate = await run('rules', '--for', 'AgentErrorRate=0', '--format', 'json');
    expect(immediate.code).toBe(EXIT_OK);
    const errorRate = (
      JSON.parse(immediate.stdout).groups[0].rules as { alert: string; for?: string }[]
    ).find((rule) => rule.alert === 'AgentErrorRate');
    expect(errorRate).toBeDefined();
    expect(errorRate?.for).toBeUndefined(); // a zero `for` fires at once, as Prometheus's default
    const bad = await run('rules', '--window', 'AgentFleetCostSpike=soon');
    expect(bad.code).not.toBe(EXIT_OK);
    expect(bad.stderr).toMatch(/window/);
    const unknown = await run('rules', '--window', 'NoSuchAlert=5m');
    expect(unknown.code).not.toBe(EXIT_OK);
  });

  it('prints the rules as JSON, with alerts disabled, durations and severities changed', async () => {
    const result = await run(
      'rules',
      '--format',
      'json',
      '--disable',
      'AgentHighCpu',
      '--for',
      'AgentCostSpike=10m',
      '--severity',
      'AgentCostSpike=warning',
      '--no-runbook',
      '--group-name',
      'bots',
    );
    expect(result.code).toBe(EXIT_OK);
    const file = JSON.parse(result.stdout);
    const rules = file.groups[0].rules as { alert: string; for?: string; labels: Record<string, string> }[];
    expect(file.groups[0].name).toBe('bots');
    expect(rules.map((rule) => rule.alert)).not.toContain('AgentHighCpu');
    const cost = rules.find((rule) => rule.alert === 'AgentCostSpike');
    expect(cost?.for).toBe('10m');
    expect(cost?.labels.severity).toBe('warning');
    expect(result.stdout).not.toContain('runbook_url');
  });

  it('writes the dashboard and the rules to a file', async () => {
    const out = join(dir, 'dashboard.json');
    const result = await run('dashboard', '--out', out, '--cost-per-hour', '9', '--title', 'Bots');
    expect(result).toMatchObject({ code: EXIT_OK, stdout: '' });
    expect(result.stderr).toContain(`wrote ${out}`);
    const dashboard = JSON.parse(await readFile(out, 'utf8'));
    expect(dashboard.title).toBe('Bots');
    expect(JSON.stringify(dashboard)).toContain('"value":9');
  });

  it('writes the metric catalog and an autoscaler to a file with --out, as rules and dashboard do', async () => {
    const metrics = join(dir, 'metrics.json');
    expect(await run('metrics', '--format', 'json', '--out', metrics)).toMatchObject({
      code: EXIT_OK,
      stdout: '',
    });
    expect(JSON.parse(await readFile(metrics, 'utf8'))).toEqual(
      JSON.parse((await run('metrics', '--format', 'json')).stdout),
    );
    const hpa = join(dir, 'hpa.yaml');
    const flags = ['--deployment', 'bot', '--agent', 'bot', '--queue', 'tickets'];
    expect(await run('autoscaling', ...flags, '--out', hpa)).toMatchObject({ code: EXIT_OK, stdout: '' });
    expect(await readFile(hpa, 'utf8')).toBe((await run('autoscaling', ...flags)).stdout);
    const help = (await run('--help')).stdout;
    expect(help.match(/--out <file>/g)?.length).toBe(3);
  });

  it('prints the metric catalog as text, Markdown and JSON', async () => {
    expect((await run('metrics')).stdout).toContain('agent_cost_USD_total');
    expect((await run('metrics', '--format', 'markdown')).stdout).toContain('| `agent.cost` | counter |');
    const rows = JSON.parse((await run('metrics', '--format', 'json')).stdout) as { instrument: string }[];
    expect(rows.map((row) => row.instrument)).toContain('agent.breaker.state');
  });

  it.each([
    [['rules', '--bogus'], /Unknown option '--bogus'/],
    [['rules', '--cost-per-hour', 'abc'], /--cost-per-hour: expected a number, got "abc"/],
    [['rules', '--cost-per-hour', ''], /--cost-per-hour: expected a number/],
    [['rules', '--cost-per-hour=-1'], /--cost-per-hour: must be a finite number ≥ 0/],
    [['rules', '--heartbeat-seconds=-5'], /--heartbeat-seconds: must be a finite number ≥ 0/],
    [['rules', '--cost-per-hour', 'Infinity'], /--cost-per-hour: expected a number/],
    [['rules', '--negative-ratio', '1.5'], /--negative-ratio: is a ratio: must be between 0 and 1/],
    [['rules', '--error-ratio', '1.01'], /--error-ratio: is a ratio/],
    [['dashboard', '--cpu-ratio', '2'], /--cpu-ratio: is a ratio/],
    [['rules', '--format', 'toml'], /--format: expected yaml or json/],
    [['rules', '--disable', 'Nope'], /--disable: unknown alert "Nope"/],
    [['rules', '--for', 'AgentCostSpike'], /--for: expected <name>=<value>/],
    [['rules', '--for', 'AgentCostSpike=soon'], /--for AgentCostSpike: must be a Prometheus duration/],
    [['rules', '--window', 'AgentErrorRate=5x'], /--window AgentErrorRate: must be a Prometheus duration/],
    [
      ['rules', '--window', 'AgentHeartbeatStale=5m'],
      /--window AgentHeartbeatStale: AgentHeartbeatStale has no window/,
    ],
    [['rules', '--interval', '5x'], /--interval: must be a Prometheus duration/],
    [['rules', '--agent-label', 'agent-name'], /--agent-label: must be a Prometheus label name/],
    [['rules', '--runbook-url', 'runbooks'], /--runbook-url: must be an absolute http\(s\) URL/],
    [['rules', '--group-name', ''], /--group-name: must not be empty/],
    [['rules', '--severity', 'AgentCostSpike=page'], /--severity AgentCostSpike: .*"critical"/],
    [['rules', '--label', 'severity=x'], /--label severity: /],
    [['rules', '--label', '1team=x'], /--label 1team: must be a Prometheus label name/],
    [['rules', '--runbook-url', 'https://x.test', '--no-runbook'], /cannot be used together/],
    [['rules', 'extra'], /Unexpected argument 'extra'/],
    [['dashboard', '--format', 'json'], /Unknown option '--format'/],
    [['dashboard', '--uid', 'no spaces please'], /--uid: must be/],
    [['dashboard', '--title', ''], /--title: must not be empty/],
    [['metrics', '--format', 'xml'], /--format: expected text, markdown or json/],
    [['deploy'], /unknown command "deploy"/],
  ])('exits 2 with a clear message for %j', async (argv, message) => {
    const result = await run(...argv);
    expect(result.code).toBe(EXIT_USAGE);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toContain('agentvitals --help');
  });

  it('exits 2 and prints help on stderr without a command', async () => {
    const result = await run();
    expect(result.code).toBe(EXIT_USAGE);
    expect(result.stderr).toContain('Usage:');
  });

  it('exits 1 when the output cannot be written', async () => {
    const result = await run('rules', '--out', join(dir, 'missing', 'folder', 'rules.yml'));
    expect(result.code).toBe(EXIT_FAILURE);
    expect(result.stderr).toMatch(/cannot write .*rules\.yml: ENOENT/);
  });
});

describe('agentvitals as a child process', () => {
  const cli = fileURLToPath(new URL('./cli.ts', import.meta.url));
  const tsx = createRequire(import.meta.url).resolve('tsx/cli');
  const spawn = (...argv: string[]) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(process.execPath, [tsx, cli, ...argv], { timeout: 15_000 }, (error, stdout, stderr) => {
        resolve({
          code: error === null ? 0 : typeof error.code === 'number' ? error.code : -1,
          stdout,
          stderr,
        });
      });
    });

  it('prints the version and exits 0', async () => {
    const result = await spawn('--version');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`${manifest.version}\n`);
  });

  it('prints rules and exits 0', async () => {
    const result = await spawn('rules', '--cost-per-hour', '3');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('increase(agent_cost_USD_total[1h])) > 3');
  });

  it.skipIf(!existsSync('/dev/full'))(
    'exits 1 with a message when standard output cannot be written',
    async () => {
      const full = openSync('/dev/full', 'w');
      try {
        const child = spawnProcess(process.execPath, [tsx, cli, 'rules'], {
          stdio: ['ignore', full, 'pipe'],
        });
        let stderr = '';
        child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        const code = await new Promise((resolve) => child.once('close', resolve));
        expect(code).toBe(1);
        expect(stderr).toMatch(/^agentvitals: cannot write standard output: ENOSPC/m);
        expect(stderr).not.toContain('Unhandled');
      } finally {
        closeSync(full);
      }
    },
  );

  it('exits 2 on a bad flag, with the message on stderr', async () => {
    const result = await spawn('rules', '--bogus');
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain("Unknown option '--bogus'");
  });
});
