import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseWebhookPayload } from './alert-payload.js';

describe('parseWebhookPayload on hostile input', () => {
  it('never throws, and returns either a reason or a payload of string labels only', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.anything(),
          fc.jsonValue(),
          fc.record({
            version: fc.constant('4'),
            status: fc.constantFrom('firing', 'resolved'),
            alerts: fc.array(fc.anything(), { maxLength: 5 }),
          }),
        ),
        (value) => {
          const result = parseWebhookPayload(value);
          if (typeof result === 'string') return;
          for (const alert of result.alerts) {
            expect(['firing', 'resolved']).toContain(alert.status);
            expect(alert.fingerprint.length).toBeGreaterThan(0);
            for (const label of Object.values(alert.labels)) expect(typeof label).toBe('string');
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('does not let a __proto__ label change the labels object', () => {
    const payload = JSON.parse(
      '{"version":"4","status":"firing","alerts":[{"status":"firing","fingerprint":"f","labels":{"__proto__":"x","alertname":"A"}}]}',
    );
    const result = parseWebhookPayload(payload);
    expect(typeof result).not.toBe('string');
    if (typeof result !== 'string')
      expect(Object.getPrototypeOf(result.alerts[0]?.labels)).toBe(Object.prototype);
  });
});
