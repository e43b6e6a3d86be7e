import { isIban, isInternationalPhone, isPaymentCard, isSocialSecurityNumber } from './checksums.js';

import { EMAIL_PATTERN, redactEmails } from './email.js';
import { KEYED_SECRET, redactKeyedSecrets, XML_SECRET } from './keyed-secret.js';
import { redactPaymentCards } from './payment-card.js';
import { replaceAfterPrefix } from './replace-after-prefix.js';
import type { AnchoredLiteral, TextProbe } from './text-probe.js';

/**
 * A redaction rule. Every built-in pattern is global and linear-time: it starts only where its
 * token can start (a negative lookbehind on its own character class), its repetitions are
 * bounded or unambiguous, and no quantified group can match the same text two ways.
 */
export interface RedactionRule {
  readonly name: string;
  readonly pattern: RegExp;
  /** The replacement; may refer to capture groups (`$1` keeps a prefix such as `Bearer `). */
  readonly replacement: string;
  /** A match is replaced only when this accepts it (the Luhn check of card numbers). */
  readonly accept?: (match: string) => boolean;
  /**
   * A cheap test run first: false means the pattern cannot match, so it is skipped. It is
   * asked about the text as the built-in rules received it, not as the earlier ones left it,
   * so that the facts it uses are found once: what it looks for (a literal such as `sk-`,
   * digits close together, `@`, `-`, `+`, a word) must not be something a marker
   * `[REDACTED:<name>]` could bring. Markers have no digit and no `-@+/.=`, and their brackets
   * stop every token, so whatever a rule can match in the redacted text outside the markers
   * was in the received text, and the test still answers yes.
   */
  readonly mayMatch?: (text: string, probe: TextProbe) => boolean;
  /** Does what the pattern does, faster; used instead of it when present. */
  readonly apply?: (text: string) => string;
}

const marker = (name: string) => `[REDACTED:${name}]`;

type RuleSpec = Pick<RedactionRule, 'accept' | 'mayMatch' | 'apply'> & {
  readonly keepPrefix?: boolean;
};

/** A prefix kept: the loop of {@link replaceAfterPrefix}, on a copy of the pattern of its own. */
const keepingPrefix = (pattern: RegExp, replacement: string) => {
  const scan = new RegExp(pattern.source, pattern.flags);
  return (text: string): string => replaceAfterPrefix(text, scan, replacement);
};

const rule = (name: string, pattern: RegExp, spec: RuleSpec = {}): RedactionRule => {
  const { keepPrefix, ...rest } = spec;
  const replacement = marker(name);
  return Object.freeze({
    name,
    pattern,
    replacement: keepPrefix ? `$1${replacement}` : replacement,
    ...(keepPrefix ? { apply: keepingPrefix(pattern, replacement) } : {}),
    ...rest,
  });
};

const containsChar = (char: string) => (text: string) => text.includes(char);

/** Every literal a rule's pre-check asks about, for the probe's single scan (filled as the rules are built). */
const TRIGGERS: AnchoredLiteral[] = [];

/**
 * The text contains one of `candidates`, each given with the index of its rarest character,
 * where the probe's one scan for every rule's literals finds it.
 */
const literals = (...candidates: AnchoredLiteral[]) => {
  for (const candidate of candidates)
    if (!TRIGGERS.some(([literal]) => literal === candidate[0])) TRIGGERS.push(candidate);
  const words = candidates.map(([literal]) => literal);
  return (_text: string, probe: TextProbe): boolean => probe.hasAnyLiteral(words);
};

/** Two capitals and two digits, the start of every IBAN: what number-heavy text seldom has. */
const IBAN_START = /[A-Z]{2}[0-9]{2}/;
/** Asked by two rules: the probe answers once per text. */
const mentionsAuthorization = (_text: string, probe: TextProbe): boolean => probe.mentionsAuthorization();

/** Markers of the rules that build their result themselves, built once. */
const EMAIL_MARKER = marker('email');
const PAYMENT_CARD_MARKER = marker('payment_card');

const longerNumber = (_text: string, probe: TextProbe) => probe.longerNumber();

