/** A label matcher of a PromQL selector. */
export interface LabelMatcher {
  readonly label: string;
  readonly op: '=' | '!=' | '=~' | '!~';
  readonly value: string;
}

/** A PromQL string literal (Go escaping, which JSON's is a subset of). */
export const promqlString = (value: string): string => JSON.stringify(value);

export const equals = (label: string, value: string): LabelMatcher => ({ label, op: '=', value });
export const matches = (label: string, value: string): LabelMatcher => ({ label, op: '=~', value });
export const notMatches = (label: string, value: string): LabelMatcher => ({ label, op: '!~', value });

/** An alternation of literal values for a `=~` matcher. */
export const anyOf = (values: readonly string[]): string =>
  values.map((value) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');

/** `name{label="value", ...}`. */
export function selector(name: string, matchers: readonly LabelMatcher[] = []): string {
  if (matchers.length === 0) return name;
  const body = matchers.map((matcher) => `${matcher.label}${matcher.op}${promqlString(matcher.value)}`);
  return `${name}{${body.join(', ')}}`;
}

const labelList = (labels: readonly string[]): string => `(${labels.join(', ')})`;

/** `sum by (labels) (expr)`. */
export const sumBy = (labels: readonly string[], expr: string): string =>
  `sum by ${labelList(labels)} (${expr})`;

/** `max by (labels) (expr)`. */
export const maxBy = (labels: readonly string[], expr: string): string =>
  `max by ${labelList(labels)} (${expr})`;

/** `group by (labels) (expr)`. */
export const groupBy = (labels: readonly string[], expr: string): string =>
  `group by ${labelList(labels)} (${expr})`;

/** `rate(selector[window])`. */
export const rate = (series: string, window: string): string => `rate(${series}[${window}])`;

/** `increase(selector[window])`. */
export const increase = (series: string, window: string): string => `increase(${series}[${window}])`;

/** `histogram_quantile(q, sum by (labels, le) (rate(bucket[window])))`. */
export const histogramQuantile = (
  quantile: number,
  bucket: string,
  labels: readonly string[],
  window: string,
): string => `histogram_quantile(${quantile}, ${sumBy([...labels, 'le'], rate(bucket, window))})`;

/** `sum by (labels) (rate(numerator)) / sum by (labels) (rate(denominator))`. */
export const ratioOfRates = (
  numerator: string,
  denominator: string,
  labels: readonly string[],
  window: string,
): string => `${sumBy(labels, rate(numerator, window))} / ${sumBy(labels, rate(denominator, window))}`;

/** Prometheus durations as accepted by rule files and range selectors (`90s`, `1h30m`, `500ms`). */
export const PROMETHEUS_DURATION =
  /^(?:[0-9]+y)?(?:[0-9]+w)?(?:[0-9]+d)?(?:[0-9]+h)?(?:[0-9]+m)?(?:[0-9]+s)?(?:[0-9]+ms)?$/;

const DURATION_UNIT_SECONDS: Readonly<Record<string, number>> = {
  y: 365 * 86_400,
  w: 7 * 86_400,
  d: 86_400,
  h: 3_600,
  m: 60,
  s: 1,
  ms: 0.001,
};

/** Seconds in a Prometheus duration; NaN when the text is not one. A bare `0` is one, as in Prometheus. */
export function durationSeconds(duration: string): number {
  if (duration === '0') return 0;
  if (duration === '' || !PROMETHEUS_DURATION.test(duration)) return Number.NaN;
  let seconds = 0;
  for (const [, amount, unit] of duration.matchAll(/([0-9]+)(ms|[ywdhms])/g)) {
    seconds += Number(amount) * (DURATION_UNIT_SECONDS[unit ?? ''] ?? Number.NaN);
  }
  return seconds;
}
