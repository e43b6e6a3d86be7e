import { describe, expect, it } from 'vitest';
import { formatValue, renderTemplate } from './render-template.js';

describe('renderTemplate', () => {
  it('fills $value and $labels like a Prometheus template', () => {
    const text = renderTemplate(
      '{{ $labels.gen_ai_agent_name }} at {{$value}} ({{ $labels.missing }})',
      5.123456,
      {
        gen_ai_agent_name: 'bot',
      },
    );
    expect(text).toBe('bot at 5.1235 ()');
  });

  it('leaves other text alone', () => {
    expect(renderTemplate('{{ .Value }} {{ $other }}', 1, {})).toBe('{{ .Value }} {{ $other }}');
  });
});

describe('formatValue', () => {
  it('formats numbers for people', () => {
    expect(formatValue(12)).toBe('12');
    expect(formatValue(0.30000000000000004)).toBe('0.3');
    expect(formatValue(undefined)).toBe('');
    expect(formatValue(Number.NaN)).toBe('');
    expect(formatValue(Number.POSITIVE_INFINITY)).toBe('Infinity');
    expect(formatValue(-1.5)).toBe('-1.5');
  });
});
