// Median and spread of repeated measurements, shared by the node benchmarks.

/** Median, minimum and maximum of `values`. */
export function summarize(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1] };
}

/** `12.3 (10.1–15.0)`: the median and the spread, with `digits` decimals. */
export function formatSpread(values, digits = 1) {
  const { median, min, max } = summarize(values);
  return `${median.toFixed(digits)} (${min.toFixed(digits)}–${max.toFixed(digits)})`;
}

/** The value after `--name` on the command line, or undefined. */
export function option(name, argv = process.argv) {
  const index = argv.indexOf(`--${name}`);
  return index === -1 ? undefined : argv[index + 1];
}

/** `--out FILE` from the command line, or undefined. */
export const outPath = (argv = process.argv) => option('out', argv);

/** A positive integer option, or `fallback`. */
export function countOption(name, fallback, argv = process.argv) {
  const text = option(name, argv);
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a positive integer`);
  return value;
}
