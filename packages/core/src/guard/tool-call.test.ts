import { describe, expect, it } from 'vitest';
import { canonicalToolName, decodeToolInput, UNREADABLE_INPUT } from './tool-call.js';

describe('canonicalToolName', () => {
  it('folds case, width, invisible and surrounding characters to one name', () => {
    for (const name of [
      'shell',
      'Shell',
      'SHELL',
      'shell\u200b',
      '\u200bsh\u00adell',
      'ｓｈｅｌｌ',
      ' "shell" ',
      'she\u2060ll',
    ])
      expect(canonicalToolName(name)).toBe('shell');
  });
  it('keeps distinct names distinct', () => {
    expect(canonicalToolName('shell_exec')).not.toBe(canonicalToolName('shell'));
  });
  it('gives an empty name for values that are not names', () => {
    expect(canonicalToolName(undefined)).toBe('');
    expect(canonicalToolName({ toString: () => 'shell' })).toBe('');
  });
});

describe('decodeToolInput', () => {
  it('parses the JSON string of an OpenAI tool call', () => {
    expect(decodeToolInput(['{"command":"rm -rf ~"}'])).toEqual({ command: 'rm -rf ~' });
    expect(
      decodeToolInput([
        { type: 'function', function: { name: 'shell', arguments: '{"command":"rm -rf ~"}' } },
      ]),
    ).toEqual({ command: 'rm -rf ~' });
    expect(decodeToolInput([{ type: 'function_call', name: 'shell', arguments: '{"cmd":"ls"}' }])).toEqual({
      cmd: 'ls',
    });
    expect(decodeToolInput([{ type: 'tool_use', name: 'shell', input: { cmd: 'ls' } }])).toEqual({
      cmd: 'ls',
    });
  });
  it('keeps plain strings and objects, and positional arguments as an array', () => {
    expect(decodeToolInput(['ls -la'])).toBe('ls -la');
    expect(decodeToolInput([{ path: '/tmp' }])).toEqual({ path: '/tmp' });
    expect(decodeToolInput(['git', '{"a":1}'])).toEqual(['git', { a: 1 }]);
    expect(decodeToolInput([])).toBeUndefined();
  });
  it('reduces a Vercel AI SDK tool call to its input', () => {
    expect(
      decodeToolInput([{ type: 'tool-call', toolCallId: 'c1', toolName: 'shell', input: { command: 'ls' } }]),
    ).toEqual({ command: 'ls' });
    expect(decodeToolInput([{ toolCallId: 'c1', toolName: 'shell', args: '{"command":"ls"}' }])).toEqual({
      command: 'ls',
    });
  });
  it('never throws: unreadable arguments are reported as such', () => {
    const hostile = new Proxy(
      {},
      {
        get() {
          throw new Error('boom');
        },
        has() {
          throw new Error('boom');
        },
      },
    );
    expect(decodeToolInput([hostile])).toBe(UNREADABLE_INPUT);
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    expect(decodeToolInput([proxy])).toBe(UNREADABLE_INPUT);
  });
});
