import { describe, expect, it } from 'vitest';
import { quoteYamlString, toYaml } from './yaml.js';

describe('toYaml', () => {
  it('writes nested mappings and sequences in block style', () => {
    const text = toYaml({
      groups: [{ name: 'agentvitals', rules: [{ alert: 'A', for: '5m', labels: { severity: 'warning' } }] }],
    });
    expect(text).toBe(
      [
        'groups:',
        '  - name: agentvitals',
        '    rules:',
        '      - alert: A',
        '        for: 5m',
        '        labels:',
        '          severity: warning',
        '',
      ].join('\n'),
    );
  });

  it('writes sequences of scalars, nested sequences and empty collections', () => {
    expect(toYaml({ a: [1, 'x', true, null], b: [], c: {}, d: [[1, 2]] })).toBe(
      ['a:', '  - 1', '  - x', '  - true', '  - null', 'b: []', 'c: {}', 'd:', '  - - 1', '    - 2', ''].join(
        '\n',
      ),
    );
    expect(toYaml([])).toBe('[]\n');
    expect(toYaml({})).toBe('{}\n');
    expect(toYaml('plain')).toBe('plain\n');
  });

  it('writes non-finite and negative-zero numbers as YAML understands them', () => {
    expect(
      toYaml({ a: Number.NaN, b: Number.POSITIVE_INFINITY, c: Number.NEGATIVE_INFINITY, d: -0, e: 1e21 }),
    ).toBe('a: .nan\nb: .inf\nc: -.inf\nd: 0\ne: 1e+21\n');
  });

  it('leaves identifiers, words and durations plain', () => {
    expect(
      toYaml({ a: 'AgentCostSpike', b: 'gen_ai_agent_name', c: '1h30m', d: 'Agent Vitals', e: '500ms' }),
    ).toBe('a: AgentCostSpike\nb: gen_ai_agent_name\nc: 1h30m\nd: Agent Vitals\ne: 500ms\n');
  });

  it.each([
    ['true'],
    ['No'],
    ['on'],
    ['null'],
    ['~'],
    ['123'],
    ['1e3'],
    ['0x1F'],
    ['-1'],
    ['.inf'],
    [''],
    [' leading'],
    ['trailing '],
    ['a: b'],
    ['a #comment'],
    ['{{ $value }}'],
    ['[x]'],
    ['*anchor'],
    ['&ref'],
    ['!tag'],
    ['%directive'],
    ['@at'],
    ['`tick'],
    ["it's"],
    ['- dash'],
    ['? key'],
    ['|'],
    ['>'],
  ])('quotes %j so that it stays a string', (value) => {
    const line = toYaml({ key: value }).trimEnd();
    expect(line).not.toBe(`key: ${value}`);
    expect(line).toMatch(/^key: ['"]/);
  });

  it('single-quotes printable text, doubling single quotes', () => {
    expect(toYaml({ expr: `up{job="a"} == 0` })).toBe(`expr: 'up{job="a"} == 0'\n`);
    expect(toYaml({ text: "the agent's loop" })).toBe(`text: 'the agent''s loop'\n`);
  });

  it('double-quotes and escapes control, separator and lone surrogate characters', () => {
    expect(quoteYamlString('a"b\\c')).toBe('"a\\"b\\\\c"');
    expect(quoteYamlString('line\nnext\ttab\r\u0000\u0007\b\u000b\f\u001b')).toBe(
      '"line\\nnext\\ttab\\r\\0\\a\\b\\v\\f\\e"',
    );
    expect(quoteYamlString('\u0085\u2028\u2029\u007f\u0001\ufeff')).toBe('"\\N\\L\\P\\u007f\\u0001\\ufeff"');
    expect(quoteYamlString('\ud800x\udc00')).toBe('"\\ud800x\\udc00"');
    expect(toYaml({ k: 'a\nb' })).toBe('k: "a\\nb"\n');
  });

  it('keeps printable unicode, including astral characters, unescaped', () => {
    expect(toYaml({ k: 'café 😀: ok' })).toBe("k: 'café 😀: ok'\n");
  });

  it('quotes keys that are not plain-safe', () => {
    expect(toYaml({ 'a: b': 1, true: 2 })).toBe(`'a: b': 1\n'true': 2\n`);
  });
});
