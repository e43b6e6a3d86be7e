import { describe, expect, it } from 'vitest';
import { runDemo } from './demo.js';

describe('the AI SDK example', () => {
  it('runs offline and prints the vitals of its three runs', async () => {
    const text = await runDemo();
    expect(text).toContain('generate(): Order 42 has shipped');
    expect(text).toContain('stream():   Order 42 has shipped');
    expect(text).toContain('generate(): I may not run that command.');
    expect(text).toMatch(/agent\.runs\s+3 success, 0 error/);
    expect(text).toMatch(/agent\.reasoning\.duration\s+8 model requests/);
    expect(text).toMatch(/shell denied: 1/);
    expect(text).toMatch(/carrierStatus error: 2/);
    expect(text).toContain('chat gpt-4o-mini -> gpt-4o-mini-2024-07-18');
  });
});
