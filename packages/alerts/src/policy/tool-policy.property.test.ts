import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RECOMMENDED_SHELL_COMMANDS } from './shell/recommended-commands.js';
import { createToolPolicy, type ToolPolicyRequest } from './tool-policy.js';

const RUNS = Number(process.env.AGENTVITALS_FUZZ_RUNS) || 200;
/** Time per property, scaled with the number of runs. */
const TIMEOUT = Math.max(20_000, RUNS * 40);

const policy = createToolPolicy({
  defaultAction: 'deny',
  defaultRole: 'coder',
  roles: {
    coder: {
      allow: ['shell', 'fs.*'],
      shell: { tools: ['shell'], commands: RECOMMENDED_SHELL_COMMANDS },
      arguments: { 'fs.*': [{ argument: 'path', pattern: /\.env/ }] },
    },
  },
});

const throwing = (): unknown =>
  new Proxy(
    {},
    {
      get() {
        throw new Error('hostile get');
      },
      ownKeys() {
        throw new Error('hostile keys');
      },
      getOwnPropertyDescriptor() {
        throw new Error('hostile descriptor');
      },
    },
  );
const revoked = (): unknown => {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
};

describe('policy.evaluate on hostile requests', () => {
  it(
    'never throws and always answers allowed or denied with a reason',
    () => {
      // Proxies are built inside the property: fast-check cannot carry them between runs.
      const build = (kind: string, value: unknown): unknown =>
        kind === 'throwing' ? throwing() : kind === 'revoked' ? revoked() : value;
      const kinds = fc.constantFrom('throwing', 'revoked', 'plain', 'plain', 'plain');
      fc.assert(
        fc.property(
          fc.oneof(fc.string(), fc.constantFrom('shell', 'fs.read', 'Shell\u200b'), fc.anything()),
          fc.array(fc.tuple(kinds, fc.oneof(fc.anything(), fc.string(), fc.constant('ls -la')))),
          kinds,
          fc.option(fc.tuple(kinds, fc.anything())),
          (toolName, argSpecs, requestKind, inputSpec) => {
            const args = argSpecs.map(([kind, value]) => build(kind, value));
            const input = inputSpec === null ? {} : { input: build(inputSpec[0], inputSpec[1]) };
            const request = build(requestKind, {
              agentName: 'a',
              toolName,
              args,
              ...input,
            }) as ToolPolicyRequest;
            const verdict = policy.evaluate(request);
            expect(typeof verdict.allowed).toBe('boolean');
            if (!verdict.allowed) expect(verdict.reason.length).toBeGreaterThan(0);
          },
        ),
        { numRuns: RUNS },
      );
    },
    TIMEOUT,
  );
});
