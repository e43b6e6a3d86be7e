/** Score limits of the sentiment labels. */
export interface SentimentThresholds {
  /** Scores at or below this are `negative`. */
  readonly negativeAtOrBelow: number;
  /** Scores at or above this are `positive`. */
  readonly positiveAtOrAbove: number;
}

export const DEFAULT_SENTIMENT_THRESHOLDS: SentimentThresholds = Object.freeze({
  negativeAtOrBelow: -0.25,
  positiveAtOrAbove: 0.25,
});

/** The label of a score; a score that is not a finite number is `neutral`. */
export function sentimentLabel(
  score: number,
  thresholds: SentimentThresholds = DEFAULT_SENTIMENT_THRESHOLDS,
): 'negative' | 'neutral' | 'positive' {
  if (typeof score !== 'number' || !Number.isFinite(score)) return 'neutral';
  if (score <= thresholds.negativeAtOrBelow) return 'negative';
  if (score >= thresholds.positiveAtOrAbove) return 'positive';
  return 'neutral';
}

const describe = (value: unknown) =>
  typeof value === 'number' ? String(value) : `${typeof value} ${JSON.stringify(value)}`;

/**
 * Completes `thresholds` with the defaults and checks them. Throws a TypeError naming each bad
 * field: not a finite number, outside -1..1, or `negativeAtOrBelow >= positiveAtOrAbove`.
 */
export function validateSentimentThresholds(
  thresholds: Partial<SentimentThresholds> | undefined,
): SentimentThresholds {
  if (thresholds !== undefined && (typeof thresholds !== 'object' || thresholds === null)) {
    throw new TypeError(`sentiment thresholds must be an object (got ${describe(thresholds)})`);
  }
  const merged = {
    negativeAtOrBelow: thresholds?.negativeAtOrBelow ?? DEFAULT_SENTIMENT_THRESHOLDS.negativeAtOrBelow,
    positiveAtOrAbove: thresholds?.positiveAtOrAbove ?? DEFAULT_SENTIMENT_THRESHOLDS.positiveAtOrAbove,
  };
  const problems: string[] = [];
  for (const field of ['negativeAtOrBelow', 'positiveAtOrAbove'] as const) {
    const value: unknown = merged[field];
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      problems.push(`sentiment.${field} must be a finite number (got ${describe(value)})`);
    } else if (value < -1 || value > 1) {
      problems.push(`sentiment.${field} must be within -1..1 (got ${value})`);
    }
  }
  if (problems.length === 0 && merged.negativeAtOrBelow >= merged.positiveAtOrAbove) {
    problems.push(
      `sentiment.negativeAtOrBelow (${merged.negativeAtOrBelow}) must be below sentiment.positiveAtOrAbove (${merged.positiveAtOrAbove})`,
    );
  }
  if (problems.length > 0)
    throw new TypeError(`Invalid sentiment thresholds:\n  - ${problems.join('\n  - ')}`);
  return Object.freeze(merged);
}
