import { createPricing } from '@agentvitals/core';
import { describe, expect, it } from 'vitest';
import { CostReservations } from './cost-reservations.js';

const TIMEOUT = 60_000;

describe('CostReservations', () => {
  it('drops reservations whose calls never end, oldest first, and only once they are due', () => {
    const reservations = new CostReservations(createPricing(), TIMEOUT);
    reservations.reserve(1, 100, 1_000);
    reservations.reserve(2, 200, 30_000);
    expect(reservations.reserved(60_999)).toBe(300);
    expect(reservations.reserved(61_000)).toBe(200);
    expect(reservations.reserved(89_999)).toBe(200);
    expect(reservations.reserved(90_000)).toBe(0);
    expect(reservations.inFlight).toBe(0);
  });

  it('still drops the reservations due after the oldest one ended', () => {
    const reservations = new CostReservations(createPricing(), TIMEOUT);
    reservations.reserve(1, 100, 1_000);
    reservations.reserve(2, 200, 2_000);
    reservations.end(1);
    expect(reservations.reserved(61_999)).toBe(200);
    expect(reservations.reserved(62_000)).toBe(0);
  });

  it('drops as before when the clock stepped back between two reservations', () => {
    const reservations = new CostReservations(createPricing(), TIMEOUT);
    reservations.reserve(1, 100, 10_000);
    reservations.reserve(2, 200, 5_000);
    reservations.reserve(3, 400, 20_000);
    // The first reserved is not due yet: like a pass that stops at it, nothing is dropped.
    expect(reservations.reserved(69_999)).toBe(700);
    // Due now: it goes, and so does the older one behind it; the newest stays.
    expect(reservations.reserved(70_000)).toBe(400);
    expect(reservations.reserved(80_000)).toBe(0);
  });

  it('drops an older reservation made after a clock step back once the one before it ended', () => {
    const reservations = new CostReservations(createPricing(), TIMEOUT);
    reservations.reserve(1, 100, 10_000);
    reservations.reserve(2, 200, 5_000);
    reservations.end(1);
    expect(reservations.reserved(64_999)).toBe(200);
    expect(reservations.reserved(65_000)).toBe(0);
  });

  it('averages the recent real costs into the estimate of the next call', () => {
    const reservations = new CostReservations(createPricing(), TIMEOUT);
    const request = { kind: 'reasoning', agentName: 'a', model: 'gpt-4o-mini', provider: 'openai' } as const;
    const fallback = reservations.estimate(request);
    expect(fallback).toBeGreaterThan(0);
    for (let call = 1; call <= 25; call++) {
      reservations.reserve(call, 1, call);
      reservations.spent(call, call <= 5 ? 1_000_000_000 : 10_000_000);
      reservations.end(call);
    }
    // The last 20 calls cost 10 USD each: the estimate follows them, not the first five.
    expect(reservations.estimate(request)).toBe(10_000_000);
  });
});
