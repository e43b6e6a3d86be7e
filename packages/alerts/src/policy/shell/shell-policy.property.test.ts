import { canonicalToolName } from '@agentvitals/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createToolPolicy } from '../tool-policy.js';
import { compileCommandAllowList } from './command-allow-list.js';
import { lexShell, ShellNestingError } from './lexer.js';
import { RECOMMENDED_SHELL_COMMANDS } from './recommended-commands.js';
import { createShellVerifier } from './verify-shell.js';

const RUNS = Number(process.env.AGENTVITALS_FUZZ_RUNS) || 200;
/** Time per property, scaled with the number of runs. */
const TIMEOUT = Math.max(20_000, RUNS * 40);
const failClosed = createShellVerifier();
const allowList = createShellVerifier({ commands: compileCommandAllowList(RECOMMENDED_SHELL_COMMANDS) });

/** Text made of shell-significant characters, so the lexer meets every construct. */
const shellText = fc.string({
  unit: fc.constantFrom(
    ...'ab rm-f/~$(){}[]`\'"\\|&;<>*?!#=\n\t:.,@%^+0123456789'.split(''),
    '$((',
    '${',
    '<<',
    '<<<',
    '\u200b',
    'ｒ',
  ),
  maxLength: 80,
});

describe('shell lexer and verifier properties', () => {
  it(
    'the lexer never throws except for its nesting limit',
    () => {
      fc.assert(
        fc.property(fc.oneof(shellText, fc.string({ maxLength: 200 })), (text) => {
          try {
            lexShell(text);
          } catch (error) {
            expect(error).toBeInstanceOf(ShellNestingError);
          }
        }),
        { numRuns: RUNS * 5 },
      );
    },
    TIMEOUT,
  );

  it(
    'the verifier never throws and always answers with a reason or nothing',
    () => {
      fc.assert(
        fc.property(fc.oneof(shellText, fc.string({ maxLength: 200 })), (text) => {
          for (const verifier of [failClosed, allowList]) {
            const denial = verifier.verify(text);
            if (denial !== undefined) {
              expect(typeof denial.check).toBe('string');
              expect(denial.reason.length).toBeGreaterThan(0);
            }
          }
        }),
        { numRuns: RUNS * 5 },
      );
    },
    TIMEOUT,
  );

  it(
    'any command with a command substitution is denied in fail-closed mode',
    () => {
      const word = fc.stringMatching(/^[a-z][a-z0-9./-]{0,8}$/);
      const body = fc.oneof(shellText, word);
      const substitution = fc.oneof(
        body.map((inner) => `$(${inner})`),
        body.filter((inner) => !inner.includes('`') && !inner.includes('\\')).map((inner) => `\`${inner}\``),
      );
      const processSubstitution = body.map((inner) => `<(${inner})`);
      const placement = fc.tuple(
        word,
        substitution,
        fc.constantFrom('plain', 'double', 'default', 'arith', 'prefix'),
      );
      fc.assert(
        fc.property(
          fc.oneof(placement, fc.tuple(word, processSubstitution, fc.constant('plain'))),
          ([program, sub, where]) => {
            const text =
              where === 'plain'
                ? `${program} ${sub}`
                : where === 'double'
                  ? `${program} "x${sub}"`
                  : where === 'default'
                    ? `${program} \${x:-${sub}}`
                    : where === 'arith'
                      ? `${program} $(( ${sub} ))`
                      : `${sub} ${program}`;
            expect(failClosed.verify(text)).toBeDefined();
            expect(allowList.verify(text)).toBeDefined();
          },
        ),
        { numRuns: RUNS },
      );
    },
    TIMEOUT,
  );

  it(
    'quoting a denied command differently is still denied',
    () => {
      const denied = [
        ['rm', '-rf', '~'],
        ['rm', '-r', '/'],
        ['dd', 'if=/dev/zero', 'of=/dev/sda'],
        ['mkfs.ext4', '/dev/sda1'],
        ['shred', '-u', 'notes.txt'],
        ['git', 'clean', '-fdx'],
        ['xargs', 'rm'],
        ['python3', '-c', 'print(1)'],
        ['bash', '-c', 'rm -rf ~'],
      ];
      const quoteChar = (char: string, style: number): string => {
        if (style === 0) return `\\${char}`;
        if (style === 1) return `'${char}'`;
        if (style === 2) return `"${char}"`;
        if (style === 3) return `$'\\x${char.charCodeAt(0).toString(16).padStart(2, '0')}'`;
        return char === '~' ? char : `''${char}`;
      };
      const requote = (word: string, styles: readonly number[]) =>
        [...word]
          .map((char, index) => {
            const style = styles[index % styles.length]!;
            // A quoted `~` is a literal file name, not the home directory: keep it bare.
            if (char === '~') return char;
            if (char === ' ') return style % 2 === 0 ? "' '" : '" "';
            return style === 5 ? char : quoteChar(char, style);
          })
          .join('');
      fc.assert(
        fc.property(
          fc.constantFrom(...denied),
          fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 6 }),
          fc.constantFrom(' ', '\t', ' \\\n '),
          (argv, styles, separator) => {
            const text = argv.map((word) => requote(word, styles)).join(separator);
            expect(failClosed.verify(text), text).toBeDefined();
            expect(allowList.verify(text), text).toBeDefined();
          },
        ),
        { numRuns: RUNS },
      );
    },
    TIMEOUT,
  );

  it(
    'a command line given in any decoded shape gets the same verdict',
    () => {
      const policy = createToolPolicy({
        defaultRole: 'r',
        roles: { r: { shell: { tools: ['shell'], commands: RECOMMENDED_SHELL_COMMANDS } } },
      });
      const commands = fc.constantFrom(
        'git status',
        'ls -la',
        'rm -rf ~',
        'echo $(id)',
        'npm test',
        'curl x | sh',
      );
      fc.assert(
        fc.property(commands, fc.constantFrom('', ' ', '\n  '), (command, space) => {
          const expected = policy.evaluate({ agentName: 'a', toolName: 'shell', args: [command] }).allowed;
          const json = `{${space}"command":${space}${JSON.stringify(command)}${space}}`;
          const shapes: unknown[][] = [
            [json],
            [{ command }],
            [{ type: 'function', function: { name: 'shell', arguments: json } }],
            [{ type: 'function_call', name: 'shell', arguments: json }],
          ];
          for (const args of shapes)
            expect(
              policy.evaluate({ agentName: 'a', toolName: 'shell', args }).allowed,
              JSON.stringify(args),
            ).toBe(expected);
        }),
        { numRuns: RUNS },
      );
    },
    TIMEOUT,
  );

  it(
    'tool names are decided in canonical form',
    () => {
      const policy = createToolPolicy({ roles: { r: { deny: ['shell'] } }, defaultRole: 'r' });
      const disguise = fc.array(fc.constantFrom('\u200b', '\u00ad', '\u2060', '\ufeff', ' ', ''), {
        minLength: 5,
        maxLength: 5,
      });
      fc.assert(
        fc.property(
          disguise,
          fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }),
          fc.boolean(),
          (gaps, upper, wide) => {
            const name = [...'shell']
              .map((char, index) => {
                const cased = upper[index] ? char.toUpperCase() : char;
                const shown = wide ? String.fromCharCode(cased.charCodeAt(0) + 0xfee0) : cased;
                return index === 0 ? shown : `${gaps[index]}${shown}`.replace(/^ /, '');
              })
              .join('');
            expect(canonicalToolName(name)).toBe('shell');
            expect(
              policy.evaluate({ agentName: 'a', toolName: ` ${name}${gaps[0]}`, args: [] }).allowed,
            ).toBe(false);
          },
        ),
        { numRuns: RUNS },
      );
    },
    TIMEOUT,
  );

  it(
    'a denial never carries an argument value',
    () => {
      const policy = createToolPolicy({
        defaultRole: 'r',
        roles: { r: { shell: { tools: ['shell'], commands: RECOMMENDED_SHELL_COMMANDS } } },
      });
      const secret = fc.stringMatching(/^[A-Za-z0-9]{14,24}$/).map((text) => `tok${text}`);
      const shapes = [
        (s: string) => `rm -rf /home/${s}`,
        (s: string) => `${s} status`,
        (s: string) => `git ${s} --exec=x`,
        (s: string) => `curl -o /home/x/${s} http://localhost`,
        (s: string) => `npx tsc --${s}=/etc`,
        (s: string) => `python3 -c "${s}"`,
        (s: string) => `echo $(${s})`,
        (s: string) => `cat ${s} | sh`,
        (s: string) => `X${s}=1 LD_PRELOAD=${s} ls`,
      ];
      fc.assert(
        fc.property(secret, fc.constantFrom(...shapes), (value, shape) => {
          const verdict = policy.evaluate({ agentName: 'a', toolName: 'shell', args: [shape(value)] });
          expect(verdict.allowed).toBe(false);
          if (!verdict.allowed) expect(verdict.reason).not.toContain(value);
        }),
        { numRuns: RUNS },
      );
    },
    TIMEOUT,
  );
});
