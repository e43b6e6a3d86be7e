import { createTestKit } from '@agentvitals/testing';
import { describe, expect, it } from 'vitest';
import { endSpanWithError, MAX_ERROR_MESSAGE_LENGTH, redactError } from './span-status.js';

const KEY = 'sk-proj-abcdefghijklmnopqrstuvwxyz0123456789ABCD';

describe('endSpanWithError', () => {
  it('redacts the message and the stack in the status and the exception event', async () => {
    const kit = createTestKit({ agentName: 'bot' });
    const failing = kit.vitals.tool('kb.search', () => {
      throw new Error(`login as jane@example.com with ${KEY} failed`);
    });
    expect(() => failing()).toThrow(KEY);
    const [span] = kit.spans();
    const text = JSON.stringify({ status: span!.status, events: span!.events });
    expect(text).not.toContain(KEY);
    expect(text).not.toContain('jane@example.com');
    expect(span!.status.message).toBe('login as [REDACTED:email] with [REDACTED:openai_key] failed');
    const event = span!.events.find((e) => e.name === 'exception')!;
    expect(event.attributes!['exception.type']).toBe('Error');
    expect(event.attributes!['exception.message']).toBe(span!.status.message);
    expect(String(event.attributes!['exception.stacktrace'])).toContain('[REDACTED:openai_key]');
    expect(span!.attributes['error.type']).toBe('Error');
    await kit.shutdown();
  });

  it('records a thrown string as a redacted message, and never a secret-looking error name as error.type', async () => {
    const kit = createTestKit({ agentName: 'bot' });
    const strings = kit.vitals.tool('a', () => {
      throw `token=${KEY}`;
    });
    expect(() => strings()).toThrow();
    const named = kit.vitals.tool('b', () => {
      const error = new Error('x');
      error.name = 'ghp_0123456789abcdefghijklmnopqrstuvwxyzAB';
      throw error;
    });
    expect(() => named()).toThrow();
    const [first, second] = kit.spans();
    expect(first!.status.message).toBe('token=[REDACTED:openai_key]');
    expect(second!.attributes['error.type']).toBe('Error');
    expect(JSON.stringify(second!.events)).not.toContain('ghp_');
    await kit.shutdown();
  });

  it('bounds huge messages, survives hostile errors and spans that throw', () => {
    const huge = redactError(new Error(`${'a'.repeat(1_000_000)} ${KEY}`));
    expect(huge.message!.length).toBeLessThan(MAX_ERROR_MESSAGE_LENGTH + 20);
    const hostile = new Proxy(
      {},
      {
        get() {
          throw new Error('boom');
        },
      },
    );
    expect(redactError(hostile)).toEqual({ type: undefined, message: undefined, stack: undefined });
    const span = {
      setAttribute() {
        throw new Error('broken span');
      },
      end() {
        throw new Error('broken span');
      },
    };
    expect(() => endSpanWithError(span as never, new Error('x'), 'Error')).not.toThrow();
  });
});
