import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FleetArgs } from './args.js';
import { alertmanagerConfig, fleetRules, prometheusConfig } from './configs.js';
import type { FleetProcess } from './processes.js';
import { freePort, type Running, ready, run, stop } from './servers.js';

/** The running Prometheus and Alertmanager, with their base URLs. */
export interface Monitoring {
  readonly prometheus: Running;
  readonly alertmanager: Running;
  readonly prometheusUrl: string;
  readonly alertmanagerUrl: string;
}

/** A fresh bearer token for the replicas' alert webhooks, and the file Alertmanager reads it from. */
export async function webhookToken(directory: string): Promise<{ token: string; file: string }> {
  const token = randomBytes(24).toString('hex');
  const file = join(directory, 'webhook-token');
  await writeFile(file, token, { mode: 0o600 });
  return { token, file };
}

/**
 * Writes the configurations into `directory` and starts Alertmanager (routing the fleet cost
 * alert to the replicas' webhooks) and Prometheus (scraping every process, with the fleet rules);
 * resolves once both answer `/-/ready`.
 */
export async function startMonitoring(
  args: FleetArgs,
  directory: string,
  targets: readonly FleetProcess[],
  replicas: readonly FleetProcess[],
  tokenFile: string,
  cleanup: (() => Promise<void>)[],
): Promise<Monitoring> {
  const amPort = await freePort();
  const promPort = await freePort();
  const file = (name: string) => join(directory, name);
  await writeFile(file('rules.yml'), fleetRules(), 'utf8');
  const replicaPorts = replicas.map((replica) => replica.port);
  await writeFile(file('alertmanager.yml'), alertmanagerConfig(replicaPorts, tokenFile), 'utf8');
  const targetPorts = targets.map((target) => target.port);
  await writeFile(file('prometheus.yml'), prometheusConfig(file('rules.yml'), amPort, targetPorts), 'utf8');
  const alertmanager = run(args.alertmanager, [
    `--config.file=${file('alertmanager.yml')}`,
    `--storage.path=${file('am')}`,
    `--web.listen-address=127.0.0.1:${amPort}`,
    '--cluster.listen-address=',
    '--log.level=warn',
  ]);
  cleanup.push(() => stop(alertmanager.process));
  const prometheus = run(args.prometheus, [
    `--config.file=${file('prometheus.yml')}`,
    `--storage.tsdb.path=${file('prom')}`,
    `--web.listen-address=127.0.0.1:${promPort}`,
    '--rules.alert.resend-delay=1s',
    '--log.level=warn',
  ]);
  cleanup.push(() => stop(prometheus.process));
  const alertmanagerUrl = `http://127.0.0.1:${amPort}`;
  const prometheusUrl = `http://127.0.0.1:${promPort}`;
  await ready(`${alertmanagerUrl}/-/ready`, alertmanager);
  await ready(`${prometheusUrl}/-/ready`, prometheus);
  return { prometheus, alertmanager, prometheusUrl, alertmanagerUrl };
}
