import { EventStream, type GuardRequest, type VitalsEvent } from '@agentvitals/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createGuard } from './create-guard.js';

const hostileRequest = fc.oneof(
  fc.anything(),
  fc.record({
    kind: fc.constantFrom('tool', 'reasoning', 'other'),
    agentName: fc.oneof(fc.string(), fc.anything()),
    toolName: fc.oneof(fc.string(), fc.anything()),
    args: fc.anything(),
    input: fc.anything(),
    callId: fc.oneof(fc.integer(), fc.double(), fc.anything()),
    model: fc.oneof(fc.string(), fc.anything()),
    maxOutputTokens: fc.oneof(fc.integer(), fc.double(), fc.anything()),
  }),
);

describe('createGuard against hostile input', () => {
  it('never throws from check or cancel, and a check it cannot make denies', () => {
    const guard = createGuard({ policy: { roles: { r: { deny: ['shell'] } }, defaultRole: 'r' } });
    fc.assert(
      fc.property(hostileRequest, (request) => {
        const decision = guard.check(request as GuardRequest);
        expect(['allow', 'deny', 'block']).toContain(decision.action);
        expect(() => guard.cancel?.(request as GuardRequest)).not.toThrow();
      }),
      { numRuns: 300 },
    );
    const throwing = new Proxy(
      {},
      {
        get: () => {
          throw new Error('x');
        },
      },
    ) as GuardRequest;
    expect(guard.check(throwing)).toMatchObject({
      action: 'deny',
      reason: expect.stringMatching(/could not decide/),
    });
  });

  it('never throws into the code that emits events, whatever their shape', () => {
    const events = new EventStream<VitalsEvent>();
    const guard = createGuard();
    guard.attach({ agentName: 'bot', events, emit() {}, now: Date.now });
    const types = [
      'tool.end',
      'tool.start',
      'reasoning.end',
      'tokens',
      'guard.deny',
      'run.end',
      'heartbeat',
      'action',
    ];
    fc.assert(
      fc.property(fc.constantFrom(...types), fc.dictionary(fc.string(), fc.anything()), (type, fields) => {
        expect(() =>
          events.emit({ ...fields, type, agentName: 'bot', time: Date.now() } as VitalsEvent),
        ).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });
});

describe('createGuard and the tool policy', () => {
  it('hands the policy the call as the tool will receive it: decoded input and nesting', () => {
    const seen: unknown[] = [];
    const guard = createGuard({
      policy: {
        evaluate: (request) => {
          seen.push(request);
          return { allowed: true } as never;
        },
      },
    });
    guard.check({
      kind: 'tool',
      agentName: 'bot',
      toolName: 'shell',
      args: ['{"command":"ls"}'],
      input: { command: 'ls' },
      nested: true,
      callId: 1,
    });
    expect(seen).toEqual([
      {
        agentName: 'bot',
        toolName: 'shell',
        args: ['{"command":"ls"}'],
        input: { command: 'ls' },
        nested: true,
      },
    ]);
  });
});
