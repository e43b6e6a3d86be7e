import { diag } from '@opentelemetry/api';
import { OVERFLOW_VALUE, REDACTED_VALUE } from '../semconv/values.js';
import { type LabelProblem, labelProblem } from './label-safety.js';

const logger = diag.createComponentLogger({ namespace: '@agentvitals/core/limits' });

/** Characters kept in a bounded name; anything else becomes `_`. */
const DISALLOWED = /[^A-Za-z0-9_.:/@+-]/g;

export const INVALID_NAME = '_invalid';

/** Refused values remembered, so a repeated one is not checked again; forgotten all at once past this. */
const MAX_REMEMBERED_REFUSALS = 256;

const PROBLEM_WORDS: Readonly<Record<LabelProblem, string>> = {
  secret: 'looks like a secret or personal data',
  free_text: 'looks like free text',
  random_token: 'looks like a random token',
};

export interface NameLimiterOptions {
  /** What is limited, for diagnostics ("tool name", "model"). */
  readonly kind: string;
  readonly maxDistinct: number;
  readonly maxLength: number;
  /**
   * Record values that look like secrets, free text or random tokens as `_redacted` (see
   * `labelProblem`); default true.
   */
  readonly refuseUnsafe?: boolean;
}

/**
 * Bounds the values of one attribute: cuts long names, records values that look like a
 * secret, free text or a random token as `_redacted` (warning once per reason, never showing
 * the value), replaces unusual characters, and once `maxDistinct` values have been seen maps
 * every new one to `_overflow` (warning once). Names can come from model output, so this is
 * what keeps a metric's cardinality finite and its labels free of secrets.
 */
export class NameLimiter {
  readonly #seen = new Map<string, string>();
  readonly #refused = new Set<string>();
  readonly #warnedAbout = new Set<LabelProblem>();
  readonly #options: NameLimiterOptions;
  #warned = false;

  constructor(options: NameLimiterOptions) {
    this.#options = options;
  }

  /** The bounded form of `name`. Never throws. */
  bound(name: unknown): string {
    if (typeof name !== 'string') return INVALID_NAME;
    // Keyed by the cut name, so a huge name from model output is never kept whole.
    const cut = name.length > this.#options.maxLength ? name.slice(0, this.#options.maxLength) : name;
    const known = this.#seen.get(cut);
    if (known !== undefined) return known;
    if (this.#options.refuseUnsafe !== false && this.#isUnsafe(cut)) return REDACTED_VALUE;
    const cleaned = cut.replace(DISALLOWED, '_');
    if (cleaned.length === 0) return INVALID_NAME;
    if (this.#seen.size >= this.#options.maxDistinct) {
      if (!this.#warned) {
        this.#warned = true;
        logger.warn(
          `more than ${this.#options.maxDistinct} distinct ${this.#options.kind} values; new ones are recorded as '${OVERFLOW_VALUE}'`,
        );
      }
      return OVERFLOW_VALUE;
    }
    this.#seen.set(cut, cleaned);
    return cleaned;
  }

  #isUnsafe(value: string): boolean {
    if (this.#refused.has(value)) return true;
    let problem: LabelProblem | undefined;
    try {
      problem = labelProblem(value);
    } catch {
      problem = 'secret';
    }
    if (problem === undefined) return false;
    if (this.#refused.size >= MAX_REMEMBERED_REFUSALS) this.#refused.clear();
    this.#refused.add(value);
    if (!this.#warnedAbout.has(problem)) {
      this.#warnedAbout.add(problem);
      logger.warn(
        `a ${this.#options.kind} value ${PROBLEM_WORDS[problem]}; it is recorded as '${REDACTED_VALUE}' (further ones are not reported)`,
      );
    }
    return true;
  }
}
