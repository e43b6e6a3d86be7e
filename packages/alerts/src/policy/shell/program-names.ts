/** Reading program names and git's subcommand out of an argument vector. */

type Argv = readonly string[];

/** The lower-cased basename of a program, without `.exe`. */
export const basename = (word: string): string =>
  word
    .slice(word.lastIndexOf('/') + 1)
    .toLowerCase()
    .replace(/\.exe$/, '');

/** The index of git's subcommand, after its global options. */
export function gitSubcommandIndex(argv: Argv): number {
  let index = 1;
  while (index < argv.length && argv[index]!.startsWith('-')) {
    if (['-C', '-c', '--git-dir', '--work-tree', '--namespace', '--config-env'].includes(argv[index]!))
      index += 1;
    index += 1;
  }
  return index;
}
