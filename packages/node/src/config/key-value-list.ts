/**
 * Parses the `key1=value1,key2=value2` lists of OTEL_RESOURCE_ATTRIBUTES and
 * OTEL_EXPORTER_OTLP_HEADERS: entries split on `,`, key and value on the first `=`,
 * both trimmed and percent-decoded. Returns the entries or the reason the list is malformed.
 */
export function parseKeyValueList(text: string): { entries: Record<string, string> } | { error: string } {
  const entries: Record<string, string> = {};
  for (const raw of text.split(',')) {
    const item = raw.trim();
    if (item === '') continue;
    const equals = item.indexOf('=');
    if (equals <= 0) return { error: `"${item}" is not a key=value pair` };
    try {
      const key = decodeURIComponent(item.slice(0, equals).trim());
      const value = decodeURIComponent(item.slice(equals + 1).trim());
      if (key === '') return { error: `"${item}" has an empty key` };
      entries[key] = value;
    } catch {
      return { error: `"${item}" has an invalid percent-encoding` };
    }
  }
  return { entries };
}
