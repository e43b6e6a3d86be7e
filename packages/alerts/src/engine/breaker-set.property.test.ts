import type { BreakerStateEvent, GuardRequest, ReasoningEndEvent, ToolEndEvent } from '@agentvitals/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BreakerSet } from './breaker-set.js';

type Step =
  | { readonly kind: 'call'; readonly target: 'reasoning' | 'a' | 'b' }
  | { readonly kind: 'finish'; readonly pick: number; readonly success: boolean }
  | { readonly kind: 'trip'; readonly tool: 'a' | undefined }
  | { readonly kind: 'reset' }
  | { readonly kind: 'clock'; readonly ms: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constant('call' as const),
    target: fc.constantFrom<'reasoning' | 'a' | 'b'>('reasoning', 'a', 'b'),
  }),
  fc.record({ kind: fc.constant('finish' as const), pick: fc.nat(), success: fc.boolean() }),
  fc.record({ kind: fc.constant('trip' as const), tool: fc.constantFrom<'a' | undefined>('a', undefined) }),
  fc.constant({ kind: 'reset' } as const),
  fc.record({
    kind: fc.constant('clock' as const),
    ms: fc.oneof(fc.integer({ min: -5_000, max: 40_000 }), fc.constantFrom(-1e12, 1e12)),
  }),
);

interface InFlight {
  readonly request: GuardRequest;
  readonly startedAt: number;
}

describe('BreakerSet properties', () => {
  it('never lets two calls through one half-open period, and never stays stuck', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.array(step, { maxLength: 60 }), (perTool, steps) => {
        let now = 1_700_000_000_000;
        let agentChanges = 0;
        const set = new BreakerSet(
          'bot',
          { coolDownMs: 30_000, trialTimeoutMs: 60_000, perTool, maxToolBreakers: 10 },
          () => now,
          (event: BreakerStateEvent) => {
            if (event.breakerName === 'agent') agentChanges++;
          },
        );
        const inFlight: InFlight[] = [];
        let periodStart = -1;
        let allowedInPeriod = 0;
        const request = (target: 'reasoning' | 'a' | 'b'): GuardRequest =>
          target === 'reasoning'
            ? { kind: 'reasoning', agentName: 'bot', model: 'm', provider: 'p' }
            : { kind: 'tool', agentName: 'bot', toolName: target, args: [] };
        const end = (call: InFlight, success: boolean): ToolEndEvent | ReasoningEndEvent => {
          const durationSeconds = Math.max(0, (now - call.startedAt) / 1000);
          return call.request.kind === 'tool'
            ? {
                type: 'tool.end',
                agentName: 'bot',
                time: now,
                toolName: call.request.toolName,
                args: [],
                outcome: success ? 'success' : 'error',
                durationSeconds,
              }
            : ({
                type: 'reasoning.end',
                agentName: 'bot',
                time: now,
                model: 'm',
                provider: 'p',
                durationSeconds,
                ...(success ? {} : { errorType: 'Error' }),
              } as ReasoningEndEvent);
        };

        for (const next of steps) {
          switch (next.kind) {
            case 'call': {
              const halfOpen = set.agent.state === 'half-open';
              if (agentChanges !== periodStart) {
                periodStart = agentChanges;
                allowedInPeriod = 0;
              }
              const decision = set.check(request(next.target));
              if (decision.action === 'allow') {
                inFlight.push({ request: request(next.target), startedAt: now });
                if (halfOpen) allowedInPeriod++;
              }
              expect(allowedInPeriod).toBeLessThanOrEqual(1);
              break;
            }
            case 'finish': {
              if (inFlight.length === 0) break;
              const [call] = inFlight.splice(next.pick % inFlight.length, 1);
              set.record(end(call!, next.success));
              break;
            }
            case 'trip':
              set.trip('property', next.tool);
              break;
            case 'reset':
              set.reset('property');
              break;
            case 'clock':
              now += next.ms;
              break;
          }
        }

        // Past every cool-down and trial timeout, a call gets through and its success closes the
        // breakers. (A clock moved backwards adds no time: the breakers are looked at once first.)
        const allClosed = () => set.all().filter((breaker) => breaker.state !== 'closed').length === 0;
        for (let round = 0; round < 3 && !allClosed(); round++) {
          now += 30_000 + 60_000 + 1;
          const decision = set.check(request('a'));
          expect(decision.action).toBe('allow');
          set.record(end({ request: request('a'), startedAt: now }, true));
        }
        expect(allClosed()).toBe(true);
        expect(set.check(request('a')).action).toBe('allow');
      }),
      { numRuns: 300 },
    );
  });
});
