import { prometheusLabelName } from '@agentvitals/core';

const MAX_CACHED = 4096;
const cache = new Map<string, string>();

/** `prometheusLabelName`, memoised: attribute keys repeat on every series of every scrape. */
export function labelNameOf(key: string): string {
  let name = cache.get(key);
  if (name === undefined) {
    name = prometheusLabelName(key);
    if (cache.size < MAX_CACHED) cache.set(key, name);
  }
  return name;
}
