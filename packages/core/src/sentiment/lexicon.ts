/**
 * A small English sentiment lexicon for customer-support text: word and phrase scores from -5
 * (very negative) to 5 (very positive) in the style of AFINN, plus negators, intensifiers and
 * emoji. Words are lower-case with apostrophes removed (`don't` is `dont`).
 */

const entries = (scores: Record<string, number>): ReadonlyMap<string, number> =>
  new Map(Object.entries(scores));

/** Single-word scores. */
// biome-ignore format: compact word lists
export const WORD_SCORES: ReadonlyMap<string, number> = entries({
  // negative
  angry: -3, annoyed: -2, annoying: -2, awful: -3, bad: -3, broken: -2, bug: -1, buggy: -2,
  cancel: -1, canceled: -1, cancelled: -1, chargeback: -3, complain: -2, complaint: -2,
  confused: -1, confusing: -2, crash: -2, crashed: -2, crashes: -2, crashing: -2, damn: -2,
  delay: -1, delayed: -1, difficult: -1, disappointed: -2, disappointing: -2,
  disappointment: -2, disgusting: -3, dumb: -3, error: -1, errors: -1, expensive: -1,
  fail: -2, failed: -2, failing: -2, fails: -2, failure: -2, fraud: -4, frustrated: -2,
  frustrating: -2, frustration: -2, furious: -4, garbage: -3, hate: -3, hated: -3,
  horrible: -3, ignored: -2, ignoring: -2, impossible: -2, incompetent: -3, issue: -1,
  issues: -1, lawsuit: -3, lawyer: -2, liar: -3, lied: -3, livid: -4, lost: -2, lousy: -3,
  mess: -2, misleading: -3, missing: -1, nightmare: -3, overcharged: -3, overpriced: -2,
  pathetic: -3, poor: -2, problem: -1, problems: -1, refund: -2, refunds: -2,
  ridiculous: -3, rude: -3, sad: -2, scam: -4, slow: -1, stuck: -2, stupid: -3, sucks: -3,
  terrible: -3, trash: -3, ugh: -2, unacceptable: -3, unhappy: -2, unhelpful: -3,
  unresolved: -2, upset: -2, useless: -3, waiting: -1, worried: -2, worse: -3, worst: -3,
  worthless: -3, wrong: -2, wtf: -4,
  // positive
  amazing: 4, appreciate: 2, appreciated: 2, awesome: 4, best: 3, better: 2, brilliant: 4,
  cool: 1, easy: 1, excellent: 3, fantastic: 4, fine: 1, fixed: 2, friendly: 2, glad: 3,
  good: 3, grateful: 3, great: 3, happy: 3, help: 1, helped: 2, helpful: 2, impressed: 3,
  kind: 2, love: 3, loved: 3, lovely: 3, nice: 3, patient: 2, perfect: 3, pleased: 3,
  quick: 1, recommend: 2, resolved: 2, satisfied: 2, smooth: 2, solved: 2, superb: 4,
  thank: 2, thankful: 2, thanks: 2, thx: 2, wonderful: 4, works: 1, wow: 2, yay: 3,
});

/** Multi-word phrases, matched before single words; the longest match wins. */
export const PHRASE_SCORES: ReadonlyMap<string, number> = entries({
  'still broken': -3,
  'still not working': -3,
  'still not fixed': -3,
  'still waiting': -2,
  'been waiting': -2,
  'been waiting for hours': -3,
  'been waiting for days': -3,
  'waiting for hours': -3,
  'waiting for days': -3,
  'waiting for weeks': -3,
  'not working': -2,
  'doesnt work': -2,
  'does not work': -2,
  'didnt work': -2,
  'did not work': -2,
  'isnt working': -2,
  'stopped working': -2,
  'cancel my account': -3,
  'cancel my subscription': -3,
  'close my account': -2,
  'waste of time': -3,
  'waste of money': -3,
  'want my money back': -3,
  'money back': -2,
  'charged twice': -3,
  'double charged': -3,
  'speak to a human': -2,
  'talk to a human': -2,
  'speak to a manager': -2,
  'no response': -2,
  'never again': -3,
  'fed up': -3,
  'sick of': -3,
  'had enough': -2,
  'going in circles': -2,
  'makes no sense': -2,
  'thank you': 2,
  'thank you so much': 3,
  'thanks so much': 3,
  'thanks a lot': 2,
  'much appreciated': 3,
  'works now': 3,
  'working now': 3,
  'works perfectly': 4,
  'problem solved': 3,
  'issue resolved': 3,
  'all good': 2,
  'youre the best': 4,
  'made my day': 3,
  'great job': 3,
  'well done': 2,
  'no problem': 1,
  'no worries': 1,
  'no issues': 1,
});

/** Longest phrase, in words. */
export const MAX_PHRASE_WORDS = 4;

/** Words that flip the sentiment of what follows within a few words. */
// biome-ignore format: compact word lists
export const NEGATORS: ReadonlySet<string> = new Set([
  'not', 'no', 'never', 'nothing', 'nobody', 'none', 'neither', 'nor', 'cannot', 'without',
  'hardly', 'barely', 'dont', 'doesnt', 'didnt', 'isnt', 'wasnt', 'arent', 'werent', 'wont',
  'cant', 'couldnt', 'wouldnt', 'shouldnt', 'havent', 'hasnt', 'hadnt', 'aint',
]);

/** Words that scale the sentiment word after them. */
// biome-ignore format: compact word lists
export const INTENSIFIERS: ReadonlyMap<string, number> = entries({
  absolutely: 1.6, completely: 1.5, extremely: 1.8, highly: 1.5, incredibly: 1.7, quite: 1.2,
  really: 1.4, seriously: 1.4, so: 1.4, super: 1.5, too: 1.3, totally: 1.5, truly: 1.4,
  utterly: 1.7, very: 1.5, pretty: 1.2,
  bit: 0.6, fairly: 0.8, kinda: 0.6, little: 0.6, slightly: 0.5, somewhat: 0.6,
});

/** Emoji (single code points; variation selectors are ignored). */
// biome-ignore format: compact word lists
export const EMOJI_SCORES: ReadonlyMap<string, number> = entries({
  '😀': 2, '😃': 2, '😄': 2, '😁': 2, '😊': 2, '🙂': 1, '😍': 3, '🥰': 3, '😘': 2, '🤩': 3,
  '😂': 1, '👍': 2, '👏': 2, '🙏': 1, '❤': 3, '💯': 2, '🎉': 3, '✅': 1,
  '😕': -1, '🙁': -2, '☹': -2, '😞': -2, '😟': -2, '😒': -2, '🙄': -2, '😤': -2, '😢': -2,
  '😖': -2, '😣': -2, '😩': -3, '😫': -3, '😭': -3, '😠': -3, '😡': -4, '🤬': -4, '👎': -2,
  '💔': -3, '🤦': -2,
});
