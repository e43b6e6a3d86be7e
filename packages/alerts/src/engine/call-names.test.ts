import { describe, expect, it } from 'vitest';
import { CallNames } from './call-names.js';

describe('CallNames', () => {
  it('gives back the name of a call once, then forgets it', () => {
    const names = new CallNames();
    names.set(7, 'shell');
    expect(names.take(8)).toBeUndefined();
    expect(names.take(7)).toBe('shell');
    expect(names.take(7)).toBeUndefined();
    names.set(9, 'git');
    names.delete(9);
    expect(names.take(9)).toBeUndefined();
  });

  it('stays a fixed table: a call far later in the same slot replaces an older one', () => {
    const names = new CallNames();
    for (let id = 0; id < 1_000_000; id++) names.set(id, `tool-${id}`);
    expect(names.take(999_999)).toBe('tool-999999');
    expect(names.take(0)).toBeUndefined();
    names.set(1, 'a');
    names.set(1 + 4096, 'b');
    expect(names.take(1)).toBeUndefined();
    expect(names.take(1 + 4096)).toBe('b');
  });
});
