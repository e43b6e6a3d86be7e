import { diag } from '@opentelemetry/api';
import { BUILT_IN_RULES, type RedactionRule, TRIGGER_LITERALS } from './patterns.js';
import { TextProbe } from './text-probe.js';

export { BUILT_IN_REDACTIONS } from './patterns.js';

/** A pattern to redact: a RegExp (replaced by `[REDACTED]`), or one with its replacement and name. */
export type RedactionPattern =
  | RegExp
  | { readonly pattern: RegExp; readonly replacement?: string; readonly name?: string };

export interface RedactorOptions {
  /** Patterns applied before the built-in ones. */
  readonly patterns?: readonly RedactionPattern[];
  /** Apply the built-in secret and personal-data patterns; default true. */
  readonly builtIn?: boolean;
}

/** What a redactor returns when redaction itself fails: nothing of the text leaks. */
export const REDACTION_FAILED = '[REDACTED:redaction_failed]';

const logger = diag.createComponentLogger({ namespace: '@agentvitals/core/redaction' });

/** Strings a pattern must not match emptily in (a pattern that does would scatter replacements). */
const EMPTY_MATCH_PROBES = ['', 'a', 'A1 b_2-c.d@e/f\n'];

const describe = (value: unknown): string =>
  value === null
    ? 'null'
    : Array.isArray(value)
      ? 'an array'
      : typeof value === 'string'
        ? JSON.stringify(value)
        : typeof value;

const globalCopy = (pattern: RegExp): RegExp =>
  new RegExp(pattern.source, `${pattern.flags.replace(/[gy]/g, '')}g`);

const matchesEmpty = (pattern: RegExp): boolean =>
  EMPTY_MATCH_PROBES.some((probe) => {
    for (const match of probe.matchAll(pattern)) if (match[0].length === 0) return true;
    return false;
  });

function toRule(entry: unknown, index: number, problems: string[]): RedactionRule | undefined {
  const at = `patterns[${index}]`;
  const isObject = typeof entry === 'object' && entry !== null && !(entry instanceof RegExp);
  const source = isObject ? (entry as { pattern?: unknown }).pattern : entry;
  const name = isObject ? (entry as { name?: unknown }).name : undefined;
  const replacement = isObject ? (entry as { replacement?: unknown }).replacement : undefined;
  const before = problems.length;
  if (!(source instanceof RegExp)) {
    problems.push(
      isObject
        ? `${at}.pattern must be a RegExp (got ${describe(source)})`
        : `${at} must be a RegExp or { pattern, replacement?, name? } (got ${describe(entry)})`,
    );
  } else if (matchesEmpty(globalCopy(source))) {
    problems.push(`${at} (${String(source)}) matches the empty string`);
  }
  if (name !== undefined && (typeof name !== 'string' || name.trim().length === 0)) {
    problems.push(`${at}.name must be a non-empty string (got ${describe(name)})`);
  }
  if (replacement !== undefined && typeof replacement !== 'string') {
    problems.push(`${at}.replacement must be a string (got ${describe(replacement)})`);
  }
  if (problems.length > before || !(source instanceof RegExp)) return undefined;
  const label = typeof name === 'string' ? name : 'custom';
  return {
    name: label,
    pattern: globalCopy(source),
    replacement:
      typeof replacement === 'string'
        ? replacement
        : name === undefined
          ? '[REDACTED]'
          : `[REDACTED:${name}]`,
  };
}

/**
 * Replaces the matches `accept` accepts (with the rule's replacement, taken literally: no
 * built-in rule with a check keeps a prefix); builds a new string only when one is replaced.
 */
function replaceAccepted(text: string, rule: RedactionRule, accept: (match: string) => boolean): string {
  const pattern = rule.pattern;
  pattern.lastIndex = 0;
  let out = '';
  let copied = 0;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    const found = match[0];
    if (found.length === 0) pattern.lastIndex++;
    else if (accept(found)) {
      out += text.slice(copied, match.index) + rule.replacement;
      copied = match.index + found.length;
    }
  }
  pattern.lastIndex = 0;
  return copied === 0 ? text : out + text.slice(copied);
}

function applyRule(text: string, rule: RedactionRule): string {
  if (rule.apply !== undefined) return rule.apply(text);
  if (rule.accept !== undefined) return replaceAccepted(text, rule, rule.accept);
  return text.replace(rule.pattern, rule.replacement);
}

/**
 * Returns a function that redacts secrets and personal data from text: custom patterns first,
 * then the built-in ones (API keys and tokens, JWTs, private keys, e-mail addresses, payment
 * cards that pass the Luhn check). Throws a TypeError at creation listing every bad pattern (not
 * a RegExp, or a RegExp that matches the empty string). Non-global RegExps are made global.
 * The returned function never throws: if redaction fails it returns {@link REDACTION_FAILED}.
 */
export function createRedactor(options: RedactorOptions = {}): (text: string) => string {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(`redactor options must be an object (got ${describe(options)})`);
  }
  const { patterns = [], builtIn = true } = options;
  if (!Array.isArray(patterns)) throw new TypeError(`patterns must be an array (got ${describe(patterns)})`);
  if (typeof builtIn !== 'boolean')
    throw new TypeError(`builtIn must be a boolean (got ${describe(builtIn)})`);

  const problems: string[] = [];
  const custom = patterns.map((entry, index) => toRule(entry, index, problems));
  if (problems.length > 0) throw new TypeError(`Invalid redaction patterns:\n  - ${problems.join('\n  - ')}`);

  const customRules = custom as RedactionRule[];
  const builtInRules: readonly RedactionRule[] = builtIn
    ? BUILT_IN_RULES.map((rule) => ({ ...rule, pattern: globalCopy(rule.pattern) }))
    : [];
  const probe = new TextProbe(TRIGGER_LITERALS);

  return (text: string): string => {
    if (typeof text !== 'string' || text.length === 0) return typeof text === 'string' ? text : '';
    try {
      let redacted = text;
      for (const rule of customRules) redacted = applyRule(redacted, rule);
      // The built-in rules' pre-checks all ask about this text, not about the text as each
      // earlier rule left it (see `RedactionRule.mayMatch`): its facts are found once.
      const checked = redacted;
      probe.reset(checked);
      for (const rule of builtInRules) {
        if (rule.mayMatch === undefined || rule.mayMatch(checked, probe))
          redacted = applyRule(redacted, rule);
      }
      return redacted;
    } catch (error) {
      logger.warn(`redaction failed; the text was replaced: ${String(error)}`);
      return REDACTION_FAILED;
    } finally {
      probe.reset('');
    }
  };
}
