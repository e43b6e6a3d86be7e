import { describe, expect, it } from 'vitest';
import { hasOtlpEndpoint, resolveOtlpEndpoints } from './otlp-endpoints.js';

const FALLBACK = 'http://localhost:4318';

describe('resolveOtlpEndpoints', () => {
  it('appends /v1/<signal> to a base endpoint, with or without a trailing slash or a path', () => {
    expect(resolveOtlpEndpoints(undefined, { endpoint: 'http://collector:4318/' }, FALLBACK)).toEqual({
      traces: 'http://collector:4318/v1/traces',
      metrics: 'http://collector:4318/v1/metrics',
      logs: 'http://collector:4318/v1/logs',
    });
    expect(resolveOtlpEndpoints({ endpoint: 'https://gw.example/otlp' }, undefined, FALLBACK).logs).toBe(
      'https://gw.example/otlp/v1/logs',
    );
  });

  it('uses a per-signal endpoint as-is and lets it win over the base of the same source', () => {
    const urls = resolveOtlpEndpoints(
      undefined,
      { endpoint: 'http://collector:4318', tracesEndpoint: 'http://tempo:4318/custom' },
      FALLBACK,
    );
    expect(urls).toEqual({
      traces: 'http://tempo:4318/custom',
      metrics: 'http://collector:4318/v1/metrics',
      logs: 'http://collector:4318/v1/logs',
    });
  });

  it('lets any option win over any environment variable', () => {
    const urls = resolveOtlpEndpoints(
      { endpoint: 'http://from-options:4318', logsEndpoint: 'http://loki:3100/otlp/v1/logs' },
      { endpoint: 'http://from-env:4318', tracesEndpoint: 'http://env-tempo/v1/traces' },
      FALLBACK,
    );
    expect(urls).toEqual({
      traces: 'http://from-options:4318/v1/traces',
      metrics: 'http://from-options:4318/v1/metrics',
      logs: 'http://loki:3100/otlp/v1/logs',
    });
  });

  it('falls back to the default base', () => {
    expect(resolveOtlpEndpoints({}, {}, FALLBACK).metrics).toBe('http://localhost:4318/v1/metrics');
  });
});

describe('hasOtlpEndpoint', () => {
  it('is true for a base endpoint or the signal’s own, in any source', () => {
    expect(hasOtlpEndpoint([undefined, { endpoint: 'http://c' }], 'logs')).toBe(true);
    expect(hasOtlpEndpoint([{ tracesEndpoint: 'http://t' }, undefined], 'traces')).toBe(true);
    expect(hasOtlpEndpoint([{ tracesEndpoint: 'http://t' }, undefined], 'metrics')).toBe(false);
    expect(hasOtlpEndpoint([undefined, undefined], 'traces')).toBe(false);
  });
});
