import { CITY_MEASURES, policyInForce, type PolicyVersion } from './policy-version';

const xiangyuan: PolicyVersion = { ...CITY_MEASURES, code: 'XY-2026', jurisdiction: { kind: 'COUNTY', countyCode: '140423' }, effectiveFrom: '2026-07-01', effectiveTo: null };
const revised: PolicyVersion = { ...CITY_MEASURES, code: 'CZ-2027', effectiveFrom: '2027-01-01' };
const trial: PolicyVersion = { ...CITY_MEASURES, effectiveTo: '2026-12-31' };

describe('policy in force', () => {
  it("prefers a county's own version (Art 22) while it is in force", () => {
    expect(policyInForce([trial, xiangyuan], '140423', '2026-07-01')?.code).toBe('XY-2026');
    expect(policyInForce([trial, xiangyuan], '140423', '2026-06-30')?.code).toBe(CITY_MEASURES.code);
    expect(policyInForce([trial, xiangyuan], '140403', '2026-08-01')?.code).toBe(CITY_MEASURES.code);
  });

  it('switches to a revision on its first day, inclusive of both ends', () => {
    expect(policyInForce([trial, revised], '140403', '2026-12-31')?.code).toBe(CITY_MEASURES.code);
    expect(policyInForce([trial, revised], '140403', '2027-01-01')?.code).toBe('CZ-2027');
  });

  it('finds nothing before the measures took effect', () => {
    expect(policyInForce([CITY_MEASURES], '140403', '2023-12-31')).toBeUndefined();
  });
});
