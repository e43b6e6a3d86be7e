import { ScaledObject } from '@kubernetes-models/keda/keda.sh/v1alpha1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { EXIT_OK, EXIT_USAGE, runCli } from '../../cli.js';

async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) });
  return { code, stdout, stderr };
}

const REQUIRED = ['--deployment', 'support-bot', '--agent', 'support-bot', '--queue', 'tickets'];

describe('agentvitals autoscaling', () => {
  it('writes an HPA by default and a KEDA ScaledObject with --format keda, both valid', async () => {
    const hpa = await run('autoscaling', ...REQUIRED, '--min-replicas', '3', '--cpu-percent', '70');
    expect(hpa.code).toBe(EXIT_OK);
    const hpaObject = parse(hpa.stdout);
    expect(() => new HorizontalPodAutoscaler(hpaObject).validate()).not.toThrow();
    expect(hpaObject.spec.minReplicas).toBe(3);

    const keda = await run('autoscaling', ...REQUIRED, '--format', 'keda', '--items-per-replica', '4');
    expect(keda.code).toBe(EXIT_OK);
    const kedaObject = parse(keda.stdout);
    expect(() => new ScaledObject(kedaObject).validate()).not.toThrow();
    expect(kedaObject.spec.triggers[0].metadata.threshold).toBe('4');
  });

  it('names every missing flag at once', async () => {
    expect(await run('autoscaling')).toMatchObject({
      code: EXIT_USAGE,
      stderr: expect.stringMatching(/--deployment, --agent, --queue are required/),
    });
    expect((await run('autoscaling', '--deployment', 'x', '--agent', 'a', '--queue', '')).stderr).toMatch(
      /--queue is required/,
    );
  });

  it('names what is missing or wrong', async () => {
    expect(await run('autoscaling', '--deployment', 'x')).toMatchObject({
      code: EXIT_USAGE,
      stderr: expect.stringMatching(/--agent, --queue are required/),
    });
    expect((await run('autoscaling', ...REQUIRED, '--format', 'vpa')).stderr).toMatch(/expected hpa or keda/);
    expect((await run('autoscaling', ...REQUIRED, '--min-replicas', 'two')).stderr).toMatch(
      /--min-replicas: expected a number/,
    );
    expect((await run('autoscaling', ...REQUIRED, '--max-replicas', '1')).stderr).toMatch(
      /--max-replicas: 1 is below --min-replicas 2/,
    );
  });

  it.each([
    [['--cpu-percent', '150'], /--cpu-percent: Too big/],
    [['--cpu-percent=-5'], /--cpu-percent: Too small/],
    [['--items-per-replica', '0'], /--items-per-replica: Too small/],
    [['--min-replicas', '1.5'], /--min-replicas: .*int/],
    [['--namespace', 'Support_NS'], /--namespace: must be a Kubernetes name/],
    [['--agent-label', 'agent-name'], /--agent-label: must be a Prometheus label name/],
    [['--format', 'keda', '--prometheus-url', 'prometheus'], /--prometheus-url: Invalid URL/],
    [['--prometheus-url', 'http://prometheus:9090'], /--prometheus-url applies to --format keda only/],
    [['--agent', 'Support Bot'], /--agent: "Support Bot" is not a Kubernetes label value/],
  ])('exits 2 naming the flag for %j', async (flags, message) => {
    const result = await run('autoscaling', ...REQUIRED, ...flags);
    expect(result.code).toBe(EXIT_USAGE);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(message);
  });

  it('names --deployment when it is not a Kubernetes name', async () => {
    const result = await run('autoscaling', '--deployment', 'Support_Bot', '--agent', 'a', '--queue', 'q');
    expect(result.code).toBe(EXIT_USAGE);
    expect(result.stderr).toMatch(/--deployment: must be a Kubernetes name/);
  });
});
