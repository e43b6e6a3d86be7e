const STRING_LITERAL = /"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g;
const LABEL_MATCHERS = /\{[^}]*\}/g;
const RANGES = /\[[^\]]*\]/g;
const GROUPING = /\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g;
const MODIFIERS = /\b(?:offset\s+-?[0-9a-z]+|@\s*[0-9.]+|@\s*(?:start|end)\s*\(\s*\))/g;
const IDENTIFIER = /(?<![\w.:$])[A-Za-z_:][A-Za-z0-9_:]*(?![\w:])/g;
const KEYWORDS = new Set([
  'and',
  'or',
  'unless',
  'bool',
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'offset',
  'inf',
  'nan',
]);

/**
 * The metric names a PromQL expression selects, found lexically: string literals, label matchers,
 * ranges, grouping clauses, function names and keywords are skipped. Grafana variables (`$agent`,
 * `$__rate_interval`) are ignored. Used to check that generated queries only read known series.
 */
export function referencedSeries(expr: string): string[] {
  const stripped = expr
    .replace(STRING_LITERAL, '""')
    .replace(LABEL_MATCHERS, ' ')
    .replace(RANGES, ' ')
    .replace(GROUPING, ' ')
    .replace(MODIFIERS, ' ');
  const names = new Set<string>();
  for (const match of stripped.matchAll(IDENTIFIER)) {
    const name = match[0];
    if (KEYWORDS.has(name.toLowerCase())) continue;
    const rest = stripped.slice((match.index ?? 0) + name.length);
    if (/^\s*\(/.test(rest)) continue;
    names.add(name);
  }
  return [...names].sort();
}
