import { createTestKit } from '@agentvitals/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { CircuitOpenError, isCircuitOpenError } from '../errors/circuit-open-error.js';
import { isPolicyDeniedError } from '../errors/policy-denied-error.js';
import { ALLOW, type Guard, type GuardRequest } from '../guard/guard.js';

const kits: ReturnType<typeof createTestKit>[] = [];
afterEach(async () => {
  for (const kit of kits.splice(0)) await kit.shutdown();
});

function kitWith(...guards: Guard[]) {
  const kit = createTestKit({ agentName: 'decider', guard: guards });
  kits.push(kit);
  return kit;
}

const guardOf = (check: Guard['check'], cancel?: Guard['cancel']): Guard => ({
  check,
  attach: () => ({ dispose() {} }),
  ...(cancel ? { cancel } : {}),
});

function outcome(fn: () => unknown): { ran: boolean; error: unknown } {
  let ran = false;
  try {
    fn.call(undefined);
  } catch (error) {
    return { ran, error };
  }
  ran = true;
  return { ran, error: undefined };
}

describe('guards fail closed', () => {
  const undecidable: [string, () => unknown][] = [
    [
      'throws',
      () => {
        throw new Error('bug');
      },
    ],
    ['returns undefined', () => undefined],
    ['returns a string', () => 'allow'],
    ['returns an unknown action', () => ({ action: 'maybe' })],
    [
      'returns an action getter that throws',
      () => ({
        get action() {
          throw new Error('getter');
        },
      }),
    ],
    [
      'returns a revoked Proxy',
      () => {
        const { proxy, revoke } = Proxy.revocable({}, {});
        revoke();
        return proxy;
      },
    ],
  ];
  for (const [what, check] of undecidable) {
    it(`a guard that ${what} denies the tool call, saying it could not decide`, async () => {
      const kit = kitWith(guardOf(check as Guard['check']));
      let ran = false;
      const result = outcome(() =>
        kit.vitals.tool('search', () => {
          ran = true;
        })(),
      );
      expect(ran).toBe(false);
      expect(isPolicyDeniedError(result.error)).toBe(true);
      expect((result.error as Error).message).toMatch(/a guard could not decide \(.+\); the call is denied/);
      expect(await kit.metric('agent.tool.calls', { 'agent.tool.outcome': 'denied' })).toBe(1);
    });
  }

  it('a guard that cannot decide also denies reasoning calls (rejecting for async callers)', async () => {
    const kit = kitWith(guardOf(() => undefined as never));
    await expect(kit.vitals.reasoning(async () => 'x')).rejects.toSatisfy(isPolicyDeniedError);
  });

  it('a guard that allows lets the call run', () => {
    const kit = kitWith(guardOf(() => ALLOW));
    expect(kit.vitals.tool('search', () => 'ok')()).toBe('ok');
  });
});

describe('several guards', () => {
  it('the first refusal wins; the guards that had allowed are cancelled in order', () => {
    const log: string[] = [];
    const allowing = (name: string) =>
      guardOf(
        () => {
          log.push(`check ${name}`);
          return ALLOW;
        },
        (request: GuardRequest) => log.push(`cancel ${name} ${request.callId}`),
      );
    const blocking = guardOf(() => {
      log.push('check breaker');
      return {
        action: 'block',
        reason: 'open',
        error: new CircuitOpenError('open', { breakerName: 'agent', agentName: 'decider' }),
      };
    });
    const never = guardOf(() => {
      log.push('check never');
      return ALLOW;
    });
    const kit = kitWith(allowing('a'), allowing('b'), blocking, never);
    const result = outcome(() => kit.vitals.callTool('t', () => 1, undefined, []));
    expect(isCircuitOpenError(result.error)).toBe(true);
    expect(log).toEqual(['check a', 'check b', 'check breaker', 'cancel a 1', 'cancel b 1']);
  });

  it('a cancel that throws is ignored and the others are still cancelled', () => {
    const cancelled: string[] = [];
    const kit = kitWith(
      guardOf(
        () => ALLOW,
        () => {
          throw new Error('cancel bug');
        },
      ),
      guardOf(
        () => ALLOW,
        () => cancelled.push('second'),
      ),
      guardOf(() => ({ action: 'deny', reason: 'no', error: new Error('no') })),
    );
    const result = outcome(() => kit.vitals.callTool('t', () => 1, undefined, []));
    expect((result.error as Error).message).toBe('no');
    expect(cancelled).toEqual(['second']);
  });

  it('nobody is cancelled when every guard allows', () => {
    let cancels = 0;
    const kit = kitWith(
      guardOf(
        () => ALLOW,
        () => cancels++,
      ),
      guardOf(() => ALLOW),
    );
    expect(kit.vitals.callTool('t', () => 1, undefined, [])).toBe(1);
    expect(cancels).toBe(0);
  });
});
