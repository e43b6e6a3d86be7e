import { describe, expect, it } from 'vitest';
import { parseDemoArgs, UsageError } from './args.js';

describe('parseDemoArgs', () => {
  it('has embedded defaults', () => {
    expect(parseDemoArgs([])).toEqual({
      tickets: 40,
      durationSeconds: undefined,
      concurrency: 4,
      port: undefined,
      host: undefined,
      seed: 42,
      lingerSeconds: 0,
      flakyRate: 0.25,
      refundLimitUsd: 200,
      latencyScale: 1,
      help: false,
    });
  });

  it('reads every option', () => {
    const args = parseDemoArgs([
      '--tickets',
      '5',
      '--duration',
      '2.5',
      '--concurrency',
      '2',
      '--port',
      '0',
      '--host',
      '0.0.0.0',
      '--seed',
      '7',
      '--linger',
      '30',
      '--flaky-rate',
      '0',
      '--refund-limit',
      '50',
      '--latency-scale',
      '0',
      '-h',
    ]);
    expect(args).toMatchObject({
      tickets: 5,
      durationSeconds: 2.5,
      concurrency: 2,
      port: 0,
      host: '0.0.0.0',
      seed: 7,
      lingerSeconds: 30,
      flakyRate: 0,
      refundLimitUsd: 50,
      latencyScale: 0,
      help: true,
    });
  });

  it.each([
    [['--tickets', '0'], '--tickets'],
    [['--tickets', '1.5'], '--tickets'],
    [['--tickets', 'NaN'], '--tickets'],
    [['--port', '-1'], '--port'],
    [['--port', '70000'], '--port'],
    [['--flaky-rate', '1.5'], '--flaky-rate'],
    [['--linger', '-Infinity'], '--linger'],
    [['--duration', '0'], '--duration'],
    [['--concurrency', ''], '--concurrency'],
    [['--seed', '1e400'], '--seed'],
  ])('rejects %j naming %s', (argv, name) => {
    expect(() => parseDemoArgs(argv)).toThrow(UsageError);
    expect(() => parseDemoArgs(argv)).toThrow(name);
  });

  it('lists every bad option at once', () => {
    expect(() => parseDemoArgs(['--tickets', 'x', '--port', 'y'])).toThrow(/--tickets[\s\S]*--port/);
  });

  it('rejects unknown options and positionals', () => {
    expect(() => parseDemoArgs(['--nope'])).toThrow(UsageError);
    expect(() => parseDemoArgs(['extra'])).toThrow(UsageError);
  });
});
