import { describe, expect, it } from 'vitest';
import { createToolPolicy, type ToolPolicyConfig, toolPolicySchema } from './tool-policy.js';

const request = (toolName: string, args: unknown[] = [], agentName = 'bot') => ({
  agentName,
  toolName,
  args,
});

describe('createToolPolicy', () => {
  it('allows everything with an empty configuration', () => {
    expect(createToolPolicy({}).evaluate(request('anything'))).toEqual({ allowed: true });
  });

  it('denies by glob, and deny wins over allow', () => {
    const policy = createToolPolicy({
      defaultRole: 'r',
      roles: { r: { allow: ['fs.*', 'kb.search'], deny: ['fs.delete*'] } },
    });
    expect(policy.evaluate(request('fs.read'))).toEqual({ allowed: true });
    expect(policy.evaluate(request('kb.search'))).toEqual({ allowed: true });
    expect(policy.evaluate(request('fs.deleteTree'))).toEqual({
      allowed: false,
      rule: 'roles.r.deny[0]',
      reason: 'tool "fs.deletetree" matches deny glob "fs.delete*" of role "r"',
    });
  });

  it('decides every list on the canonical tool name', () => {
    const policy = createToolPolicy({
      defaultRole: 'r',
      roles: {
        r: {
          allow: ['shell', 'kb.search'],
          deny: ['shell'],
          arguments: { 'kb.*': [{ pattern: /secret/ }] },
        },
      },
    });
    for (const name of [
      'shell',
      'Shell',
      'SHELL',
      'ｓｈｅｌｌ',
      'shell\u200b',
      ' shell',
      'sh\u00adell',
      '"shell"',
    ])
      expect(policy.evaluate(request(name)), name).toMatchObject({ allowed: false, rule: 'roles.r.deny[0]' });
    expect(policy.evaluate(request('KB.Search', ['secret']))).toMatchObject({
      allowed: false,
      rule: 'roles.r.arguments["kb.*"][0]',
    });
    const allowOnly = createToolPolicy({ defaultRole: 'r', roles: { r: { allow: ['kb.search'] } } });
    expect(allowOnly.evaluate(request('kb.search')).allowed).toBe(true);
    expect(allowOnly.evaluate(request('KB.search')).allowed).toBe(true);
    expect(allowOnly.evaluate(request('kb.search\u200b')).allowed).toBe(true);
    expect(allowOnly.evaluate(request('kb.s\u0435arch')).allowed).toBe(false);
    expect(allowOnly.evaluate(request(''))).toMatchObject({ allowed: false, rule: 'tool-name' });
    expect(allowOnly.evaluate({ agentName: 'a', toolName: 42 as unknown as string, args: [] }).allowed).toBe(
      false,
    );
  });

  it('treats an allow list as "only these"', () => {
    const policy = createToolPolicy({ defaultRole: 'r', roles: { r: { allow: ['kb.*'] } } });
    expect(policy.evaluate(request('kb.search')).allowed).toBe(true);
    expect(policy.evaluate(request('shell'))).toEqual({
      allowed: false,
      rule: 'roles.r.allow',
      reason: 'tool "shell" is not in the allow list of role "r"',
    });
    expect(policy.evaluate(request('kb')).allowed).toBe(false);
  });

  it('gives each agent its role and falls back to defaultRole', () => {
    const policy = createToolPolicy({
      roles: { support: { allow: ['kb.*', 'ticket.*'] }, coder: { deny: ['payments.*'] } },
      agents: { 'support-bot': 'support', 'code-bot': 'coder' },
      defaultRole: 'support',
    });
    expect(policy.evaluate(request('shell', [], 'support-bot')).allowed).toBe(false);
    expect(policy.evaluate(request('shell', [], 'code-bot')).allowed).toBe(true);
    expect(policy.evaluate(request('payments.refund', [], 'code-bot')).allowed).toBe(false);
    expect(policy.evaluate(request('shell', [], 'unknown-bot')).allowed).toBe(false);
    expect(policy.evaluate(request('kb.search', [], 'unknown-bot')).allowed).toBe(true);
  });

  it('does not resolve roles through inherited object properties', () => {
    const policy = createToolPolicy({
      defaultAction: 'deny',
      roles: { r: { allow: ['*'] } },
      agents: { bot: 'r' },
    });
    for (const agentName of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      expect(policy.evaluate(request('x', [], agentName)).allowed).toBe(false);
    }
  });

  it('default-deny: agents without a role and tools no allow list names are denied', () => {
    const policy = createToolPolicy({
      defaultAction: 'deny',
      roles: { reader: { allow: ['fs.read'] }, open: { deny: ['shell'] } },
      agents: { reader: 'reader', open: 'open' },
    });
    expect(policy.evaluate(request('fs.read', [], 'reader')).allowed).toBe(true);
    expect(policy.evaluate(request('fs.read', [], 'stranger'))).toEqual({
      allowed: false,
      rule: 'defaultAction',
      reason: 'no role applies to agent "stranger" and the default action is deny',
    });
    expect(policy.evaluate(request('fs.read', [], 'open'))).toEqual({
      allowed: false,
      rule: 'defaultAction',
      reason: 'tool "fs.read" is not allowed for role "open" and the default action is deny',
    });
    expect(policy.evaluate(request('shell', [], 'open')).allowed).toBe(false);
  });

  it('denies, never throws, when a predicate throws', () => {
    const policy = createToolPolicy({
      defaultRole: 'r',
      roles: {
        r: {
          arguments: {
            '*': [
              {
                name: 'fragile',
                predicate: () => {
                  throw new Error('boom');
                },
              },
            ],
          },
        },
      },
    });
    const verdict = policy.evaluate(request('x', ['a']));
    expect(verdict).toEqual({
      allowed: false,
      rule: 'roles.r.arguments["*"].fragile',
      reason: 'tool "x": an argument is rejected by predicate "fragile" (the rule\'s predicate threw: boom)',
    });
  });

  it('denies, never throws, when reading an argument throws', () => {
    const policy = createToolPolicy({
      defaultRole: 'r',
      roles: { r: { arguments: { '*': [{ argument: 'path', pattern: /x/ }] } } },
    });
    const hostile = {
      get path(): string {
        throw new Error('getter');
      },
    };
    expect(policy.evaluate(request('x', [hostile]))).toEqual({
      allowed: false,
      rule: 'policy-error',
      reason: 'the tool policy could not evaluate this call',
    });
  });

  it('finds a string in a boxed string, a Map or a Set, and in arguments that are not a list', () => {
    const policy = createToolPolicy({
      defaultRole: 'r',
      roles: { r: { arguments: { '*': [{ pattern: /rm -rf/ }] } } },
    });
    for (const args of [
      [new String('rm -rf /')],
      [new Map([['command', 'rm -rf /']])],
      [new Map([['rm -rf /', true]])],
      [new Set(['rm -rf /'])],
      [{ options: new Map([['script', 'rm -rf ~']]) }],
    ]) {
      expect(policy.evaluate(request('shell', args)).allowed).toBe(false);
    }
    expect(policy.evaluate({ agentName: 'bot', toolName: 'shell', args: 'rm -rf /' as never }).allowed).toBe(
      false,
    );
    expect(
      policy.evaluate(request('shell', [new String('ls'), new Map([['k', 'v']]), new Set()])).allowed,
    ).toBe(true);
  });

  it('only a predicate returning exactly true denies', () => {
    const policy = createToolPolicy({
      defaultRole: 'r',
      roles: { r: { arguments: { '*': [{ predicate: () => 'yes' as unknown as boolean }] } } },
    });
    expect(policy.evaluate(request('x', ['a'])).allowed).toBe(true);
  });

  it('rejects a bad configuration with one error listing every bad field', () => {
    const bad = {
      defaultAction: 'maybe',
      roles: {
        r: {
          allow: ['ok', ''],
          deny: 'shell',
          arguments: { shell: [{ pattern: '(' }, { argument: 'a..b', predicate: 'no' }, {}], '': [] },
          extra: true,
        },
      },
      agents: { bot: 'missing' },
      defaultRole: 'nowhere',
      typo: 1,
    };
    let message = '';
    try {
      createToolPolicy(bad as unknown as ToolPolicyConfig);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^Invalid tool policy configuration:/);
    for (const field of [
      'defaultAction',
      'roles.r.allow[1]',
      'roles.r.deny',
      'roles.r.arguments.shell[0].pattern',
      'roles.r.arguments.shell[1].argument',
      'roles.r.arguments.shell[1].predicate',
      'roles.r.arguments.shell[2]',
      'roles.r',
      '(root)',
    ]) {
      expect(message).toContain(`  - ${field}:`);
    }
  });

  it('reports roles that agents and defaultRole name but do not exist', () => {
    expect(() => createToolPolicy({ roles: { a: {} }, agents: { bot: 'b' }, defaultRole: 'c' })).toThrow(
      /agents\.bot: names an undefined role "b"[\s\S]*defaultRole: names an undefined role "c"/,
    );
  });

  it.each([null, undefined, 42, 'policy', []])(
    'rejects a configuration that is not an object: %o',
    (config) => {
      expect(() => createToolPolicy(config as unknown as ToolPolicyConfig)).toThrow(
        /Invalid tool policy configuration/,
      );
    },
  );

  it('exposes the zod schema', () => {
    expect(toolPolicySchema.safeParse({ defaultAction: 'deny' }).success).toBe(true);
    expect(toolPolicySchema.safeParse({ defaultAction: 'nope' }).success).toBe(false);
  });

  it('evaluates quickly', () => {
    const policy = createToolPolicy({
      defaultRole: 'r',
      roles: {
        r: {
          allow: ['fs.*', 'kb.*', 'shell'],
          deny: ['fs.delete*'],
          arguments: { 'fs.*': [{ argument: 'path', pattern: /^\/etc/ }] },
        },
      },
    });
    const started = performance.now();
    for (let index = 0; index < 20_000; index += 1)
      policy.evaluate(request('fs.read', [{ path: `/home/${index}` }]));
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});
