import type { Attributes } from '@opentelemetry/api';
import { ATTR_AGENT_SENTIMENT_LABEL } from '../semconv/attributes.js';
import { sentimentToUnitScale } from '../semconv/buckets.js';
import { SENTIMENT_LABELS, type SentimentLabel } from '../semconv/values.js';
import { analyzeSentiment, sentimentLabel, validateSentimentThresholds } from '../sentiment/sentiment.js';
import { describe, vitalsLogger } from './numbers.js';
import { runStateOf } from './run-context.js';
import type { VitalsState } from './state.js';
import type { SentimentOptions } from './types.js';

/**
 * Builds `vitals.sentiment()` once: thresholds validated, label attribute sets frozen.
 * A score outside -1..1, NaN or of the wrong type is dropped with a warning, as is an
 * analyzer that throws or returns such a value.
 */
export function createSentimentRecorder(state: VitalsState, options?: SentimentOptions) {
  const thresholds = validateSentimentThresholds(options);
  const analyzer = options?.analyzer ?? analyzeSentiment;
  if (typeof analyzer !== 'function') throw new TypeError('sentiment.analyzer must be a function');
  const labelAttributes = Object.fromEntries(
    SENTIMENT_LABELS.map((label) => [
      label,
      Object.freeze({ ...state.agentAttributes, [ATTR_AGENT_SENTIMENT_LABEL]: label }),
    ]),
  ) as unknown as Record<SentimentLabel, Attributes>;

  return (scoreOrText: number | string): void => {
    let score: unknown = scoreOrText;
    if (typeof scoreOrText === 'string') {
      try {
        score = analyzer(scoreOrText);
      } catch (error) {
        vitalsLogger.warn('the sentiment analyzer threw; no sentiment recorded', error);
        return;
      }
    }
    if (typeof score !== 'number' || !Number.isFinite(score) || score < -1 || score > 1) {
      vitalsLogger.warn(`sentiment must be a number in -1..1; got ${describe(score)}: dropped`);
      return;
    }
    const label = sentimentLabel(score, thresholds);
    state.instruments.sentimentScore.record(sentimentToUnitScale(score), state.agentAttributes);
    state.instruments.sentimentMessages.add(1, labelAttributes[label]);
    if (state.events.active) {
      state.events.emit({
        type: 'sentiment',
        agentName: state.agentName,
        time: state.clock(),
        requestId: runStateOf()?.requestId,
        score,
        label,
      });
    }
  };
}
