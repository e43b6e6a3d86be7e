import { fnv1a64 } from './fnv-hash.js';

/** A stable identity for a label set: FNV-1a over the sorted `name=value` pairs. */
export function fingerprint(labels: Readonly<Record<string, string>>): string {
  const names = Object.keys(labels).sort();
  let text = '';
  for (const name of names) text += `${name}\u00ff${labels[name]}\u00ff`;
  return fnv1a64(text);
}
