import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, relative } from 'node:path';

/** What a generator found: whether the committed file is current, and what it should hold. */
export interface GeneratedCheck {
  readonly upToDate: boolean;
  readonly expected: string;
}

/**
 * With `--check` on the command line, sets exit code 1 when `target` is stale; otherwise
 * writes it when it differs. `part` names the generated part of the file, `source` where it
 * comes from, both for the messages.
 */
export async function writeOrCheck(
  target: string,
  { upToDate, expected }: GeneratedCheck,
  source: string,
  part?: string,
): Promise<void> {
  const shown = relative(process.cwd(), target) || target;
  const what = part === undefined ? shown : `${shown} (${part})`;
  if (process.argv.includes('--check')) {
    if (upToDate) {
      console.log(`${what} is up to date.`);
    } else {
      console.error(
        `${what} is out of date with ${source}.\nRun \`npm run docs:generate\` and commit the result.`,
      );
      process.exitCode = 1;
    }
  } else if (upToDate) {
    console.log(`${what} is already up to date.`);
  } else {
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, expected, 'utf8');
    console.log(`Wrote ${what}.`);
  }
}
