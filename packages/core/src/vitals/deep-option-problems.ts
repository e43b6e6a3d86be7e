import { validatePrices } from '../pricing/validate-prices.js';
import { createRedactor } from '../redaction/redact.js';
import { validateSentimentThresholds } from '../sentiment/thresholds.js';
import { DEFAULT_THOUGHT_MAX_BYTES } from './thoughts.js';
import type { VitalsOptions } from './types.js';

/** The bullet lines of a checker's TypeError (`Header:\n  - a\n  - b`), or its one line. */
function problemLines(message: string): string[] {
  const [first = '', ...rest] = message.split('\n');
  const listed = rest.map((line) => line.replace(/^\s*-\s*/, '').trim()).filter((line) => line !== '');
  return listed.length > 0 ? listed : [first];
}

/**
 * The checks made where prices, sentiment thresholds and thought redaction are built, run up
 * front so that `createVitals()` names every bad field in one TypeError rather than the first.
 */
export function deepOptionProblems(options: VitalsOptions): string[] {
  const problems: string[] = [];
  const check = (prefix: string, run: () => unknown) => {
    try {
      run();
    } catch (error) {
      if (!(error instanceof TypeError)) throw error;
      for (const line of problemLines(error.message)) {
        problems.push(line.startsWith(prefix) ? line : `${prefix}${line}`);
      }
    }
  };
  if (options.pricing !== undefined) check('', () => validatePrices(options.pricing));
  const sentiment = options.sentiment;
  if (sentiment !== undefined) {
    check('', () => validateSentimentThresholds(sentiment));
    const analyzer = (sentiment as { analyzer?: unknown } | null)?.analyzer;
    if (analyzer !== undefined && typeof analyzer !== 'function') {
      problems.push('sentiment.analyzer must be a function');
    }
  }
  const thoughts = options.thoughts;
  if (thoughts !== undefined && thoughts?.enabled !== false) {
    const maxBytes = thoughts?.maxBytes ?? DEFAULT_THOUGHT_MAX_BYTES;
    if (!Number.isInteger(maxBytes) || maxBytes < 16) {
      problems.push(`thoughts.maxBytes must be an integer >= 16; got ${String(thoughts?.maxBytes)}`);
    }
    if (thoughts?.redact !== false && thoughts?.patterns !== undefined) {
      check('thoughts.', () => createRedactor({ patterns: thoughts.patterns }));
    }
  }
  return problems;
}
