import {
  EMOJI_SCORES,
  INTENSIFIERS,
  MAX_PHRASE_WORDS,
  NEGATORS,
  PHRASE_SCORES,
  WORD_SCORES,
} from './lexicon.js';

export type { SentimentThresholds } from './thresholds.js';
export { DEFAULT_SENTIMENT_THRESHOLDS, sentimentLabel, validateSentimentThresholds } from './thresholds.js';

/** Turns customer text into a score in -1..1. */
export type SentimentAnalyzer = (text: string) => number;

/** Characters analysed; the rest of a longer text is ignored. */
export const MAX_SENTIMENT_TEXT_LENGTH = 20_000;

/** How far back (in words) a negator reaches. */
const NEGATION_WINDOW = 3;
/** A negated word keeps this share of its score, with the opposite sign ("not bad" is mildly good). */
const NEGATION_FACTOR = -0.75;
/** Emphasis of a word in capitals in a text that is not all capitals. */
const CAPITALS_FACTOR = 1.3;
/** Weight of sentiment before and after "but" ("fast, but useless"). */
const BEFORE_BUT = 0.5;
const AFTER_BUT = 1.5;
/** Each '!' (up to four) adds this much to the magnitude of a non-neutral text. */
const EXCLAMATION_BOOST = 0.3;
const MAX_EXCLAMATIONS = 4;
/** Normalisation: score = sum / sqrt(sum² + alpha); sum ±3.9 gives ±0.7. */
const NORMALISATION_ALPHA = 15;

interface Token {
  readonly text: string;
  readonly kind: 'word' | 'boundary' | 'emoji';
  readonly capitals: boolean;
}

const TOKEN = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*|[.!?;,:]|\p{Extended_Pictographic}/gu;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const [raw] of text.matchAll(TOKEN)) {
    if (/^[.!?;,:]$/.test(raw)) tokens.push({ text: raw, kind: 'boundary', capitals: false });
    else if (/^\p{Extended_Pictographic}$/u.test(raw))
      tokens.push({ text: raw, kind: 'emoji', capitals: false });
    else {
      const capitals = raw.length > 1 && /\p{Lu}/u.test(raw) && raw === raw.toUpperCase();
      tokens.push({ text: raw.toLowerCase().replace(/['’]/g, ''), kind: 'word', capitals });
    }
  }
  return tokens;
}

/** The phrase or word score starting at `index`, and how many tokens it spans. */
function scoreAt(tokens: readonly Token[], index: number): { score: number; span: number } | undefined {
  for (let span = Math.min(MAX_PHRASE_WORDS, tokens.length - index); span >= 2; span--) {
    const words = tokens.slice(index, index + span);
    if (words.some((token) => token.kind !== 'word')) continue;
    const score = PHRASE_SCORES.get(words.map((token) => token.text).join(' '));
    if (score !== undefined) return { score, span };
  }
  const score = WORD_SCORES.get(tokens[index]!.text);
  return score === undefined ? undefined : { score, span: 1 };
}

/**
 * Negation and intensity from the words just before `index`, within the sentence and after the
 * previous scored word (`floor`), so "no worries thanks" does not negate "thanks".
 */
function modifiers(
  tokens: readonly Token[],
  index: number,
  floor: number,
): { negated: boolean; intensity: number } {
  let negated = false;
  let intensity = 1;
  let chain = true;
  for (let back = 1; back <= NEGATION_WINDOW && index - back >= floor; back++) {
    const token = tokens[index - back]!;
    if (token.kind !== 'word') break;
    if (NEGATORS.has(token.text)) {
      negated = !negated;
      chain = false;
      continue;
    }
    const factor = INTENSIFIERS.get(token.text);
    if (factor !== undefined && chain) intensity *= factor;
    else chain = false;
  }
  return { negated, intensity };
}

const ALL_CAPITALS = (text: string) => text === text.toUpperCase() && /\p{Lu}/u.test(text);

/**
 * A small English lexicon analyzer for customer messages: word and phrase scores, negation
 * within three words ("not happy"), intensifiers ("very", "slightly"), "but" shifting the
 * weight to what follows, capitals and '!' for emphasis, and common emoji. Normalised to -1..1;
 * 0 for empty or neutral text. Deterministic, allocation-light, never throws.
 */
export const analyzeSentiment: SentimentAnalyzer = (text: string): number => {
  if (typeof text !== 'string' || text.length === 0) return 0;
  const sample = text.length > MAX_SENTIMENT_TEXT_LENGTH ? text.slice(0, MAX_SENTIMENT_TEXT_LENGTH) : text;
  const tokens = tokenize(sample);
  const shouting = ALL_CAPITALS(sample);
  const butIndex = tokens.findLastIndex((token) => token.kind === 'word' && token.text === 'but');

  let sum = 0;
  let exclamations = 0;
  let scoredEnd = 0;
  for (let index = 0; index < tokens.length; ) {
    const token = tokens[index]!;
    if (token.kind === 'boundary') {
      if (token.text === '!') exclamations++;
      index++;
      continue;
    }
    let score: number;
    let span = 1;
    if (token.kind === 'emoji') {
      score = EMOJI_SCORES.get(token.text) ?? 0;
    } else {
      const found = scoreAt(tokens, index);
      if (found === undefined) {
        index++;
        continue;
      }
      span = found.span;
      const { negated, intensity } = modifiers(tokens, index, scoredEnd);
      score = found.score * (negated ? NEGATION_FACTOR / intensity : intensity);
      if (token.capitals && !shouting) score *= CAPITALS_FACTOR;
    }
    if (butIndex >= 0) score *= index < butIndex ? BEFORE_BUT : AFTER_BUT;
    sum += score;
    index += span;
    scoredEnd = index;
  }

  if (sum !== 0) sum += Math.sign(sum) * EXCLAMATION_BOOST * Math.min(exclamations, MAX_EXCLAMATIONS);
  const normalised = sum / Math.sqrt(sum * sum + NORMALISATION_ALPHA);
  if (!Number.isFinite(normalised)) return 0;
  return Math.max(-1, Math.min(1, normalised));
};
