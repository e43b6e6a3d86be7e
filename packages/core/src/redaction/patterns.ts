import { passesLuhn } from './luhn.js';

/**
 * A built-in redaction. Every pattern is global and linear-time: it starts only where its token
 * can start (a negative lookbehind on its own character class), its repetitions are bounded or
 * unambiguous, and no quantified group can match the same text two ways.
 */
export interface RedactionRule {
  readonly name: string;
  readonly pattern: RegExp;
  /** The replacement; may refer to capture groups (`$1` keeps a prefix such as `Bearer `). */
  readonly replacement: string;
  /** A match is replaced only when this accepts it (the Luhn check of card numbers). */
  readonly accept?: (match: string) => boolean;
}

const marker = (name: string) => `[REDACTED:${name}]`;

const rule = (name: string, pattern: RegExp, keepPrefix = false, accept?: (match: string) => boolean) =>
  Object.freeze({
    name,
    pattern,
    replacement: keepPrefix ? `$1${marker(name)}` : marker(name),
    ...(accept === undefined ? {} : { accept }),
  }) as RedactionRule;

const isPaymentCard = (match: string): boolean => {
  const digits = match.replace(/[ -]/g, '');
  return passesLuhn(digits) && !/^(\d)\1+$/.test(digits);
};

/** The built-in rules, specific before generic. */
export const BUILT_IN_RULES: readonly RedactionRule[] = Object.freeze([
  rule(
    'private_key',
    /-----BEGIN[A-Z0-9 ]{0,40}PRIVATE KEY-----[^-]*(?:-(?!----)[^-]*)*(?:-----END[A-Z0-9 ]{0,40}PRIVATE KEY-----|$)/g,
  ),
  rule('anthropic_key', /(?<![A-Za-z0-9_-])sk-ant-[A-Za-z0-9_-]{20,}/g),
  rule('openai_key', /(?<![A-Za-z0-9_-])sk-(?:(?:proj|svcacct|admin)-[A-Za-z0-9_-]{20,}|[A-Za-z0-9]{20,})/g),
  rule('stripe_key', /(?<![A-Za-z0-9_])(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,}/g),
  rule('google_api_key', /(?<![A-Za-z0-9_-])AIza[A-Za-z0-9_-]{35}(?![A-Za-z0-9_-])/g),
  rule('aws_access_key_id', /(?<![A-Za-z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Za-z0-9])/g),
  rule(
    'aws_secret_access_key',
    /(?<![A-Za-z0-9_])(aws_?secret_?access_?key["']?[ \t]*[:=][ \t]*["']?)[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+])/gi,
    true,
  ),
  rule('github_token', /(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})/g),
  rule('slack_token', /(?<![A-Za-z0-9-])xox[abpr]-[A-Za-z0-9-]{10,}/g),
  rule('huggingface_token', /(?<![A-Za-z0-9_])hf_[A-Za-z0-9]{30,}/g),
  rule('jwt', /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g),
  rule('bearer_token', /(?<![A-Za-z0-9_-])(bearer[ \t]+)[A-Za-z0-9._~+/-]{16,}=*/gi, true),
  rule(
    'email',
    /(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.){1,8}[A-Za-z]{2,24}(?![A-Za-z0-9-])/g,
  ),
  rule('payment_card', /(?<![A-Za-z0-9_])[2-6](?:[ -]?[0-9]){12,18}(?![A-Za-z0-9_])/g, false, isPaymentCard),
]);

/**
 * The built-in redactions (name, pattern, replacement), in the order they run. Payment card
 * matches are replaced only when they pass the Luhn check, which a pattern alone cannot express.
 */
export const BUILT_IN_REDACTIONS: readonly {
  readonly name: string;
  readonly pattern: RegExp;
  readonly replacement: string;
}[] = BUILT_IN_RULES;
