import { describe, expect, it } from 'vitest';
import { normalizeShellCommand } from './index.js';

describe('normalizeShellCommand', () => {
  it.each([
    ['rm -rf /', [['rm', '-rf', '/']]],
    [`"rm" -rf /`, [['rm', '-rf', '/']]],
    [`r''m -rf /`, [['rm', '-rf', '/']]],
    ['\\rm -rf /', [['rm', '-rf', '/']]],
    ['/usr/bin/rm -rf /', [['rm', '-rf', '/']]],
    [`$'\\x72\\x6d' -rf /`, [['rm', '-rf', '/']]],
    ['X=1 Y=2 rm x', [['rm', 'x']]],
    ['ls\t-l', [['ls', '-l']]],
    [`rm\${IFS}-rf$IFS/`, [['rm', '-rf', '/']]],
    ['{rm,-rf,/}', [['}'], ['rm', '-rf', '/']]],
    ['a=rm; $a x', [[], ['$a', 'x'], ['rm', 'x']]],
    [
      'strace -f rm x',
      [
        ['strace', '-f', 'rm', 'x'],
        ['rm', 'x'],
      ],
    ],
    ['echo rm x', [['echo', 'rm', 'x']]],
    ['ls;rm x', [['ls'], ['rm', 'x']]],
    ['a && b || c | d & e\nf', [['a'], ['b'], ['c'], ['d'], ['e'], ['f']]],
    ['echo hi > /dev/sda 2>&1', [['echo', 'hi', '>/dev/sda', '>&1']]],
    ['ls # ; rm -rf /', [['ls']]],
    ['ls \\\n -l', [['ls', '-l']]],
    ['ｒｍ\u00a0-rf\u3000/', [['rm', '-rf', '/']]],
    ['r\u200bm -rf /', [['rm', '-rf', '/']]],
    ['echo "rm -rf /"', [['echo', 'rm -rf /']]],
    [
      'sudo -u root rm x',
      [
        ['sudo', '-u', 'root', 'rm', 'x'],
        ['rm', 'x'],
      ],
    ],
    ['sh -c "ls; rm x"', [['sh', '-c', 'ls; rm x'], ['ls'], ['rm', 'x']]],
    [
      'ls `rm x`',
      [
        ['ls', '`rm x`'],
        ['rm', 'x'],
      ],
    ],
    [
      'echo "$(rm x)"',
      [
        ['echo', '$(rm x)'],
        ['rm', 'x'],
      ],
    ],
    ['if true; then rm x; fi', [['true'], ['rm', 'x']]],
    ['{ rm x; }', [['rm', 'x']]],
    [
      '(cd /tmp && rm x)',
      [
        ['cd', '/tmp'],
        ['rm', 'x'],
      ],
    ],
    [
      'find . -exec rm {} \\;',
      [
        ['find', '.', '-exec', 'rm', '{}', ';'],
        ['rm', '{}'],
      ],
    ],
    ["cat <<'EOF' | sh\nrm x\nEOF", [['cat'], ['sh'], ['rm', 'x']]],
    ['', []],
  ])('%j → %j', (command, expected) => {
    expect(normalizeShellCommand(command)).toEqual(expected);
  });

  it('never throws, whatever the input', () => {
    for (const input of [
      '"unterminated',
      "'unterminated",
      '$(unterminated',
      '`unterminated',
      `\${`,
      '$((1+',
      ')))(((',
      '<<',
      ';;;&&&|||',
      '\\',
      `${'$('.repeat(500)}rm -rf /${')'.repeat(500)}`,
      'x'.repeat(200_000),
    ]) {
      expect(() => normalizeShellCommand(input)).not.toThrow();
    }
    expect(normalizeShellCommand(42 as unknown as string)).toEqual([]);
  });

  it('parses a long command line quickly', () => {
    const line = Array.from({ length: 2_000 }, (_, index) => `echo ${index} "a b" 'c' $(date)`).join(' && ');
    const started = performance.now();
    expect(normalizeShellCommand(line).length).toBeGreaterThan(2_000);
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});
