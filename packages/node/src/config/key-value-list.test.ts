import { describe, expect, it } from 'vitest';
import { parseKeyValueList } from './key-value-list.js';

describe('parseKeyValueList', () => {
  it('splits entries, trims and percent-decodes keys and values', () => {
    expect(parseKeyValueList(' a = 1 ,b=x%2Cy, c=, ,authorization=Bearer%20t=k')).toEqual({
      entries: { a: '1', b: 'x,y', c: '', authorization: 'Bearer t=k' },
    });
  });

  it('returns an empty list for empty text', () => {
    expect(parseKeyValueList('')).toEqual({ entries: {} });
  });

  it.each(['novalue', '=v', 'a=%E0%A4%A'])('reports the malformed entry in %j', (text) => {
    const result = parseKeyValueList(text);
    expect('error' in result && result.error).toMatch(/"/);
  });

  it('names a malformed credential by its position and key, never its value', () => {
    const token = 'sk-proj-AbCdEfGhIjKlMnOpQrStUvWx';
    for (const text of [
      `x-team=a,authorization: Bearer ${token}`,
      `authorization=Bearer%ZZ${token}`,
      `=${token}`,
    ]) {
      const result = parseKeyValueList(text, { secretValues: true });
      expect('error' in result).toBe(true);
      expect('error' in result && result.error).not.toContain(token);
      expect('error' in result && result.error).toMatch(/^entry \d/);
    }
    const named = parseKeyValueList(`authorization=Bearer%ZZ${token}`, { secretValues: true });
    expect('error' in named && named.error).toContain('"authorization=…"');
  });
});
