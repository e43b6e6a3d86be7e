import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createToolPolicy, type ToolPolicy } from '../../tool-policy.js';
import { DANGEROUS_SHELL_RULES } from '../dangerous-rules.js';
import { RECOMMENDED_SHELL_COMMANDS } from '../recommended-commands.js';

/**
 * Measures the shell policies on corpora written after the code, from the attacker's side
 * (destructive.txt) and from a developer's (ordinary.txt). The unit tests do not use these
 * files. Reproduce the published figures with:
 *   npx vitest run packages/alerts/src/policy/shell/corpus
 */

interface Entry {
  readonly label: string;
  readonly args: readonly unknown[];
  readonly text?: string;
}

function load(name: string): Entry[] {
  const source = readFileSync(new URL(name, import.meta.url), 'utf8');
  const [, ...entries] = source.split(/\n---\n/);
  return entries.map((raw) => {
    const text = raw.replace(/\n$/, '');
    if (text.startsWith('json:')) return { label: text, args: JSON.parse(text.slice(5)) as unknown[] };
    return { label: text, args: [text], text };
  });
}

const destructive = load('./destructive.txt');
const ordinary = load('./ordinary.txt');
const outOfScope = load('./ordinary-out-of-scope.txt');
/** Written after the first measurement and after every change to the code; see docs/policies.md. */
const destructiveHeldOut = load('./destructive-holdout.txt');
const ordinaryHeldOut = load('./ordinary-holdout.txt');

const POLICIES: Readonly<Record<string, ToolPolicy>> = {
  'recommended allow list': createToolPolicy({
    defaultAction: 'deny',
    defaultRole: 'coder',
    roles: {
      coder: { allow: ['shell'], shell: { tools: ['shell'], commands: RECOMMENDED_SHELL_COMMANDS } },
    },
  }),
  'fail-closed deny rules (no allow list)': createToolPolicy({
    defaultRole: 'coder',
    roles: { coder: { shell: { tools: ['shell'] } } },
  }),
  'DANGEROUS_SHELL_RULES argument rules only': createToolPolicy({
    defaultRole: 'coder',
    roles: { coder: { arguments: { shell: DANGEROUS_SHELL_RULES } } },
  }),
};

const allowedBy = (policy: ToolPolicy, entries: readonly Entry[]) =>
  entries.filter(
    (entry) => policy.evaluate({ agentName: 'agent', toolName: 'shell', args: entry.args }).allowed,
  );

describe('shell policy corpora', () => {
  it('are large enough', () => {
    expect(destructive.length).toBeGreaterThanOrEqual(300);
    expect(ordinary.length).toBeGreaterThanOrEqual(200);
    expect(destructiveHeldOut.length).toBeGreaterThanOrEqual(100);
    expect(ordinaryHeldOut.length).toBeGreaterThanOrEqual(100);
  });

  it.each([
    ['the corpora', destructive, ordinary],
    ['the held-out corpora', destructiveHeldOut, ordinaryHeldOut],
  ])(
    'the recommended allow-list policy allows no destructive command of %s and refuses under 2 %% of ordinary ones',
    (_name, bad, good) => {
      const policy = POLICIES['recommended allow list']!;
      const leaked = allowedBy(policy, bad).map((entry) => entry.label);
      const refused = good.length - allowedBy(policy, good).length;
      expect(leaked).toEqual([]);
      expect(refused / good.length).toBeLessThan(0.02);
    },
  );

  it('reports every policy on every corpus', () => {
    const ratio = (count: number, total: number) =>
      `${count}/${total} (${((100 * count) / total).toFixed(1)} %)`;
    const rows = Object.entries(POLICIES).map(([name, policy]) => {
      const leaked = allowedBy(policy, destructive).length;
      const leakedHeldOut = allowedBy(policy, destructiveHeldOut).length;
      const refused = ordinary.length - allowedBy(policy, ordinary).length;
      const refusedHeldOut = ordinaryHeldOut.length - allowedBy(policy, ordinaryHeldOut).length;
      const refusedOut = outOfScope.length - allowedBy(policy, outOfScope).length;
      return [
        `${name}:`,
        `destructive allowed ${ratio(leaked, destructive.length)}, held-out ${ratio(leakedHeldOut, destructiveHeldOut.length)};`,
        `ordinary refused ${ratio(refused, ordinary.length)}, held-out ${ratio(refusedHeldOut, ordinaryHeldOut.length)};`,
        `out-of-scope refused ${refusedOut}/${outOfScope.length}`,
      ].join(' ');
    });
    console.info(rows.join('\n'));
    expect(rows).toHaveLength(3);
  });

  it('the destructive corpus is valid shell (parsed with bash -n, never run)', () => {
    const bash = spawnSync('bash', ['--version'], { encoding: 'utf8' });
    if (bash.status !== 0) return;
    const texts = [...destructive, ...destructiveHeldOut].flatMap((entry) =>
      entry.text === undefined ? [] : [entry.text],
    );
    const unparsable = texts.filter(
      (text) => spawnSync('bash', ['-n'], { input: text, encoding: 'utf8', timeout: 5_000 }).status !== 0,
    );
    expect(unparsable).toEqual([]);
  });
});
