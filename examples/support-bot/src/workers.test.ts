import { describe, expect, it } from 'vitest';
import { generateTickets, TicketQueue } from './tickets.js';
import { processQueue } from './workers.js';

describe('processQueue', () => {
  it('handles every ticket with at most `concurrency` at once, beating before each take', async () => {
    const queue = new TicketQueue(generateTickets(10, 1));
    let active = 0;
    let peak = 0;
    let beats = 0;
    const result = await processQueue(
      queue,
      async (ticket) => {
        active++;
        peak = Math.max(peak, active);
        await new Promise((resolve) => setTimeout(resolve, 2));
        active--;
        if (ticket.id === 'T-0003') throw new Error('boom');
        return ticket.id;
      },
      { concurrency: 3, onIdle: () => beats++ },
    );
    expect(peak).toBe(3);
    expect(result.outcomes).toHaveLength(9);
    expect(result.failures.map((failure) => failure.ticket.id)).toEqual(['T-0003']);
    expect(beats).toBeGreaterThanOrEqual(10);
    expect(queue.depth).toBe(0);
  });

  it('stops taking tickets at the deadline', async () => {
    const queue = new TicketQueue(generateTickets(5, 1));
    let now = 0;
    const result = await processQueue(
      queue,
      async (ticket) => {
        now += 10;
        return ticket.id;
      },
      { concurrency: 1, deadline: 20, now: () => now },
    );
    expect(result.outcomes).toEqual(['T-0001', 'T-0002']);
    expect(queue.depth).toBe(3);
  });

  it.each([0, -1, 1.5, Number.NaN])('rejects a concurrency of %s', async (concurrency) => {
    await expect(processQueue(new TicketQueue(), async () => 1, { concurrency })).rejects.toThrow(RangeError);
  });
});
