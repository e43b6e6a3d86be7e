import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tlsFilesFromEnv } from './tls-files-from-env.js';

const directory = mkdtempSync(join(tmpdir(), 'agentvitals-tls-'));
const file = (name: string, text: string) => {
  const path = join(directory, name);
  writeFileSync(path, text);
  return path;
};
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('tlsFilesFromEnv', () => {
  it('reads the signal’s own files first, then the shared ones', () => {
    const env = {
      OTEL_EXPORTER_OTLP_CERTIFICATE: file('ca.pem', 'shared ca'),
      OTEL_EXPORTER_OTLP_TRACES_CERTIFICATE: file('traces-ca.pem', 'traces ca'),
      OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE: file('client.pem', 'client cert'),
      OTEL_EXPORTER_OTLP_CLIENT_KEY: file('client.key', 'client key'),
    };
    const traces = tlsFilesFromEnv('traces', env);
    expect(String(traces.ca)).toBe('traces ca');
    expect(String(traces.cert)).toBe('client cert');
    expect(String(traces.key)).toBe('client key');
    expect(String(tlsFilesFromEnv('logs', env).ca)).toBe('shared ca');
  });

  it('leaves out what is unset, empty or unreadable', () => {
    expect(tlsFilesFromEnv('metrics', {})).toEqual({});
    expect(
      tlsFilesFromEnv('metrics', {
        OTEL_EXPORTER_OTLP_METRICS_CERTIFICATE: ' ',
        OTEL_EXPORTER_OTLP_CLIENT_KEY: join(directory, 'missing.key'),
      }),
    ).toEqual({});
  });
});
