import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  createGuard,
  createToolPolicy,
  RECOMMENDED_SHELL_COMMANDS,
  type ToolPolicy,
} from '../../../index.js';

/**
 * A second held-out measurement, written from the attacker's side against the documented
 * allow list only (docs/policies.md), before reading the implementation: argument
 * injection into allowed programs, environment and redirection tricks, quoting and
 * control characters, each command sent in every call shape the docs list and under
 * disguised spellings of the tool name. Reproduce with:
 *   npx vitest run packages/alerts/src/policy/shell/corpus/attack-corpus.test.ts
 */

/** One command per line; `#` lines are comments; a line starting with `json:` is a JSON string. */
function load(name: string): string[] {
  return readFileSync(new URL(name, import.meta.url), 'utf8')
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => (line.startsWith('json:') ? (JSON.parse(line.slice(5)) as string) : line));
}

const destructive = load('./destructive-attack.txt');
const ordinary = load('./ordinary-attack.txt');
const exfiltration = load('./exfil-attack.txt');

/** Spellings that canonicalise to `shell`; an allow list must still run the shell policy on them. */
const TOOL_NAMES = [
  'shell',
  'Shell',
  'SHELL',
  '\uff53\uff48\uff45\uff4c\uff4c',
  'shell\u200b',
  'sh\u00adell',
  ' "shell" ',
];

/** The call shapes of docs/policies.md, each carrying `command`. */
const shapes = (command: string): readonly (readonly unknown[])[] => {
  const json = JSON.stringify({ command });
  return [
    [command],
    [json],
    [{ type: 'function', function: { name: 'shell', arguments: json } }],
    [{ type: 'function_call', name: 'shell', call_id: 'c1', arguments: JSON.stringify({ cmd: command }) }],
    [{ type: 'tool_use', id: 't1', name: 'shell', input: { command } }],
    [{ command }, { toolCallId: 'c1', messages: [] }],
  ];
};

const recommended = createToolPolicy({
  defaultAction: 'deny',
  defaultRole: 'coder',
  roles: { coder: { allow: ['shell'], shell: { tools: ['shell'], commands: RECOMMENDED_SHELL_COMMANDS } } },
});
const denyRules = createToolPolicy({
  defaultRole: 'coder',
  roles: { coder: { shell: { tools: ['shell'] } } },
});
const POLICIES: Readonly<Record<string, ToolPolicy>> = {
  'recommended allow list': recommended,
  'deny-rules mode': denyRules,
};

/** bash -n reads NUL, vertical tab, form feed and U+2028 differently from a tool's shell; those lines are skipped. */
const UNPARSED_BY_BASH = new Set(['\u0000', '\u000b', '\u000c', '\u2028']);

const guard = createGuard({ policy: recommended });

/** Allowed in at least one shape, under at least one tool-name spelling. */
const allowedSomehow = (policy: ToolPolicy, command: string): boolean =>
  TOOL_NAMES.some((toolName) =>
    shapes(command).some((args) => policy.evaluate({ agentName: 'code-bot', toolName, args }).allowed),
  );
/** Allowed as a plain string under the real name. */
const allowedPlain = (policy: ToolPolicy, command: string): boolean =>
  policy.evaluate({ agentName: 'code-bot', toolName: 'shell', args: [command] }).allowed;

describe('attack corpus (held out)', () => {
  it('is large enough and new', () => {
    expect(destructive.length).toBeGreaterThanOrEqual(400);
    expect(ordinary.length).toBeGreaterThanOrEqual(150);
  });

  it('the recommended allow list allows no destructive command, in any shape or tool-name spelling', () => {
    expect(destructive.filter((command) => allowedSomehow(recommended, command))).toEqual([]);
  });

  it('the guard denies every destructive command given as a decoded input', () => {
    const leaked = destructive.filter(
      (command) =>
        guard.check({ kind: 'tool', agentName: 'code-bot', toolName: 'Shell', args: [], input: { command } })
          .action === 'allow',
    );
    expect(leaked).toEqual([]);
  });

  it('a look-alike tool name from another alphabet is not on the allow list', () => {
    const verdict = recommended.evaluate({ agentName: 'code-bot', toolName: 'sh\u0435ll', args: ['ls'] });
    expect(verdict).toMatchObject({ allowed: false, rule: 'roles.coder.allow' });
  });

  it('gives every ordinary command the same verdict in every shape and spelling', () => {
    const inconsistent = ordinary.filter((command) => {
      const plain = allowedPlain(recommended, command);
      return TOOL_NAMES.some((toolName) =>
        shapes(command).some(
          (args) => recommended.evaluate({ agentName: 'code-bot', toolName, args }).allowed !== plain,
        ),
      );
    });
    expect(inconsistent).toEqual([]);
  });

  it('the recommended allow list refuses under 3 % of ordinary commands', () => {
    const refused = ordinary.filter((command) => !allowedPlain(recommended, command));
    expect(refused.length / ordinary.length).toBeLessThan(0.03);
  });

  it('reports both modes', () => {
    const ratio = (count: number, total: number) =>
      `${count}/${total} (${((100 * count) / total).toFixed(1)} %)`;
    const lines = Object.entries(POLICIES).flatMap(([name, policy]) => {
      const leaked = destructive.filter((command) => allowedSomehow(policy, command));
      const refused = ordinary.filter((command) => !allowedPlain(policy, command));
      const exfil = exfiltration.filter((command) => allowedSomehow(policy, command));
      return [
        `${name}: destructive allowed ${ratio(leaked.length, destructive.length)}; ordinary refused ${ratio(refused.length, ordinary.length)}; exfiltration allowed ${exfil.length}/${exfiltration.length}`,
        ...leaked.map((command) => `  allowed: ${JSON.stringify(command)}`),
        ...refused.map((command) => `  refused: ${JSON.stringify(command)}`),
        ...exfil.map((command) => `  exfiltration allowed: ${JSON.stringify(command)}`),
      ];
    });
    console.info(lines.join('\n'));
    expect(lines.length).toBeGreaterThanOrEqual(2);
  });

  it('the destructive corpus is valid shell (parsed with bash -n, never run)', () => {
    const bash = spawnSync('bash', ['--version'], { encoding: 'utf8' });
    if (bash.status !== 0) return;
    const unparsable = destructive.filter(
      (text) =>
        ![...text].some((char) => UNPARSED_BY_BASH.has(char)) &&
        spawnSync('bash', ['-n'], { input: text, encoding: 'utf8', timeout: 5_000 }).status !== 0,
    );
    expect(unparsable).toEqual([]);
  });
});
