import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const script = fileURLToPath(new URL('../scripts/check-imports.mjs', import.meta.url));
const temporary: string[] = [];

async function fakePackage(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'av-imports-'));
  temporary.push(dir);
  await writeFile(join(dir, 'package.json'), '{"name":"fake"}');
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  return dir;
}

async function check(dir: string): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [script, dir]);
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, output: failed.stdout + failed.stderr };
  }
}

afterAll(async () => {
  for (const dir of temporary) await rm(dir, { recursive: true, force: true });
});

describe('scripts/check-imports.mjs', () => {
  it('passes on the repository', async () => {
    const result = await check(fileURLToPath(new URL('../packages/core', import.meta.url)));
    expect(result.output).toContain('Imports OK');
    expect(result.code).toBe(0);
  });

  it('passes a clean package', async () => {
    const dir = await fakePackage({
      'src/index.ts': "export { a } from './a/a.js';\n",
      'src/a/a.ts': "import { b } from '../b/b.js';\nexport const a = b;\n",
      'src/b/b.ts': 'export const b = 1;\n',
      'src/b/b.test.ts': "import { b } from './b.js';\n",
    });
    expect(await check(dir)).toMatchObject({ code: 0 });
  });

  it('fails on a file cycle, a folder cycle and an unused module', async () => {
    const dir = await fakePackage({
      'src/index.ts': "export * from './a/a.js';\nexport * from './a/x.js';\n",
      'src/a/a.ts': "import type { B } from '../b/b.js';\nexport type A = B;\n",
      'src/a/x.ts': "import { y } from './y.js';\nexport const x = 1 + y;\n",
      'src/a/y.ts': "import { x } from './x.js';\nexport const y = () => x;\n",
      'src/b/b.ts': "import { x } from '../a/x.js';\nexport type B = typeof x;\n",
      'src/b/dead.ts': '// import { x } from "../a/x.js";\nexport const dead = 1;\n',
    });
    const result = await check(dir);
    expect(result.code).toBe(1);
    expect(result.output).toMatch(/import cycle between files: .*src\/a\/x\.ts ↔ .*src\/a\/y\.ts/);
    expect(result.output).toMatch(/import cycle between folders of .*: a ↔ b/);
    expect(result.output).toMatch(/unused module \(nothing imports it\): .*src\/b\/dead\.ts/);
  });
});
