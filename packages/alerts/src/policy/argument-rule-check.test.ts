import { describe, expect, it } from 'vitest';
import { createToolPolicy, type ToolPolicyConfig } from './tool-policy.js';

const request = (toolName: string, args: unknown[] = [], agentName = 'bot') => ({
  agentName,
  toolName,
  args,
});

describe('argument rules', () => {
  const config: ToolPolicyConfig = {
    defaultRole: 'r',
    roles: {
      r: {
        arguments: {
          'fs.*': [
            { argument: 'path', pattern: /^\/etc\//, reason: 'system configuration is off limits' },
            { argument: 'options.mode', pattern: '^0?7' },
            {
              argument: 'size',
              predicate: (value) => typeof value === 'number' && value > 1_000_000,
              name: 'size',
            },
          ],
          'http.get': [{ pattern: /169\.254\.169\.254/g }],
          'db.query': [
            { predicate: (value) => typeof value === 'string' && /\bdrop\s+table\b/i.test(value) },
          ],
        },
      },
    },
  };
  const policy = createToolPolicy(config);

  it('denies on a named argument pattern, with the rule path and reason', () => {
    expect(policy.evaluate(request('fs.write', [{ path: '/etc/passwd' }]))).toEqual({
      allowed: false,
      rule: 'roles.r.arguments["fs.*"][0]',
      reason: 'tool "fs.write": system configuration is off limits',
    });
    expect(policy.evaluate(request('fs.write', [{ path: '/home/me/notes' }])).allowed).toBe(true);
  });

  it('reads dotted paths and own properties only', () => {
    expect(policy.evaluate(request('fs.chmod', [{ options: { mode: '0777' } }])).allowed).toBe(false);
    expect(policy.evaluate(request('fs.chmod', [{ options: { mode: '0644' } }])).allowed).toBe(true);
    expect(policy.evaluate(request('fs.chmod', [{ options: { mode: 777 } }])).allowed).toBe(false);
    const inherited = Object.create({ path: '/etc/shadow' });
    expect(policy.evaluate(request('fs.read', [inherited])).allowed).toBe(true);
    expect(policy.evaluate(request('fs.read', ['first', { path: '/etc/x' }])).allowed).toBe(false);
  });

  it('runs predicates on named arguments', () => {
    const denied = policy.evaluate(request('fs.write', [{ path: '/tmp/x', size: 5_000_000 }]));
    expect(denied).toEqual({
      allowed: false,
      rule: 'roles.r.arguments["fs.*"].size',
      reason: 'tool "fs.write": argument "size" is rejected by predicate "size"',
    });
    expect(policy.evaluate(request('fs.write', [{ path: '/tmp/x', size: 10 }])).allowed).toBe(true);
    expect(policy.evaluate(request('fs.write', [{ path: '/tmp/x', size: Number.NaN }])).allowed).toBe(true);
    expect(
      policy.evaluate(request('fs.write', [{ path: '/tmp/x', size: Number.POSITIVE_INFINITY }])).allowed,
    ).toBe(false);
  });

  it('tests every string argument when no argument is named, including nested ones', () => {
    expect(policy.evaluate(request('http.get', ['http://169.254.169.254/latest'])).allowed).toBe(false);
    expect(policy.evaluate(request('http.get', [{ url: 'http://169.254.169.254/' }])).allowed).toBe(false);
    expect(policy.evaluate(request('http.get', [{ urls: ['a', 'http://169.254.169.254/'] }])).allowed).toBe(
      false,
    );
    expect(policy.evaluate(request('db.query', ['DROP  TABLE users'])).allowed).toBe(false);
    expect(policy.evaluate(request('db.query', ['select 1'])).allowed).toBe(true);
  });

  it('strips the g flag so repeated evaluations agree', () => {
    for (let round = 0; round < 5; round += 1) {
      expect(policy.evaluate(request('http.get', ['http://169.254.169.254/'])).allowed).toBe(false);
    }
  });

  it('ignores argument rules of other tools', () => {
    expect(policy.evaluate(request('kb.search', [{ path: '/etc/passwd' }])).allowed).toBe(true);
  });

  it('denies when the arguments are too large to inspect', () => {
    const huge = Array.from({ length: 10_000 }, () => 'x');
    expect(policy.evaluate(request('http.get', [huge])).allowed).toBe(false);
    let deep: unknown = 'x';
    for (let level = 0; level < 40; level += 1) deep = { deep };
    expect(policy.evaluate(request('http.get', [deep])).allowed).toBe(false);
  });

  it('copes with cyclic arguments, odd values and a bad request', () => {
    const cyclic: Record<string, unknown> = { url: 'ok' };
    cyclic.self = cyclic;
    expect(() => policy.evaluate(request('http.get', [cyclic]))).not.toThrow();
    const odd = [null, undefined, Number.NaN, -0, 10n, Symbol('s'), () => 1, new Uint8Array(4), new Date(0)];
    expect(policy.evaluate(request('http.get', odd))).toEqual({ allowed: true });
    expect(policy.evaluate({ agentName: 'bot', toolName: 'http.get', args: undefined as never })).toEqual({
      allowed: true,
    });
  });
});
