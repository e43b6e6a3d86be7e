import { describe, expect, it } from 'vitest';
import { createTools, ToolUnavailableError } from './tools.js';

const instant = async () => {};

describe('createTools', () => {
  it('answers CRM, knowledge-base and billing calls deterministically', async () => {
    const a = createTools({ seed: 1, sleep: instant });
    const b = createTools({ seed: 1, sleep: instant });
    expect(await a['crm.lookup_customer']({ customerId: 'C-1' })).toEqual(
      await b['crm.lookup_customer']({ customerId: 'C-1' }),
    );
    expect((await a['crm.order_history']({ customerId: 'C-1', limit: 2 })).length).toBeLessThanOrEqual(2);
    expect(await a['kb.search']({ query: 'bug' })).toMatchObject({ articles: expect.any(Array) });
    expect(await a['billing.issue_refund']({ order: 'ORD-1', amountUsd: 12 })).toMatchObject({
      amountUsd: 12,
    });
  });

  it('makes the ticketing tool fail for about the configured share of calls', async () => {
    const tools = createTools({ seed: 3, flakyFailureRate: 0.25, sleep: instant });
    let failures = 0;
    for (let i = 0; i < 400; i++) {
      try {
        await tools['ticketing.update_ticket']({ ticketId: `T-${i}`, status: 'resolved' });
      } catch (error) {
        expect(error).toBeInstanceOf(ToolUnavailableError);
        failures++;
      }
    }
    expect(failures).toBeGreaterThan(60);
    expect(failures).toBeLessThan(140);
  });

  it('never fails at rate 0 and always fails at rate 1', async () => {
    const reliable = createTools({ flakyFailureRate: 0, sleep: instant });
    const broken = createTools({ flakyFailureRate: 1, sleep: instant });
    await expect(reliable['ticketing.update_ticket']({ ticketId: 'T', status: 's' })).resolves.toBeDefined();
    await expect(broken['ticketing.update_ticket']({ ticketId: 'T', status: 's' })).rejects.toThrow(
      ToolUnavailableError,
    );
  });

  it.each([-0.1, 1.1, Number.NaN, Number.POSITIVE_INFINITY])('rejects a failure rate of %s', (rate) => {
    expect(() => createTools({ flakyFailureRate: rate })).toThrow(RangeError);
  });
});
