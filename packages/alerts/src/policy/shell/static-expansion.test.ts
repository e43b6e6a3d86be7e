import { describe, expect, it } from 'vitest';
import { expandArgv, expandBraces, expandWord, MAX_BRACE_WORDS, staticOutput } from './static-expansion.js';

describe('static shell expansion', () => {
  it('expands comma brace lists, nested, with prefix and suffix', () => {
    expect(expandBraces('{rm,-rf,/}')).toEqual(['rm', '-rf', '/']);
    expect(expandBraces('/bin/{r,}m')).toEqual(['/bin/rm', '/bin/m']);
    expect(expandBraces('a{b,{c,d}}e')).toEqual(['abe', 'ace', 'ade']);
    expect(expandBraces('{}')).toEqual(['{}']);
    expect(expandBraces('{1..3}')).toEqual(['{1..3}']);
    expect(expandBraces(`\${a}`)).toEqual([`\${a}`]);
    expect(expandBraces('{unclosed,')).toEqual(['{unclosed,']);
  });

  it('leaves a brace expansion that would explode as written', () => {
    const bomb = '{a,b}'.repeat(12);
    expect(2 ** 12).toBeGreaterThan(MAX_BRACE_WORDS);
    expect(expandBraces(bomb)).toEqual([bomb]);
  });

  it('knows what echo and printf print, and nothing else', () => {
    expect(staticOutput('echo rm -rf /')).toBe('rm -rf /');
    expect(staticOutput('echo -n rm')).toBe('rm');
    expect(staticOutput('printf "\\x72\\x6d"')).toBe('rm');
    expect(staticOutput('printf "\\162\\155"')).toBe('rm');
    expect(staticOutput('date')).toBeUndefined();
    expect(staticOutput('echo a; echo b')).toBeUndefined();
  });

  it('substitutes known variables and static substitutions only', () => {
    const variables = new Map([['a', 'rm']]);
    expect(expandWord('$a', variables)).toBe('rm');
    expect(expandWord(`\${a}x`, variables)).toBe('rmx');
    expect(expandWord('$b', variables)).toBe('$b');
    expect(expandWord('$(echo rm)', new Map())).toBe('rm');
    expect(expandWord('`echo rm`', new Map())).toBe('rm');
    expect(expandWord('$(date)', new Map())).toBe('$(date)');
  });

  it('builds the expanded argument vector, split as unquoted expansions are', () => {
    expect(expandArgv(['$a', '/'], new Map([['a', 'rm -rf']]))).toEqual(['rm', '-rf', '/']);
    expect(expandArgv(['ls', '-l'], new Map())).toBeUndefined();
  });
});
