/**
 * Histogram bucket boundaries. The duration and token buckets are the ones the
 * OpenTelemetry GenAI semantic conventions recommend.
 */
export const DURATION_BUCKETS_SECONDS: readonly number[] = [
  0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92,
];

export const TOKEN_BUCKETS: readonly number[] = [
  1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864,
];

/**
 * Buckets of `agent.sentiment.score`, on its 0..1 scale (0.5 neutral). 0.375 and 0.625 are the
 * default label thresholds (-0.25 and 0.25 on the -1..1 scale).
 */
export const SENTIMENT_BUCKETS: readonly number[] = [0.125, 0.25, 0.375, 0.5, 0.625, 0.75, 0.875, 1];

/**
 * Maps a -1..1 sentiment score to the 0..1 scale `agent.sentiment.score` records:
 * OpenTelemetry histograms accept no negative values.
 */
export const sentimentToUnitScale = (score: number): number => (score + 1) / 2;
