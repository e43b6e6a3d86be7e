import type { InstrumentKind } from './instrument-kind.js';

/**
 * OpenTelemetry → Prometheus metric names, as the OpenTelemetry Collector's `prometheus` and
 * `prometheusremotewrite` exporters write them by default (`add_metric_suffixes: true`, the
 * `UnderscoreEscapingWithSuffixes` strategy of the Prometheus OTLP translator):
 *
 * - the name is split on every character outside `[a-zA-Z0-9:]` and joined with `_`;
 * - the unit becomes a suffix: UCUM units map to Prometheus base units (`s` → `seconds`,
 *   `By` → `bytes`), unknown units are kept (`USD`), annotations in braces (`{call}`) and `1`
 *   add nothing, `a/b` adds `a_per_b`; a suffix already among the name's words is not repeated;
 * - monotonic counters end in `_total`, gauges of unit `1` in `_ratio`;
 * - a name starting with a digit gets a leading `_`.
 *
 * The direct `/metrics` endpoint of `@agentvitals/node` uses the same function, so a series has
 * one name whichever path it takes to Prometheus.
 */
export function prometheusMetricName(name: string, unit: string, kind: InstrumentKind): string {
  const tokens = name.split(INVALID_NAME_CHARACTER).filter((token) => token !== '');
  const [main, per] = unitSuffixes(unit);
  appendUnitTokens(tokens, cleanUnit(main), cleanUnit(per));
  if (kind === 'counter') appendLast(tokens, 'total');
  if (unit === '1' && kind === 'gauge') appendLast(tokens, 'ratio');
  const joined = tokens.join('_');
  return /^[0-9]/.test(joined) ? `_${joined}` : joined;
}

/** UCUM units the translator maps to Prometheus base-unit words. */
export const PROMETHEUS_UNIT_WORDS: Readonly<Record<string, string>> = {
  d: 'days',
  h: 'hours',
  min: 'minutes',
  s: 'seconds',
  ms: 'milliseconds',
  us: 'microseconds',
  ns: 'nanoseconds',
  By: 'bytes',
  KiBy: 'kibibytes',
  MiBy: 'mebibytes',
  GiBy: 'gibibytes',
  TiBy: 'tibibytes',
  KBy: 'kilobytes',
  MBy: 'megabytes',
  GBy: 'gigabytes',
  TBy: 'terabytes',
  m: 'meters',
  V: 'volts',
  A: 'amperes',
  J: 'joules',
  W: 'watts',
  g: 'grams',
  Cel: 'celsius',
  Hz: 'hertz',
  '1': '',
  '%': 'percent',
};

const PER_UNIT_WORDS: Readonly<Record<string, string>> = {
  s: 'second',
  m: 'minute',
  h: 'hour',
  d: 'day',
  w: 'week',
  mo: 'month',
  y: 'year',
};

const INVALID_NAME_CHARACTER = /[^a-zA-Z0-9:]/;

/** Own entries only: a unit such as `valueOf` or `__proto__` is a unit, not a prototype member. */
const wordOf = (table: Readonly<Record<string, string>>, unit: string): string | undefined =>
  Object.hasOwn(table, unit) ? table[unit] : undefined;

function unitSuffixes(unit: string): [main: string, per: string] {
  const slash = unit.indexOf('/');
  const mainUnit = (slash === -1 ? unit : unit.slice(0, slash)).trim();
  const perUnit = slash === -1 ? '' : unit.slice(slash + 1).trim();
  const plain = (text: string) => text !== '' && !/[{}]/.test(text);
  const main = plain(mainUnit) ? (wordOf(PROMETHEUS_UNIT_WORDS, mainUnit) ?? mainUnit) : '';
  const perWord = plain(perUnit) ? (wordOf(PER_UNIT_WORDS, perUnit) ?? perUnit) : '';
  return [main, perWord === '' ? '' : `per_${perWord}`];
}

function cleanUnit(unit: string): string {
  return unit
    .replace(/[^a-zA-Z0-9:]/g, '_')
    .replace(/_{2,}/g, '_')
    .replace(/^_/, '');
}

function appendUnitTokens(tokens: string[], mainSuffix: string, perSuffix: string): void {
  let main = tokens.includes(mainSuffix) ? '' : mainSuffix;
  let per = perSuffix === 'per_' ? '' : perSuffix.replace(/_$/, '');
  if (tokens.includes(per)) per = '';
  if (per !== '') main = main.replace(/_$/, '');
  if (main !== '') tokens.push(main);
  if (per !== '') tokens.push(per);
}

function appendLast(tokens: string[], word: string): void {
  for (let index = tokens.indexOf(word); index !== -1; index = tokens.indexOf(word)) tokens.splice(index, 1);
  tokens.push(word);
}

/** The label an attribute key becomes: every character outside `[a-zA-Z0-9_]` turns into `_`. */
export function prometheusLabelName(key: string): string {
  const label = key.replace(/[^a-zA-Z0-9_]/g, '_');
  return /^[0-9]/.test(label) ? `key_${label}` : label;
}
