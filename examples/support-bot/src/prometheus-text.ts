/** One sample of the Prometheus text exposition format. */
export interface Sample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})?\s+(\S+)(\s+\S+)?$/;
const LABEL = /\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*=\s*"((?:[^"\\]|\\.)*)"\s*,?/gy;

const unescapeLabel = (text: string) => text.replace(/\\(["\\n])/g, (_, c: string) => (c === 'n' ? '\n' : c));

const parseValue = (text: string): number => {
  if (text === '+Inf') return Number.POSITIVE_INFINITY;
  if (text === '-Inf') return Number.NEGATIVE_INFINITY;
  return Number(text);
};

/** Parses Prometheus text format 0.0.4; comments and malformed lines are skipped. */
export function parsePrometheusText(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const rawLine of text.split('\n')) {
    const line = rawLine.trim();
    if (line === '' || line.startsWith('#')) continue;
    const match = SAMPLE.exec(line);
    if (!match) continue;
    const labels: Record<string, string> = {};
    const body = match[3] ?? '';
    LABEL.lastIndex = 0;
    let label: RegExpExecArray | null = LABEL.exec(body);
    while (label !== null) {
      labels[label[1] as string] = unescapeLabel(label[2] as string);
      if (LABEL.lastIndex >= body.length) break;
      label = LABEL.exec(body);
    }
    samples.push({ name: match[1] as string, labels, value: parseValue(match[4] as string) });
  }
  return samples;
}

/** The Prometheus label name of an OTel attribute key (`gen_ai.agent.name` → `gen_ai_agent_name`). */
export const labelName = (attribute: string): string => attribute.replace(/[^a-zA-Z0-9_]/g, '_');

/**
 * A quantile from cumulative histogram buckets, interpolated linearly inside the bucket as
 * PromQL's `histogram_quantile` does. NaN when there are no observations.
 */
export function histogramQuantile(
  quantile: number,
  buckets: ReadonlyArray<{ le: number; count: number }>,
): number {
  if (!(quantile >= 0 && quantile <= 1)) return Number.NaN;
  const sorted = [...buckets].sort((a, b) => a.le - b.le);
  const total = sorted.at(-1)?.count ?? 0;
  if (total <= 0) return Number.NaN;
  const rank = quantile * total;
  let previousBound = 0;
  let previousCount = 0;
  for (const bucket of sorted) {
    if (bucket.count >= rank) {
      if (bucket.le === Number.POSITIVE_INFINITY) return previousBound;
      const inBucket = bucket.count - previousCount;
      if (inBucket <= 0) return bucket.le;
      return previousBound + ((bucket.le - previousBound) * (rank - previousCount)) / inBucket;
    }
    previousBound = bucket.le;
    previousCount = bucket.count;
  }
  return previousBound;
}
