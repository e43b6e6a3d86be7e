import type { z } from 'zod';

/** One line per issue: `path: message`, the path in dotted/bracket form. */
function formatIssue(issue: z.core.$ZodIssue): string {
  let path = '';
  for (const key of issue.path) {
    if (typeof key === 'number') path += `[${key}]`;
    else path += path === '' ? String(key) : `.${String(key)}`;
  }
  return `  - ${path === '' ? '(options)' : path}: ${issue.message}`;
}

/**
 * Validates `input` against `schema`; on failure throws one `TypeError` that lists every
 * bad field, prefixed with `what` (the function being configured).
 */
export function parseOptions<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const lines = result.error.issues.map(formatIssue);
  throw new TypeError(`${what}: invalid options\n${lines.join('\n')}`);
}
