import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ShutdownSignal } from '../config/schema.js';
import { installSignalHandlers, type SignalTarget } from './signal-handlers.js';

function fakeProcess() {
  const listeners = new Map<string, Array<() => void>>();
  const killed: string[] = [];
  const target: SignalTarget = {
    pid: 4242,
    on: (signal, listener) => listeners.set(signal, [...(listeners.get(signal) ?? []), listener]),
    off: (signal, listener) =>
      listeners.set(
        signal,
        (listeners.get(signal) ?? []).filter((l) => l !== listener),
      ),
    listenerCount: (signal) => listeners.get(signal)?.length ?? 0,
    kill: (_pid, signal) => killed.push(signal),
  };
  const emit = (signal: ShutdownSignal) => {
    for (const listener of [...(listeners.get(signal) ?? [])]) listener();
  };
  return { target, emit, killed, listeners };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('installSignalHandlers', () => {
  it('listens once per signal when a signal is listed twice, and still re-raises it', async () => {
    const fake = fakeProcess();
    let shutdowns = 0;
    const handlers = installSignalHandlers(
      ['SIGTERM', 'SIGTERM', 'SIGINT'],
      async () => void shutdowns++,
      fake.target,
    );
    expect(fake.target.listenerCount('SIGTERM')).toBe(1);
    fake.emit('SIGTERM');
    await tick();
    expect(shutdowns).toBe(1);
    expect(fake.target.listenerCount('SIGTERM')).toBe(0);
    expect(fake.killed).toEqual(['SIGTERM']);
    handlers.remove();
    expect(fake.target.listenerCount('SIGINT')).toBe(0);
  });

  it('shuts down once, removes every listener, then re-raises when it was the only listener', async () => {
    const fake = fakeProcess();
    let shutdowns = 0;
    installSignalHandlers(['SIGTERM', 'SIGINT'], async () => void shutdowns++, fake.target);
    fake.emit('SIGINT');
    await tick();
    expect(shutdowns).toBe(1);
    expect(fake.target.listenerCount('SIGTERM') + fake.target.listenerCount('SIGINT')).toBe(0);
    expect(fake.killed).toEqual(['SIGINT']);
  });

  it('leaves the decision to the application when it listens too', async () => {
    const fake = fakeProcess();
    fake.target.on('SIGTERM', () => {});
    installSignalHandlers(['SIGTERM'], async () => {}, fake.target);
    fake.emit('SIGTERM');
    await tick();
    expect(fake.killed).toEqual([]);
  });

  it('re-raises even when shutdown fails', async () => {
    const fake = fakeProcess();
    installSignalHandlers(['SIGTERM'], () => Promise.reject(new Error('exporter down')), fake.target);
    fake.emit('SIGTERM');
    await tick();
    expect(fake.killed).toEqual(['SIGTERM']);
  });

  it('remove() takes the listeners away without shutting down', () => {
    const fake = fakeProcess();
    const handlers = installSignalHandlers(['SIGTERM', 'SIGHUP'], async () => {}, fake.target);
    expect(fake.target.listenerCount('SIGHUP')).toBe(1);
    handlers.remove();
    handlers.remove();
    expect(fake.target.listenerCount('SIGHUP') + fake.target.listenerCount('SIGTERM')).toBe(0);
  });
});

describe('a real process receiving SIGTERM', () => {
  const script = fileURLToPath(new URL('./fixtures/signal-child.ts', import.meta.url));
  const root = fileURLToPath(new URL('../../../../', import.meta.url));
  let server: Server;
  let thoughts: string[];
  let endpoint: string;

  beforeEach(async () => {
    thoughts = [];
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => {
        body += chunk;
      });
      request.on('end', () => {
        if (request.url === '/v1/logs') {
          const payload = JSON.parse(body) as {
            resourceLogs: Array<{
              scopeLogs: Array<{ logRecords: Array<{ body: { stringValue: string } }> }>;
            }>;
          };
          for (const resource of payload.resourceLogs) {
            for (const scope of resource.scopeLogs) {
              for (const record of scope.logRecords) thoughts.push(record.body.stringValue);
            }
          }
        }
        response.setHeader('content-type', 'application/json');
        response.end('{}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  function runChild(mode: string, count: number) {
    const child = spawn(process.execPath, ['--import', 'tsx', script, endpoint, String(count), mode], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { PATH: process.env.PATH, HOME: process.env.HOME },
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.on('exit', (code, signal) => resolve({ code, signal })),
    );
    child.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready')) child.kill('SIGTERM');
    });
    return exited.then((result) => ({ ...result, stderr }));
  }

  it('delivers every buffered thought, then dies of the signal as it would have', async () => {
    const { code, signal, stderr } = await runChild('default', 300);
    expect(stderr).toBe('');
    expect({ code, signal }).toEqual({ code: null, signal: 'SIGTERM' });
    expect(thoughts).toHaveLength(300);
    expect(new Set(thoughts).size).toBe(300);
  });

  it('lets the application’s own listener decide how to exit', async () => {
    const { code, signal } = await runChild('own-listener', 10);
    expect({ code, signal }).toEqual({ code: 7, signal: null });
    expect(thoughts).toHaveLength(10);
  });
});
