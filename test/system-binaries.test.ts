import { describe, expect, it } from 'vitest';
import { decideAvailability } from './helpers/system-binaries.js';

const none = () => undefined;
const all = (name: string) => `/usr/bin/${name}`;

describe('tests that need system programs', () => {
  it('run where the programs exist', () => {
    expect(decideAvailability(['promtool'], all, {})).toEqual({
      run: true,
      paths: { promtool: '/usr/bin/promtool' },
    });
  });

  it('skip on a fresh machine, naming the Debian packages to install', () => {
    const result = decideAvailability(['prometheus', 'promtool', 'amtool'], none, {});
    expect(result).toEqual({
      run: false,
      reason: 'prometheus, promtool, amtool not found: apt-get install prometheus prometheus-alertmanager',
    });
  });

  it('fail in CI, or where real servers are required, when a program is missing', () => {
    expect(() => decideAvailability(['prometheus'], none, { CI: 'true' })).toThrow(
      /apt-get install prometheus.*CI=true/,
    );
    expect(() => decideAvailability(['prometheus'], none, { AGENTVITALS_REQUIRE_REAL_SERVERS: '1' })).toThrow(
      /AGENTVITALS_REQUIRE_REAL_SERVERS=1/,
    );
  });

  it('skip when asked to, even where the programs exist', () => {
    expect(
      decideAvailability(['prometheus'], all, { AGENTVITALS_SKIP_REAL_SERVERS: '1', CI: 'true' }).run,
    ).toBe(false);
  });
});
