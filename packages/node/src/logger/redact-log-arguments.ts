import { format } from 'node:util';
import { REDACTION_FAILED, redactValue } from '@agentvitals/core';

/**
 * The arguments of one pino call (`(obj?, msg?, ...interpolation)`), redacted: the merging
 * object copied with every string redacted and secret-named fields replaced (see
 * `redactValue`), the message interpolated first and then redacted. An Error as the first
 * argument is put under `err` with its redacted message as the message, as pino would.
 * Never throws: if redaction fails the line carries only `[REDACTED:redaction_failed]`.
 */
export function redactLogArguments(args: readonly unknown[], redact: (text: string) => string): unknown[] {
  try {
    if (args.length === 0) return [];
    const [first, ...rest] = args;
    const message = (parts: readonly unknown[]): string | undefined =>
      parts.length === 0
        ? undefined
        : redact(parts.length === 1 && typeof parts[0] === 'string' ? parts[0] : format(...parts));
    if (first instanceof Error) {
      const fields = redactValue({ err: first }, redact) as { err: { message?: string } };
      return [fields, message(rest) ?? fields.err.message ?? ''];
    }
    if (typeof first === 'object' && first !== null) {
      const fields = redactValue(first, redact);
      const text = message(rest);
      return text === undefined ? [fields] : [fields, text];
    }
    return [message(args) ?? ''];
  } catch {
    return [REDACTION_FAILED];
  }
}