/** The built-in rules, specific before generic. */
export const BUILT_IN_RULES: readonly RedactionRule[] = Object.freeze([
  rule(
    'private_key',
    /-----BEGIN[A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----[^-]*(?:-(?!----)[^-]*)*(?:-----END[A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----|$)/g,
    { mayMatch: literals(['-----BEGIN', 5]) },
  ),
  rule('anthropic_key', /(?<![A-Za-z0-9_-])sk-ant-[A-Za-z0-9_-]{20,}/g, {
    mayMatch: literals(['sk-ant-', 2]),
  }),
  rule(
    'openai_key',
    /(?<![A-Za-z0-9_-])sk-(?:(?:proj|svcacct|admin|None)-[A-Za-z0-9_-]{20,}|[A-Za-z0-9]{20,})/g,
    {
      mayMatch: literals(['sk-', 2]),
    },
  ),
  rule(
    'stripe_key',
    /(?<![A-Za-z0-9_])(?:(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,}|whsec_[A-Za-z0-9+/=]{24,})/g,
    {
      mayMatch: literals(['_live_', 5], ['_test_', 5], ['whsec_', 5]),
    },
  ),
  rule('google_api_key', /(?<![A-Za-z0-9_-])AIza[A-Za-z0-9_-]{35}(?![A-Za-z0-9_-])/g, {
    mayMatch: literals(['AIza', 0]),
  }),
  rule('aws_access_key_id', /(?<![A-Za-z0-9])A(?:KIA|SIA|BIA|CCA)[A-Z0-9]{16}(?![A-Za-z0-9])/g, {
    mayMatch: literals(['AKIA', 0], ['ASIA', 0], ['ABIA', 0], ['ACCA', 0]),
  }),
  rule('github_token', /(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})/g, {
    mayMatch: literals(['ghp_', 3], ['gho_', 3], ['ghu_', 3], ['ghs_', 3], ['ghr_', 3], ['github_pat_', 6]),
  }),
  rule('gitlab_token', /(?<![A-Za-z0-9_-])gl(?:pat|dt|rt|cbt|ptt|ft|soat)-[A-Za-z0-9_-]{20,}/g, {
    mayMatch: literals(
      ['glpat-', 5],
      ['gldt-', 4],
      ['glrt-', 4],
      ['glcbt-', 5],
      ['glptt-', 5],
      ['glft-', 4],
      ['glsoat-', 6],
    ),
  }),
  // Also with JSON's escaped slashes (`https:\/\/hooks.slack.com\/services\/...`).
  rule(
    'slack_webhook',
    /https:\\?\/\\?\/hooks\.slack\.com\\?\/(?:services|workflows|triggers)\\?\/(?:[A-Za-z0-9/_-]|\\\/){8,}/g,
    {
      // A long literal: one native search, rather than a stop of the probe's scan at every `/`.
      mayMatch: (text) => text.includes('hooks.slack.com'),
    },
  ),
  rule('slack_token', /(?<![A-Za-z0-9-])(?:xox[abposre]-[A-Za-z0-9-]{10,}|xapp-[0-9]-[A-Za-z0-9-]{10,})/g, {
    mayMatch: literals(['xox', 0], ['xapp-', 0]),
  }),
  rule('npm_token', /(?<![A-Za-z0-9_])npm_[A-Za-z0-9]{36}(?![A-Za-z0-9])/g, {
    mayMatch: literals(['npm_', 3]),
  }),
  rule('huggingface_token', /(?<![A-Za-z0-9_])hf_[A-Za-z0-9]{30,}/g, { mayMatch: literals(['hf_', 2]) }),
  rule('sendgrid_key', /(?<![A-Za-z0-9_.-])SG\.[A-Za-z0-9_-]{16,32}\.[A-Za-z0-9_-]{16,64}/g, {
    mayMatch: literals(['SG.', 1]),
  }),
  rule('azure_sas_token', /([?&;]sig=)[A-Za-z0-9%+/=]{16,}/g, {
    keepPrefix: true,
    mayMatch: literals(['sig=', 3]),
  }),
  rule('jwt', /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g, {
    mayMatch: literals(['eyJ', 2]),
  }),
  // From the `://`, so only URLs are tried; the user name stays, the password goes.
  rule(
    'url_password',
    /(?<=[A-Za-z0-9+.-])(:\/\/[^\s/?#@:"'<>]{0,256}:)[^\s/?#"'<>]{1,256}(?=@[^\s/?#@"'<>]*(?![^\s/?#"'<>]))/g,
    { keepPrefix: true, mayMatch: (text) => text.includes('@') && text.includes('://') },
  ),
  rule('bearer_token', /(?<![A-Za-z0-9_-])(bearer[ \t]+)[A-Za-z0-9._~+/-]{16,}=*/gi, {
    keepPrefix: true,
    mayMatch: (_text, probe) => probe.mentionsBearer(),
  }),
  rule('basic_auth', /(authorization["']?[ \t]*[:=][ \t]*["']?basic[ \t]+)[A-Za-z0-9+/]{4,}={0,2}/gi, {
    keepPrefix: true,
    mayMatch: mentionsAuthorization,
  }),
  rule('secret_assignment', KEYED_SECRET, {
    keepPrefix: true,
    apply: redactKeyedSecrets,
  }),
  rule('secret_assignment', XML_SECRET, {
    keepPrefix: true,
    mayMatch: (text) => text.includes('</'),
  }),
  // The credentials of an `Authorization` header with any other scheme (`Token`, `Bot`, `SSWS`,
  // `ApiKey`...) or none (a raw key): 8 or more token characters with a digit, so that prose
  // (`Authorization: succeeded`) stays. After the keyed secrets, so as not to take their names.
  rule(
    'bearer_token',
    /(authorization["']?[ \t]*[:=][ \t]*["']?(?:(?!(?:basic|bearer)[ \t])[A-Za-z][A-Za-z-]{1,30}[ \t]+)?)(?=[A-Za-z._~+/:-]{0,64}[0-9])[A-Za-z0-9._~+/:-]{8,}=*/gi,
    {
      keepPrefix: true,
      mayMatch: mentionsAuthorization,
    },
  ),
  rule('email', EMAIL_PATTERN, {
    mayMatch: containsChar('@'),
    apply: (text) => redactEmails(text, EMAIL_MARKER),
  }),
  // URL-encoded in a query string or a path (`?email=jane.doe%40example.com`).
  rule('email', new RegExp(EMAIL_PATTERN.source.replace('@', '%40'), 'g'), {
    mayMatch: (text) => text.includes('%40'),
  }),
  rule('iban', /(?<![A-Za-z0-9])[A-Z]{2}[0-9]{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?(?![A-Za-z0-9])/g, {
    accept: isIban,
    mayMatch: (text, probe) => probe.longerNumber() && IBAN_START.test(text),
  }),
  rule('payment_card', /(?<![A-Za-z0-9_])[2-6](?:[ -]?[0-9]){12,18}(?![A-Za-z0-9_])/g, {
    accept: isPaymentCard,
    mayMatch: longerNumber,
    apply: (text) => redactPaymentCards(text, PAYMENT_CARD_MARKER),
  }),
  rule('us_ssn', /(?<![A-Za-z0-9-])[0-9]{3}-[0-9]{2}-[0-9]{4}(?![A-Za-z0-9-])/g, {
    accept: isSocialSecurityNumber,
    mayMatch: (text, probe) => text.includes('-') && probe.longerNumber(),
  }),
  // Also URL-encoded in a query string (`phone=%2B44%2020%207946%200958`).
  rule(
    'phone_number',
    /(?<![A-Za-z0-9+])(?:\+|%2[Bb])[1-9](?:(?:[ .-]|%20)?(?:[0-9]|\([0-9]{1,4}\))){6,16}(?![0-9])/g,
    {
      accept: isInternationalPhone,
      mayMatch: (text, probe) => (text.includes('+') && probe.longNumber()) || text.includes('%2'),
    },
  ),
  rule(
    'phone_number',
    // The lookbehind follows the first character, so the engine skips to a `(` or a digit 2–9
    // instead of testing the lookbehind at every position (three times faster on numbers).
    // A leading country code `1-`, `1.` or `1 ` is allowed before the area code.
    /(?:\((?<![A-Za-z0-9+.-].)[2-9][0-9]{2}\)[ .-]?|[2-9](?:(?<![A-Za-z0-9+.-].)|(?<=(?:^|[^A-Za-z0-9+.-])1[ .-].))[0-9]{2}[ .-])[2-9][0-9]{2}[ .-][0-9]{4}(?![A-Za-z0-9-])/g,
    { mayMatch: longerNumber },
  ),
]);

/**
 * The built-in redactions (name, pattern, replacement), in the order they run. Some matches
 * are replaced only when a check the pattern cannot express accepts them: payment cards pass
 * the Luhn check, IBANs their mod-97 check, US social security numbers have a valid area,
 * international phone numbers 8–15 digits.
 */
export const BUILT_IN_REDACTIONS: readonly {
  readonly name: string;
  readonly pattern: RegExp;
  readonly replacement: string;
}[] = BUILT_IN_RULES;

/** The literals of the rules' pre-checks, for a {@link TextProbe} to find in one scan. */
export const TRIGGER_LITERALS: readonly AnchoredLiteral[] = Object.freeze([...TRIGGERS]);
