import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { entryProblems } from './command-allow-list.js';
import { RECOMMENDED_SHELL_COMMANDS } from './recommended-commands.js';

describe('RECOMMENDED_SHELL_COMMANDS', () => {
  it('holds valid entries, each listed in docs/policies.md', () => {
    const docs = readFileSync(new URL('../../../../../docs/policies.md', import.meta.url), 'utf8');
    for (const entry of RECOMMENDED_SHELL_COMMANDS) {
      expect(entryProblems(entry), entry).toEqual([]);
      expect(docs, entry).toContain(`\`${entry}\``);
    }
  });
});
