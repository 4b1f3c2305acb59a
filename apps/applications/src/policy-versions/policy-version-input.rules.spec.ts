import { isPolicyVersionCode } from './policy-version-input.rules';

describe('policy version codes', () => {
  it.each(['CZ-HRSIP-2024-TRIAL', 'XY.2031_1', 'a1'])('takes %s', (code) => {
    expect(isPolicyVersionCode(code)).toBe(true);
  });

  // Each of these would reach PostgreSQL as a lookup key otherwise: NUL is an SQL error there.
  it.each(['', 'x', '-CZ', 'CZ 2024', 'a\u0000b', `A${'1'.repeat(64)}`, "CZ'; DROP TABLE policy_version; --"])('refuses %p', (code) => {
    expect(isPolicyVersionCode(code)).toBe(false);
  });
});
