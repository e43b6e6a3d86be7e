const ERROR_TYPE = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;

/** An error whose `name` becomes the `error.type` attribute; the message stays out of metrics. */
export function namedError(name: string, message: string): Error {
  const error = new Error(message);
  error.name = ERROR_TYPE.test(name) ? name : 'Error';
  return error;
}

/** A value from a hook payload as a short label-safe string, or undefined. */
export function labelOf(value: unknown): string | undefined {
  return typeof value === 'string' && ERROR_TYPE.test(value) ? value : undefined;
}

/** A non-empty string of at most 256 characters from a hook payload, or undefined. */
export function idOf(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 && value.length <= 256 ? value : undefined;
}
