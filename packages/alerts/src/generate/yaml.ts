/** A value the YAML emitter can write: the JSON data model. */
export type YamlValue =
  | string
  | number
  | boolean
  | null
  | readonly YamlValue[]
  | { readonly [key: string]: YamlValue };

const PLAIN_SAFE = /^[A-Za-z_][A-Za-z0-9_./-]*(?: [A-Za-z0-9_./()-]+)*$/;
const DURATION = /^(?:[0-9]+(?:ms|[smhdwy]))+$/;
const RESERVED = /^(?:true|false|yes|no|on|off|y|n|null|~|\.nan|\.inf|-\.inf)$/i;
// Characters outside YAML's printable set, plus line and paragraph separators, are written as escapes.
const NEEDS_ESCAPE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
  /[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const HAS_ESCAPE = new RegExp(NEEDS_ESCAPE.source);

const SHORT_ESCAPES: Readonly<Record<string, string>> = {
  '\0': '\\0',
  '\t': '\\t',
  '\n': '\\n',
  '\r': '\\r',
  '\u0007': '\\a',
  '\b': '\\b',
  '\u000b': '\\v',
  '\f': '\\f',
  '\u001b': '\\e',
  '\u0085': '\\N',
  '\u2028': '\\L',
  '\u2029': '\\P',
};

/** Writes a string as a YAML double-quoted scalar, escaping every character that could change its meaning. */
export function quoteYamlString(value: string): string {
  const escaped = value
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(NEEDS_ESCAPE, (char) => {
      const short = SHORT_ESCAPES[char];
      if (short !== undefined) return short;
      return `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
    });
  return `"${escaped}"`;
}

/**
 * A scalar string: plain when that is unambiguous (identifiers, durations, words), single-quoted
 * when every character is printable, double-quoted with escapes otherwise.
 */
function scalarString(value: string): string {
  if (DURATION.test(value)) return value;
  if (PLAIN_SAFE.test(value) && !RESERVED.test(value)) return value;
  if (!HAS_ESCAPE.test(value)) return `'${value.replace(/'/g, "''")}'`;
  return quoteYamlString(value);
}

function scalarNumber(value: number): string {
  if (Number.isNaN(value)) return '.nan';
  if (value === Number.POSITIVE_INFINITY) return '.inf';
  if (value === Number.NEGATIVE_INFINITY) return '-.inf';
  if (Object.is(value, -0)) return '0';
  return String(value);
}

function scalar(value: string | number | boolean | null): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return scalarNumber(value);
  return scalarString(value);
}

const isCollection = (
  value: YamlValue,
): value is readonly YamlValue[] | { readonly [key: string]: YamlValue } =>
  typeof value === 'object' && value !== null;

const isEmptyCollection = (value: YamlValue): boolean =>
  Array.isArray(value) ? value.length === 0 : isCollection(value) && Object.keys(value).length === 0;

function emptyCollection(value: YamlValue): string {
  return Array.isArray(value) ? '[]' : '{}';
}

function emitMapping(value: { readonly [key: string]: YamlValue }, indent: string, lines: string[]): void {
  for (const [key, child] of Object.entries(value)) {
    if (child === undefined) continue;
    const head = `${indent}${scalarString(key)}:`;
    if (!isCollection(child)) lines.push(`${head} ${scalar(child)}`);
    else if (isEmptyCollection(child)) lines.push(`${head} ${emptyCollection(child)}`);
    else {
      lines.push(head);
      emitBlock(child, `${indent}  `, lines);
    }
  }
}

function emitSequence(value: readonly YamlValue[], indent: string, lines: string[]): void {
  for (const item of value) {
    if (!isCollection(item)) lines.push(`${indent}- ${scalar(item)}`);
    else if (isEmptyCollection(item)) lines.push(`${indent}- ${emptyCollection(item)}`);
    else {
      // Emit the item at the deeper indent, then fold its first line onto the dash.
      const itemLines: string[] = [];
      emitBlock(item, `${indent}  `, itemLines);
      const [first = '', ...rest] = itemLines;
      lines.push(`${indent}- ${first.slice(indent.length + 2)}`, ...rest);
    }
  }
}

function emitBlock(value: YamlValue, indent: string, lines: string[]): void {
  if (Array.isArray(value)) emitSequence(value, indent, lines);
  else if (isCollection(value)) emitMapping(value as { readonly [key: string]: YamlValue }, indent, lines);
  else lines.push(`${indent}${scalar(value)}`);
}

/**
 * Writes a JSON-compatible value as block-style YAML. Strings that are not plainly safe are
 * double-quoted with escapes, so label values and templates reach the reader exactly as given.
 * Keys whose value is `undefined` are left out, as in JSON.
 */
export function toYaml(value: YamlValue): string {
  if (!isCollection(value) || isEmptyCollection(value)) {
    return `${isCollection(value) ? emptyCollection(value) : scalar(value)}\n`;
  }
  const lines: string[] = [];
  emitBlock(value, '', lines);
  return `${lines.join('\n')}\n`;
}
