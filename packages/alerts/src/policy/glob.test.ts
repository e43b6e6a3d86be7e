import { describe, expect, it } from 'vitest';
import { compileGlob } from './glob.js';

describe('compileGlob', () => {
  it.each([
    ['fs.*', 'fs.read', true],
    ['fs.*', 'fs.dir.list', true],
    ['fs.*', 'fsx.read', false],
    ['fs.*', 'fs', false],
    ['shell', 'shell', true],
    ['shell', 'shell2', false],
    ['db.?et', 'db.get', true],
    ['db.?et', 'db.geet', false],
    ['*', 'anything', true],
    ['a+b(c)', 'a+b(c)', true],
    ['a.b', 'aXb', false],
    ['**.write', 'fs.x.write', true],
    ['😀?', '😀x', true],
  ])('%s matches %s: %s', (glob, name, expected) => {
    expect(compileGlob(glob).matches(name)).toBe(expected);
  });

  it.each([
    ['shell', 'Shell', true],
    ['shell', 'SHELL', true],
    ['shell', 'ｓｈｅｌｌ', true],
    ['shell', 'shell\u200b', true],
    ['shell', 'sh\u00adell', true],
    ['shell', ' shell ', true],
    ['shell', '"shell"', true],
    ['Shell.*', 'shell.exec', true],
    ['fs.*', 'FS.read', true],
    ['shell', 'shel', false],
    ['shell', 'sh\u0435ll', false],
  ])('%s matches the canonical form of %j: %s', (glob, name, expected) => {
    expect(compileGlob(glob).matches(name)).toBe(expected);
  });
});
