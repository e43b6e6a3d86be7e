/**
 * Paths whose removal, overwrite or permission change wrecks a system or a home
 * directory, recognised however they are spelled: `//`, `/./`, `/tmp/..`, `${HOME}/*`,
 * `~/`, `"$HOME"/.`, a trailing glob (`/*`, `/.*`).
 */

/** Top-level directories of a Unix system. */
const SYSTEM_DIRECTORIES = new Set([
  'bin',
  'boot',
  'dev',
  'etc',
  'home',
  'lib',
  'lib32',
  'lib64',
  'libx32',
  'opt',
  'proc',
  'root',
  'sbin',
  'srv',
  'sys',
  'usr',
  'var',
  'Users',
  'System',
  'Library',
  'Applications',
  'private',
  'Volumes',
  'mnt',
  'media',
  'snap',
  'run',
]);

/** A path segment made only of glob characters (`*`, `.*`, `.[!.]*`, `{*,.*}`, `?*`). */
const GLOB_SEGMENT = /^[*?.[\]!{},^]+$/;
const HOME = /^(?:\$\{HOME\}|\$HOME|~[A-Za-z0-9_.-]*)(?=\/|$)/;

/** The path with `//`, `.` and `..` resolved, `$HOME`/`${HOME}`/`~user` written `~`, trailing glob segments removed. */
export function normalizePath(path: string): { readonly path: string; readonly contents: boolean } {
  const home = HOME.exec(path);
  const rooted = home === null && path.startsWith('/');
  const body = home === null ? path : path.slice(home[0].length);
  const segments: string[] = [];
  for (const segment of body.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (segments.length > 0 && segments.at(-1) !== '..') segments.pop();
      else if (!rooted && home === null) segments.push('..');
      continue;
    }
    segments.push(segment);
  }
  let contents = false;
  while (segments.length > 0 && GLOB_SEGMENT.test(segments.at(-1)!) && segments.at(-1) !== '..') {
    segments.pop();
    contents = true;
  }
  const joined = segments.join('/');
  const prefix = home !== null ? '~' : rooted ? '/' : '';
  const normalized = prefix === '~' ? (joined === '' ? '~' : `~/${joined}`) : `${prefix}${joined}`;
  return { path: normalized === '' ? '.' : normalized, contents };
}

/**
 * True when removing or overwriting `path` (recursively) destroys a system, a home
 * directory or the whole working directory: `/`, a top-level system directory, `/home/x`,
 * `~`, `.`, `..`, a glob of the current directory (`*`), or a path known only at run time
 * (an unexpanded `$variable`).
 */
export function isCriticalPath(path: string): boolean {
  if (/[$`]/.test(path.replace(HOME, ''))) return true;
  const { path: normalized } = normalizePath(path);
  if (normalized === '/' || normalized === '~' || normalized === '.' || /^\.\.(?:\/\.\.)*$/.test(normalized))
    return true;
  if (normalized.startsWith('~')) return /^~\/\.(?:ssh|config|gnupg|local)$/.test(normalized);
  const segments = normalized.split('/').filter(Boolean);
  if (!normalized.startsWith('/')) return false;
  if (segments.length === 1) return SYSTEM_DIRECTORIES.has(segments[0]!);
  return segments.length === 2 && ['home', 'Users', 'root'].includes(segments[0]!);
}

/** A device path after normalisation (`//dev/sda` → `/dev/sda`). */
export const normalizeDevicePath = (path: string): string => normalizePath(path).path;
