import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRedactor, REDACTION_FAILED } from './redact.js';

const redact = createRedactor();
const RUNS = Number(process.env.FAST_CHECK_RUNS ?? 200);

/** Secrets with the part that must disappear; separate from the unit tests' samples. */
const SECRETS: readonly (readonly [text: string, needle: string])[] = [
  ['sk-proj-Zx81mQ0vLr3TnB6yW2cK9dH5pF4gJ7sA1eU0iO8', 'Zx81mQ0vLr3TnB6yW2cK9dH5pF4gJ7sA1eU0iO8'],
  ['ghp_R2d4F6h8J0k2L4m6N8p0Q2s4T6v8X0z2B4c6', 'R2d4F6h8J0k2L4m6N8p0Q2s4T6v8X0z2B4c6'],
  ['npm_Q1w2E3r4T5y6U7i8O9p0A1s2D3f4G5h6J7k8', 'Q1w2E3r4T5y6U7i8O9p0A1s2D3f4G5h6J7k8'],
  ['mysql://root:Tr0ub4dor3@192.168.7.20/app', 'Tr0ub4dor3'],
  ['AccountKey=Qm9ndXNLZXlGb3JBenVyZVN0b3JhZ2VUZXN0c09ubHk=;', 'Qm9ndXNLZXlGb3JBenVyZVN0b3JhZ2VUZXN0c09ubHk'],
  [
    '"SecretAccessKey": "Je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY"',
    'Je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY',
  ],
  ['carla.m.ortiz@example-mail.net', 'carla.m.ortiz@example-mail.net'],
  ['5425 2334 3010 9903', '5425 2334 3010 9903'],
  ['GB29 NWBK 6016 1331 9268 19', 'GB29 NWBK 6016 1331 9268 19'],
];

const words = fc.array(fc.stringMatching(/^[a-z]{1,8}$/), { maxLength: 6 }).map((list) => list.join(' '));

describe('the redactor on hostile input (fast-check)', () => {
  it('never throws and always returns a string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        const out = redact(text);
        expect(typeof out).toBe('string');
        expect(out).not.toBe(REDACTION_FAILED);
      }),
      { numRuns: RUNS },
    );
  });

  it('removes a secret whatever words surround it', () => {
    fc.assert(
      fc.property(words, fc.constantFrom(...SECRETS), words, (before, [secret, needle], after) => {
        const out = redact(`${before} ${secret} ${after}`);
        expect(out).not.toContain(needle);
      }),
      { numRuns: RUNS },
    );
  });

  it('leaves text without digits, @, :// or key words unchanged', () => {
    fc.assert(
      fc.property(words, (text) => {
        fc.pre(!/token|secret|pass|pwd|key|auth|bearer|basic/.test(text));
        expect(redact(text)).toBe(text);
      }),
      { numRuns: RUNS },
    );
  });
});
