import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Availability, findBinary, needBinaries } from './system-binaries.js';

/** Debian's Prometheus, which `.ci/run` installs. */
export const PROMETHEUS_BINARY = findBinary('prometheus') ?? '/usr/bin/prometheus';

/** Whether the Prometheus tests run: see `needBinaries`. */
export function prometheusAvailability(): Availability {
  return needBinaries('prometheus');
}

/** A free TCP port on 127.0.0.1 (bound then released; a race is possible but unlikely on loopback). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface PromSample {
  readonly metric: Readonly<Record<string, string>>;
  readonly value: number;
}

export interface PrometheusServer {
  readonly url: string;
  /** An instant query through `/api/v1/query`; throws on an API error. */
  query(expression: string): Promise<PromSample[]>;
  /** Polls `query` every 250 ms until `check` accepts the result; rejects after `timeoutMs`. */
  waitForQuery(
    expression: string,
    check: (samples: PromSample[]) => boolean,
    timeoutMs?: number,
  ): Promise<PromSample[]>;
  /** Scrape targets as Prometheus sees them (`/api/v1/targets`). */
  targets(): Promise<Array<{ scrapeUrl: string; health: string; lastError: string }>>;
  /** Prometheus's own output, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

export interface PrometheusOptions {
  /** `host:port` targets to scrape. */
  readonly targets: readonly string[];
  readonly metricsPath?: string;
  readonly scrapeInterval?: string;
  readonly jobName?: string;
  readonly readyTimeoutMs?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts Debian's Prometheus on 127.0.0.1 with a temporary TSDB and a generated scrape config. */
export async function startPrometheus(options: PrometheusOptions): Promise<PrometheusServer> {
  const directory = await mkdtemp(path.join(tmpdir(), 'agentvitals-prometheus-'));
  const port = await freePort();
  const interval = options.scrapeInterval ?? '1s';
  const config = [
    'global:',
    `  scrape_interval: ${interval}`,
    `  evaluation_interval: ${interval}`,
    'scrape_configs:',
    `  - job_name: ${JSON.stringify(options.jobName ?? 'support-bot')}`,
    `    metrics_path: ${JSON.stringify(options.metricsPath ?? '/metrics')}`,
    `    scrape_interval: ${interval}`,
    `    scrape_timeout: ${interval}`,
    '    static_configs:',
    `      - targets: [${options.targets.map((target) => JSON.stringify(target)).join(', ')}]`,
    '',
  ].join('\n');
  const configFile = path.join(directory, 'prometheus.yml');
  await writeFile(configFile, config);

  const lines: string[] = [];
  const child: ChildProcess = spawn(
    PROMETHEUS_BINARY,
    [
      `--config.file=${configFile}`,
      `--storage.tsdb.path=${path.join(directory, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--log.level=warn',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const keep = (chunk: Buffer) => {
    lines.push(chunk.toString('utf8'));
    if (lines.length > 200) lines.shift();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exited: string | undefined;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      exited = `exited with ${signal ?? code}`;
      resolve();
    }),
  );

  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (exited === undefined) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exit;
      clearTimeout(timer);
    }
    await rm(directory, { recursive: true, force: true });
  };

  const deadline = Date.now() + (options.readyTimeoutMs ?? 20_000);
  for (;;) {
    if (exited !== undefined) {
      await stop();
      throw new Error(`Prometheus ${exited} before it was ready:\n${lines.join('')}`);
    }
    try {
      const response = await fetch(`${url}/-/ready`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(
        `Prometheus was not ready within ${options.readyTimeoutMs ?? 20_000} ms:\n${lines.join('')}`,
      );
    }
    await sleep(100);
  }

  const query = async (expression: string): Promise<PromSample[]> => {
    const response = await fetch(`${url}/api/v1/query?query=${encodeURIComponent(expression)}`);
    const body = (await response.json()) as {
      status: string;
      error?: string;
      data?: {
        resultType: string;
        result: Array<{ metric: Record<string, string>; value: [number, string] }>;
      };
    };
    if (body.status !== 'success' || !body.data) throw new Error(`query ${expression} failed: ${body.error}`);
    if (body.data.resultType !== 'vector')
      throw new Error(`query ${expression} returned a ${body.data.resultType}`);
    return body.data.result.map((entry) => ({ metric: entry.metric, value: Number(entry.value[1]) }));
  };

  return {
    url,
    query,
    async waitForQuery(expression, check, timeoutMs = 15_000) {
      const end = Date.now() + timeoutMs;
      let last: PromSample[] = [];
      for (;;) {
        last = await query(expression);
        if (check(last)) return last;
        if (Date.now() > end) {
          throw new Error(`timed out waiting for ${expression}; last result: ${JSON.stringify(last)}`);
        }
        await sleep(250);
      }
    },
    async targets() {
      const response = await fetch(`${url}/api/v1/targets`);
      const body = (await response.json()) as {
        data: { activeTargets: Array<{ scrapeUrl: string; health: string; lastError: string }> };
      };
      return body.data.activeTargets;
    },
    output: () => lines.join(''),
    stop,
  };
}
