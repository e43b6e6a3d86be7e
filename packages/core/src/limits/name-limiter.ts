import { diag } from '@opentelemetry/api';
import { OVERFLOW_VALUE } from '../semconv/values.js';

const logger = diag.createComponentLogger({ namespace: '@agentvitals/core/limits' });

/** Characters kept in a bounded name; anything else becomes `_`. */
const DISALLOWED = /[^A-Za-z0-9_.:/@+-]/g;

export const INVALID_NAME = '_invalid';

export interface NameLimiterOptions {
  /** What is limited, for diagnostics ("tool name", "model"). */
  readonly kind: string;
  readonly maxDistinct: number;
  readonly maxLength: number;
}

/**
 * Bounds the values of one attribute: cuts long names, replaces unusual characters, and
 * once `maxDistinct` values have been seen maps every new one to `_overflow` (warning once).
 * Names can come from model output, so this is what keeps a metric's cardinality finite.
 */
export class NameLimiter {
  readonly #seen = new Map<string, string>();
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
}
