import { Writable } from 'node:stream';

/** A pino destination that keeps every JSON line, parsed. */
export function captureLines(): { stream: Writable; lines: Array<Record<string, unknown>> } {
  const lines: Array<Record<string, unknown>> = [];
  let pending = '';
  const stream = new Writable({
    write(chunk, _encoding, done) {
      pending += String(chunk);
      let newline = pending.indexOf('\n');
      while (newline >= 0) {
        const line = pending.slice(0, newline);
        pending = pending.slice(newline + 1);
        if (line.trim() !== '') lines.push(JSON.parse(line) as Record<string, unknown>);
        newline = pending.indexOf('\n');
      }
      done();
    },
  });
  return { stream, lines };
}

/** Options every in-process test uses: no signal handlers, no real environment, a free port. */
export const TEST_OPTIONS = {
  signals: false,
  env: {},
  prometheus: { port: 0 },
} as const;
