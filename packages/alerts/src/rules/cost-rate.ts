import { createPricing, type Pricing } from '@agentvitals/core';
import { z } from 'zod';
import { ALERT_CATALOG, formatDuration } from '../catalog/alert-catalog.js';
import { nonNegative, positiveDurationMs } from '../config/common-schemas.js';
import { parseOptions } from '../config/parse-options.js';
import { type AlertRule, INACTIVE, type RuleRefusal } from './alert-rule.js';
import { CostReservations } from './cost-reservations.js';
import { buildRule } from './define-rule.js';
import { type CommonRuleOptions, catalogDefaults, commonRuleShape, resolveCommon } from './rule-options.js';
import { BucketedWindow } from './window/bucketed-window.js';

export interface CostRateRuleOptions extends CommonRuleOptions {
  /** Fire when the agent spends more than this many USD per hour; default 5. */
  readonly maxUsdPerHour?: number;
  /** The sliding window the spend is summed over, in ms; default 3 600 000 (1 h). */
  readonly windowMs?: number;
  /**
   * Prices used to estimate a model call before it runs (the cap reserves the estimate);
   * default `createPricing()`, core's table. Pass the pricing your vitals use if you override prices.
   */
  readonly pricing?: Pricing;
  /** A reservation whose call never reports an end is dropped after this, in ms; default 600 000. */
  readonly reservationTimeoutMs?: number;
}

export interface CostRateThresholds {
  readonly maxUsdPerHour: number;
  readonly windowMs: number;
}

const schema = z
  .object({
    ...commonRuleShape,
    maxUsdPerHour: nonNegative.optional(),
    windowMs: positiveDurationMs.optional(),
    pricing: z
      .custom<Pricing>(
        (value) =>
          typeof value === 'object' &&
          value !== null &&
          typeof (value as Pricing).price === 'function' &&
          typeof (value as Pricing).cost === 'function',
        { message: 'must be a pricing (createPricing())' },
      )
      .optional(),
    reservationTimeoutMs: positiveDurationMs.optional(),
  })
  .strict();

const HOUR_MS = 3_600_000;
const MICRO = 1_000_000;

const ENTRY = ALERT_CATALOG.AgentCostSpike;

/**
 * A cost spike: the agent's spend (the `costUsd` of `tokens` events, from the pricing
 * table) over the sliding window, scaled to an hour, is above `maxUsdPerHour`. Amounts are
 * summed in micro-dollars, so many small costs add up exactly. `$value` is USD per hour.
 * Trips the breaker by default: a spend cap. As a cap (action `trip`, breakers on) it also
 * admits a model call only if the spend in the window, plus what calls in flight reserved,
 * plus this call's estimate stay within the cap; the reservation is settled with the call's
 * real cost (`tokens` event of the same `callId`) and released when it ends or is refused.
 */
export function costRateRule(options: CostRateRuleOptions = {}): AlertRule<'cost-rate', CostRateThresholds> {
  const parsed = parseOptions(schema, options, 'costRateRule()');
  const thresholds: CostRateThresholds = {
    maxUsdPerHour: parsed.maxUsdPerHour ?? ENTRY.threshold,
    windowMs: parsed.windowMs ?? ENTRY.windowMs,
  };
  const capMicro = Math.round(((thresholds.maxUsdPerHour * thresholds.windowMs) / HOUR_MS) * MICRO);
  const common = resolveCommon(
    parsed,
    catalogDefaults(
      'AgentCostSpike',
      'Agent {{ $labels.gen_ai_agent_name }} is spending {{ $value }} USD per hour',
      {
        threshold: thresholds.maxUsdPerHour,
        window: formatDuration(thresholds.windowMs),
      },
    ),
  );
  const pricing = parsed.pricing ?? createPricing();
  const reservationTimeoutMs = parsed.reservationTimeoutMs ?? 600_000;
  const usd = (micro: number) => `${(micro / MICRO).toFixed(2)} USD`;
  return buildRule('cost-rate', common, thresholds, ['tokens', 'reasoning.end', 'guard.deny'], () => {
    const spend = new BucketedWindow(thresholds.windowMs, 60);
    const reservations = new CostReservations(pricing, reservationTimeoutMs);
    return {
      observe(event, now) {
        if (event.type === 'reasoning.end') {
          if (event.callId !== undefined) reservations.end(event.callId);
          return;
        }
        if (event.type === 'guard.deny') {
          if (event.callId !== undefined) reservations.release(event.callId);
          return;
        }
        if (event.type !== 'tokens') return;
        const cost = event.costUsd;
        if (typeof cost !== 'number' || !Number.isFinite(cost) || cost <= 0) return;
        const micro = Math.round(cost * MICRO);
        spend.add(now, micro);
        if (event.callId !== undefined) reservations.spent(event.callId, micro);
        else reservations.spentWithoutCall(micro);
      },
      evaluate(now) {
        const micro = spend.sum(now);
        if (micro <= capMicro) return INACTIVE;
        return { active: true, value: (micro / MICRO) * (HOUR_MS / thresholds.windowMs) };
      },
      admit(request, now): RuleRefusal | undefined {
        if (request.kind !== 'reasoning') return undefined;
        const estimate = reservations.estimate(request);
        const spent = spend.sum(now);
        const reserved = reservations.reserved(now);
        if (spent + reserved + estimate > capMicro) {
          return {
            reason:
              `cost cap of ${thresholds.maxUsdPerHour} USD per hour: spent ${usd(spent)} in the last ` +
              `${formatDuration(thresholds.windowMs)}, ${usd(reserved)} reserved by ${reservations.inFlight} ` +
              `call(s) in flight, and this call is estimated at ${usd(estimate)}`,
            retryAt: now + thresholds.windowMs / 60,
          };
        }
        if (request.callId !== undefined && estimate > 0) reservations.reserve(request.callId, estimate, now);
        return undefined;
      },
      release(request) {
        if (request.callId !== undefined) reservations.release(request.callId);
      },
    };
  });
}
