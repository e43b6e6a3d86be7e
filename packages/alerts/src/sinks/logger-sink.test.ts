import { describe, expect, it, vi } from 'vitest';
import type { Alert } from '../lifecycle/alert.js';
import { loggerSink } from './logger-sink.js';

const alert = (status: Alert['status'], severity: Alert['severity']) =>
  ({
    status,
    severity,
    name: 'X',
    action: 'alert',
    agentName: 'bot',
    fingerprint: 'f',
    labels: {},
    annotations: { summary: 'sum' },
    value: 1,
    activeAt: 0,
    startsAt: 0,
    endsAt: status === 'resolved' ? 1 : undefined,
  }) as Alert;

describe('loggerSink', () => {
  it('logs console-style (text first) at a level per severity and status', async () => {
    const logger = { error: vi.fn(), warn: vi.fn(), info: vi.fn() };
    const sink = loggerSink(logger);
    await sink.send([alert('firing', 'critical'), alert('firing', 'warning'), alert('resolved', 'critical')]);
    expect(logger.error).toHaveBeenCalledWith(
      expect.stringContaining('[FIRING] X'),
      expect.objectContaining({ alertname: 'X' }),
    );
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(logger.info).toHaveBeenCalledWith(expect.stringContaining('[RESOLVED] X'), expect.anything());
  });

  it('logs pino-style (object first) for pino-like loggers', async () => {
    const logger = { level: 'info', child: vi.fn(), error: vi.fn(), warn: vi.fn(), info: vi.fn() };
    await loggerSink(logger).send([alert('firing', 'info')]);
    expect(logger.warn).toHaveBeenCalledWith(
      { alert: expect.objectContaining({ status: 'firing' }) },
      expect.stringContaining('X'),
    );
  });

  it('rejects something that is not a logger', () => {
    expect(() => loggerSink({ warn() {} } as never)).toThrow(/logger/);
  });
});
