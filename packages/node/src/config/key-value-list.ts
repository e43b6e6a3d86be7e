export interface KeyValueListOptions {
  /**
   * The values are credentials (OTEL_EXPORTER_OTLP_HEADERS): a malformed entry is named by its
   * position and key only, so a token never reaches the configuration error and the logs.
   */
  readonly secretValues?: boolean;
}

/**
 * Parses the `key1=value1,key2=value2` lists of OTEL_RESOURCE_ATTRIBUTES and
 * OTEL_EXPORTER_OTLP_HEADERS: entries split on `,`, key and value on the first `=`,
 * both trimmed and percent-decoded. Returns the entries or the reason the list is malformed.
 */
export function parseKeyValueList(
  text: string,
  options: KeyValueListOptions = {},
): { entries: Record<string, string> } | { error: string } {
  const entries: Record<string, string> = {};
  let position = 0;
  for (const raw of text.split(',')) {
    const item = raw.trim();
    if (item === '') continue;
    position += 1;
    const equals = item.indexOf('=');
    const shown = options.secretValues
      ? equals > 0
        ? `entry ${position} ("${item.slice(0, equals).trim()}=…")`
        : `entry ${position} (not shown: it may hold a credential)`
      : `"${item}"`;
    if (equals <= 0) return { error: `${shown} is not a key=value pair` };
    try {
      const key = decodeURIComponent(item.slice(0, equals).trim());
      const value = decodeURIComponent(item.slice(equals + 1).trim());
      if (key === '') return { error: `${shown} has an empty key` };
      entries[key] = value;
    } catch {
      return { error: `${shown} has an invalid percent-encoding` };
    }
  }
  return { entries };
}
