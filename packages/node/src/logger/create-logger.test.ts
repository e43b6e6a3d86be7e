import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './create-logger.js';

const KEY = 'sk-proj-abcdefghijklmnopqrstuvwxyz0123456789ABCD';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  const logger = createLogger({
    level: 'debug',
    serviceName: 'svc',
    agentName: 'bot',
    destination: destination as never,
    requestId: () => `req for ${KEY}`,
  });
  return { logger, lines, text: () => JSON.stringify(lines) };
}

describe('the logger redacts everything it writes', () => {
  it('messages, interpolation, nested fields, secret-named fields and the request id', () => {
    const { logger, lines, text } = capture();
    logger.info({ user: { email: 'jane@example.com', password: 12345 }, list: [KEY] }, `key ${KEY}`);
    logger.debug('value %s and %o', KEY, { nested: 'bob@example.com' });
    expect(text()).not.toMatch(/sk-proj-|jane@|bob@|12345/);
    expect(lines[0]).toMatchObject({
      msg: 'key [REDACTED:openai_key]',
      user: { email: '[REDACTED:email]', password: '[REDACTED:secret_field]' },
      list: ['[REDACTED:openai_key]'],
      request_id: 'req for [REDACTED:openai_key]',
    });
  });

  it('errors as the first argument or under err: type, message and stack', () => {
    const { logger, lines, text } = capture();
    logger.error(new Error(`failed for jane@example.com with ${KEY}`));
    logger.error({ err: new TypeError(`bad ${KEY}`) }, 'tool failed');
    expect(text()).not.toMatch(/sk-proj-|jane@/);
    expect(lines[0]).toMatchObject({ msg: 'failed for [REDACTED:email] with [REDACTED:openai_key]' });
    expect((lines[0]!.err as { stack: string }).stack).toContain('[REDACTED:openai_key]');
    expect(lines[1]).toMatchObject({
      msg: 'tool failed',
      err: { type: 'TypeError', message: 'bad [REDACTED:openai_key]' },
    });
  });

  it('child bindings of every generation, and setBindings', () => {
    const { logger, text } = capture();
    const child = logger.child({ customer: 'jane@example.com' });
    child.child({ token: 'abc' }).info('grandchild');
    child.setBindings({ card: '4111 1111 1111 1111' });
    child.info('after');
    expect(text()).not.toMatch(/jane@|"abc"|4111/);
    expect(text()).toContain('[REDACTED:email]');
  });
});
