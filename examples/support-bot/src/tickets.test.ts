import { describe, expect, it } from 'vitest';
import { generateTickets, TicketQueue } from './tickets.js';

describe('generateTickets', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    expect(generateTickets(20, 1)).toEqual(generateTickets(20, 1));
    expect(generateTickets(20, 1)).not.toEqual(generateTickets(20, 2));
  });

  it('gives refund tickets an amount and the others none', () => {
    const tickets = generateTickets(200, 3);
    expect(new Set(tickets.map((ticket) => ticket.category))).toEqual(
      new Set(['refund', 'shipping', 'account', 'bug']),
    );
    for (const ticket of tickets) {
      if (ticket.category === 'refund') expect(ticket.refundAmountUsd).toBeGreaterThan(0);
      else expect(ticket.refundAmountUsd).toBeUndefined();
      expect(ticket.customerEmail).toMatch(/^[a-z]+\.\d+@example\.com$/);
      expect(ticket.order).toMatch(/^ORD-\d{5}$/);
    }
    expect(new Set(tickets.map((ticket) => ticket.id)).size).toBe(200);
  });

  it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('rejects a count of %s', (count) => {
    expect(() => generateTickets(count, 1)).toThrow(RangeError);
  });
});

describe('TicketQueue', () => {
  it('hands tickets out in order and reports its depth', () => {
    const queue = new TicketQueue(generateTickets(3, 1));
    expect(queue.depth).toBe(3);
    expect(queue.take()?.id).toBe('T-0001');
    expect(queue.depth).toBe(2);
    queue.take();
    queue.take();
    expect(queue.take()).toBeUndefined();
    expect(queue.depth).toBe(0);
  });
});
