/** Most nodes visited when canonicalising one value; the rest is summarised, so the cost is bounded. */
const MAX_NODES = 2_000;
const MAX_DEPTH = 12;
/** Longest string read; longer ones are compared by this prefix and their length. */
const MAX_STRING = 65_536;
const NUMERIC = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;
/** Punctuation that does not change what a call asks for: trailing `?`, `!`, `.`, quotes. */
const EDGE_PUNCTUATION = /^[\s"'`.,;:!?]+|[\s"'`.,;:!?]+$/g;

function canonicalString(text: string, budget: { nodes: number }, depth: number): string {
  const trimmed = (text.length > MAX_STRING ? `${text.slice(0, MAX_STRING)}…${text.length}` : text).trim();
  if (
    (trimmed.startsWith('{') && trimmed.endsWith('}')) ||
    (trimmed.startsWith('[') && trimmed.endsWith(']'))
  ) {
    try {
      return canonical(JSON.parse(trimmed), budget, depth, new WeakSet());
    } catch {
      // not JSON: fall through to text normalisation
    }
  }
  if (NUMERIC.test(trimmed)) return canonicalNumber(Number(trimmed));
  const normalised = trimmed
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(EDGE_PUNCTUATION, '');
  return JSON.stringify(normalised);
}

function canonicalNumber(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (Object.is(value, -0)) return '0';
  return String(value);
}

function canonicalItems(
  items: ArrayLike<unknown>,
  budget: { nodes: number },
  depth: number,
  seen: WeakSet<object>,
): string[] {
  const out: string[] = [];
  for (let i = 0; i < items.length; i++) {
    if (budget.nodes < 0) {
      out.push('…');
      break;
    }
    out.push(canonical(items[i], budget, depth + 1, seen));
  }
  return out;
}

function canonical(value: unknown, budget: { nodes: number }, depth: number, seen: WeakSet<object>): string {
  if (--budget.nodes < 0) return '…';
  switch (typeof value) {
    case 'string':
      return canonicalString(value, budget, depth);
    case 'number':
      return canonicalNumber(value);
    case 'bigint':
      return String(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'undefined':
      return 'null';
    case 'function':
      return 'fn';
    case 'symbol':
      return 'sym';
  }
  if (value === null) return 'null';
  const object = value as object;
  if (depth >= MAX_DEPTH) return '…';
  if (seen.has(object)) return 'cycle';
  seen.add(object);
  try {
    if (value instanceof Date)
      return Number.isNaN(value.getTime()) ? 'date:NaN' : `date:${value.toISOString()}`;
    if (Array.isArray(value) || ArrayBuffer.isView(value)) {
      return `[${canonicalItems(value as ArrayLike<unknown>, budget, depth, seen).join(',')}]`;
    }
    if (value instanceof Set) {
      return `set[${canonicalItems([...value], budget, depth, seen)
        .sort()
        .join(',')}]`;
    }
    const entries: [string, unknown][] =
      value instanceof Map ? [...value].map(([k, v]) => [String(k), v]) : Object.entries(object);
    const parts: string[] = [];
    for (const [key, item] of entries) {
      if (budget.nodes < 0) {
        parts.push('…');
        break;
      }
      if (item === undefined) continue;
      const normalisedKey = key.trim().toLowerCase();
      parts.push(`${JSON.stringify(normalisedKey)}:${canonical(item, budget, depth + 1, seen)}`);
    }
    parts.sort();
    return `{${parts.join(',')}}`;
  } finally {
    seen.delete(object);
  }
}

/**
 * A canonical text for tool arguments or results, so that trivially different calls
 * compare equal: object keys sorted (and compared case-insensitively), whitespace,
 * case, Unicode width and edge punctuation of strings normalised, numbers in one format
 * (`"1.50"`, `1.5` and `"1.5e0"` agree), JSON text parsed and canonicalised like the
 * value it encodes, `undefined` members dropped. Cycles, depth and size are bounded.
 * Never throws.
 */
export function canonicalize(value: unknown): string {
  try {
    return canonical(value, { nodes: MAX_NODES }, 0, new WeakSet());
  } catch {
    return 'unserialisable';
  }
}
