import { describe, expect, it } from 'vitest';
import {
  anyOf,
  durationSeconds,
  equals,
  histogramQuantile,
  notMatches,
  promqlString,
  selector,
} from './promql.js';

describe('durationSeconds', () => {
  it.each([
    ['30s', 30],
    ['5m', 300],
    ['1h30m', 5400],
    ['1d', 86_400],
    ['2w', 1_209_600],
    ['1y', 31_536_000],
    ['500ms', 0.5],
    ['0s', 0],
    ['0', 0],
  ])('reads %s as %d seconds', (text, seconds) => {
    expect(durationSeconds(text)).toBe(seconds);
  });

  it.each([[''], ['5'], ['m'], ['5 m'], ['-5m'], ['1.5h'], ['5m1h'], ['5M'], ['abc']])(
    'rejects %j',
    (text) => {
      expect(durationSeconds(text)).toBeNaN();
    },
  );
});

describe('PromQL builders', () => {
  it('quotes label values with escapes', () => {
    expect(promqlString('a"b\\c\n')).toBe('"a\\"b\\\\c\\n"');
    expect(selector('x', [equals('a', 'v"')])).toBe('x{a="v\\""}');
    expect(selector('x')).toBe('x');
  });

  it('escapes regex metacharacters in alternations', () => {
    expect(anyOf(['a.b', 'c|d', 'e'])).toBe('a\\.b|c\\|d|e');
    expect(selector('x', [notMatches('o', anyOf(['denied', 'blocked']))])).toBe('x{o!~"denied|blocked"}');
  });

  it('builds quantiles over the le label', () => {
    expect(histogramQuantile(0.95, 'h_bucket', ['a'], '5m')).toBe(
      'histogram_quantile(0.95, sum by (a, le) (rate(h_bucket[5m])))',
    );
  });
});
