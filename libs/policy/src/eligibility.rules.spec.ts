import { BadUserInputError } from '@cz/errors';
import type { DeclaredFacts, DeclaredInstitution, DeclaredSite } from './declared-facts';
import { type EligibilityRule, evaluateEligibility, type RuleResult } from './eligibility.rules';
import { CITY_MEASURES, type PolicyParameters } from './policy-version';

const AS_OF = '2026-03-15';
const CITY = CITY_MEASURES.parameters;

function site(buildingAreaM2: string, isCore = false, index = 0): DeclaredSite {
  return { name: `园区${index}`, address: `长治市潞州区某路 ${index} 号`, buildingAreaM2, isCore };
}

function institution(index: number, overrides: Partial<DeclaredInstitution> = {}): DeclaredInstitution {
  return {
    name: `机构${index}`,
    creditCode: `91140400MA0000000${index % 10}`,
    licenceKind: 'LICENCE',
    licenceNo: `（晋）人服证字〔2024〕第${index}号`,
    licenceValidUntil: null,
    operating: true,
    revenueFen: '0',
    ...overrides,
  };
}

/** Ten institutions with no revenue unless given: the other rules pass, so one rule is on trial. */
function facts(overrides: Partial<DeclaredFacts> = {}, revenues: string[] = []): DeclaredFacts {
  return {
    revenueYear: 2025,
    sites: [site('3000.00', true)],
    institutions: Array.from({ length: Math.max(10, revenues.length) }, (_, index) => institution(index, { revenueFen: revenues[index] ?? '0' })),
    publicServices: ['EMPLOYMENT_ENTREPRENEURSHIP', 'VOCATIONAL_TRAINING', 'SOCIAL_SECURITY', 'PERSONNEL_TALENT'],
    subParkJustification: null,
    ...overrides,
  };
}

function rule(name: EligibilityRule, input: DeclaredFacts, parameters: PolicyParameters = CITY, asOf = AS_OF): RuleResult {
  const result = evaluateEligibility(input, parameters, asOf).find((candidate) => candidate.rule === name);
  if (!result) throw new Error(`no ${name} result`);
  return result;
}

const outcome = (name: EligibilityRule, input: DeclaredFacts, parameters?: PolicyParameters) => rule(name, input, parameters).outcome;
const repeat = (count: number, fen: string) => Array.from({ length: count }, () => fen);

describe('evaluateEligibility (Art 6, city measures)', () => {
  it('returns one result per rule, in order, each with an article, figures and a Chinese explanation', () => {
    const results = evaluateEligibility(facts({}, ['3000000000']), CITY, AS_OF);
    expect(results.map((result) => result.rule)).toEqual(['SITE_AREA', 'SUB_PARK_COUNT', 'INSTITUTION_COUNT', 'INSTITUTION_LICENCES', 'REVENUE', 'PUBLIC_SERVICES']);
    expect(results.every((result) => result.outcome === 'PASS')).toBe(true);
    expect(results[0].article).toBe('第六条第（二）项');
    expect(results[4].article).toBe('第六条第（三）项');
    for (const result of results) {
      expect(result.explanation).toMatch(/[\u4e00-\u9fff]/);
      expect(Object.values(result.figures).every((value) => typeof value === 'string')).toBe(true);
    }
  });

  describe('SITE_AREA: one site 不少于 3000 m²', () => {
    it.each([
      ['2999.99', 'FAIL'],
      ['3000.00', 'PASS'],
      ['3000', 'PASS'],
    ])('%s m² → %s', (area, expected) => {
      const result = rule('SITE_AREA', facts({ sites: [site(area, true)] }));
      expect(result.outcome).toBe(expected);
      expect(result.figures.singleSiteAreaM2).toBe(area.includes('.') ? area : `${area}.00`);
      expect(result.figures.singleSiteMinAreaM2).toBe('3000.00');
    });

    it('fails without exactly one core site, saying so', () => {
      const none = rule('SITE_AREA', facts({ sites: [site('5000')] }));
      expect(none.outcome).toBe('FAIL');
      expect(none.explanation).toContain('核心园区 0 个');
      expect(outcome('SITE_AREA', facts({ sites: [site('3000', true), site('3000', true, 1)] }))).toBe('FAIL');
      expect(outcome('SITE_AREA', facts({ sites: [] }))).toBe('FAIL');
    });
  });

  describe('SITE_AREA: several sites, core 不少于 2000 m² and total 不少于 4000 m²', () => {
    it.each([
      ['1999.99', '2000.01', 'FAIL'],
      ['2000.00', '1999.99', 'FAIL'],
      ['2000.00', '2000.00', 'PASS'],
      ['2500.50', '1499.50', 'PASS'],
    ])('core %s + sub-park %s → %s', (core, sub, expected) => {
      const result = rule('SITE_AREA', facts({ sites: [site(sub, false, 1), site(core, true)] }));
      expect(result.outcome).toBe(expected);
      expect(result.figures.coreSiteAreaM2).toBe(core);
    });

    it('adds areas exactly: total 3999.99 fails, 4000.00 passes', () => {
      const short = rule('SITE_AREA', facts({ sites: [site('2000.00', true), site('1000.33', false, 1), site('999.66', false, 2)] }));
      expect(short.figures.totalAreaM2).toBe('3999.99');
      expect(short.outcome).toBe('FAIL');
      const enough = rule('SITE_AREA', facts({ sites: [site('2000.00', true), site('1000.34', false, 1), site('999.66', false, 2)] }));
      expect(enough.figures.totalAreaM2).toBe('4000.00');
      expect(enough.outcome).toBe('PASS');
    });
  });

  describe('SUB_PARK_COUNT: 原则上不超过 3', () => {
    const sites = (count: number) => [site('2000', true), ...Array.from({ length: count }, (_, index) => site('1000', false, index + 1))];

    it('passes at 3 sub-parks', () => {
      const result = rule('SUB_PARK_COUNT', facts({ sites: sites(3) }));
      expect(result.outcome).toBe('PASS');
      expect(result.figures).toEqual({ subParkCount: '3', maxSubParks: '3' });
    });

    it('needs a justification at 4, never fails outright, and says whether one was given', () => {
      const without = rule('SUB_PARK_COUNT', facts({ sites: sites(4) }));
      expect(without.outcome).toBe('NEEDS_JUSTIFICATION');
      expect(without.explanation).toContain('未提交书面说明');
      const justified = rule('SUB_PARK_COUNT', facts({ sites: sites(4), subParkJustification: '老城区与新区各需布点' }));
      expect(justified.outcome).toBe('NEEDS_JUSTIFICATION');
      expect(justified.explanation).toContain('已提交书面说明');
      expect(justified.explanation).toContain('市人社局');
      expect(rule('SUB_PARK_COUNT', facts({ sites: sites(4), subParkJustification: '   ' })).explanation).toContain('未提交');
    });
  });

  describe('INSTITUTION_COUNT: 不少于 10', () => {
    it.each([
      [9, 'FAIL'],
      [10, 'PASS'],
    ])('%i institutions → %s', (count, expected) => {
      const result = rule('INSTITUTION_COUNT', facts({ institutions: Array.from({ length: count }, (_, index) => institution(index)) }));
      expect(result.outcome).toBe(expected);
      expect(result.figures.institutionCount).toBe(String(count));
    });
  });

  describe('INSTITUTION_LICENCES: valid on the submission day', () => {
    const withLicence = (overrides: Partial<DeclaredInstitution>) => facts({ institutions: [institution(0, { name: '晋才人力', ...overrides }), ...Array.from({ length: 9 }, (_, index) => institution(index + 1))] });

    it.each([
      ['2026-03-14', 'FAIL'],
      ['2026-03-15', 'PASS'],
      [null, 'PASS'],
    ])('valid until %s (asOf 2026-03-15) → %s', (validUntil, expected) => {
      expect(outcome('INSTITUTION_LICENCES', withLicence({ licenceValidUntil: validUntil }))).toBe(expected);
    });

    it('names the institutions at fault', () => {
      const expired = rule('INSTITUTION_LICENCES', withLicence({ licenceValidUntil: '2026-03-14' }));
      expect(expired.explanation).toContain('晋才人力');
      expect(expired.explanation).toContain('2026-03-14');
      const blank = rule('INSTITUTION_LICENCES', withLicence({ licenceNo: '  ' }));
      expect(blank.outcome).toBe('FAIL');
      expect(blank.explanation).toContain('晋才人力（未填写许可证/备案凭证编号）');
      expect(blank.figures.institutionsAtFault).toBe('1');
    });
  });

  describe('REVENUE: total 达 3000 万元以上, or 超过 300万×5 / 500万×3 / 1000万×1', () => {
    it.each([
      // Ten institutions at or below 3,000,000 each, so no tier helps: only the total decides.
      ['total 29,999,999.99 yuan', 'FAIL', [...repeat(9, '300000000'), '299999999']],
      ['total 30,000,000.00 yuan', 'PASS', repeat(10, '300000000')],
      ['5 at exactly 3,000,000', 'FAIL', repeat(5, '300000000')],
      ['5 at 3,000,000.01', 'PASS', repeat(5, '300000001')],
      ['4 above 3,000,000', 'FAIL', repeat(4, '300000001')],
      ['3 at exactly 5,000,000', 'FAIL', repeat(3, '500000000')],
      ['3 at 5,000,000.01', 'PASS', repeat(3, '500000001')],
      ['1 at exactly 10,000,000', 'FAIL', ['1000000000']],
      ['1 at 10,000,000.01', 'PASS', ['1000000001']],
    ])('%s → %s', (_case, expected, revenues: string[]) => {
      expect(outcome('REVENUE', facts({}, revenues))).toBe(expected);
    });

    it('reports the total and, per tier, how many exceeded it', () => {
      const result = rule('REVENUE', facts({}, ['1000000000', ...repeat(4, '500000000')]));
      expect(result.figures).toMatchObject({
        operatingInstitutions: '10',
        revenueTotalFen: '3000000000',
        revenueTotalMinFen: '3000000000',
        tier1ExceedsFen: '300000000',
        tier1RequiredCount: '5',
        tier1Count: '5',
        tier2Count: '1',
        tier3ExceedsFen: '1000000000',
        tier3Count: '0',
      });
      expect(result.outcome).toBe('PASS');
    });

    it('counts only operating institutions', () => {
      const input = facts({}, ['1000000001', '2000000000']);
      input.institutions[0].operating = false;
      input.institutions[1].operating = false;
      const result = rule('REVENUE', input);
      expect(result.outcome).toBe('FAIL');
      expect(result.figures.operatingInstitutions).toBe('8');
      expect(result.figures.revenueTotalFen).toBe('0');
      expect(result.figures.tier3Count).toBe('0');
    });
  });

  describe('PUBLIC_SERVICES: all four functions', () => {
    it('passes with all four and names the missing ones in Chinese', () => {
      expect(outcome('PUBLIC_SERVICES', facts())).toBe('PASS');
      const result = rule('PUBLIC_SERVICES', facts({ publicServices: ['EMPLOYMENT_ENTREPRENEURSHIP', 'VOCATIONAL_TRAINING'] }));
      expect(result.outcome).toBe('FAIL');
      expect(result.explanation).toContain('社会保障');
      expect(result.explanation).toContain('人事人才');
      expect(result.explanation).not.toContain('就业创业');
    });
  });

  describe('malformed figures', () => {
    it.each([
      ['facts.sites[1].buildingAreaM2', () => facts({ sites: [site('2000', true), site('abc', false, 1)] })],
      ['facts.sites[0].buildingAreaM2', () => facts({ sites: [site('-5', true)] })],
      ['facts.sites[0].buildingAreaM2', () => facts({ sites: [site('3000.001', true)] })],
      ['facts.institutions[3].revenueFen', () => facts({}, ['0', '0', '0', '-100'])],
      ['facts.institutions[0].revenueFen', () => facts({}, ['1.5'])],
      ['facts.institutions[0].licenceValidUntil', () => facts({ institutions: [institution(0, { licenceValidUntil: '2026-02-30' })] })],
    ])('refuses %s', (field, make) => {
      expect(() => evaluateEligibility(make(), CITY, AS_OF)).toThrow(BadUserInputError);
      expect(() => evaluateEligibility(make(), CITY, AS_OF)).toThrow(expect.objectContaining({ field }));
    });

    it('refuses malformed parameters and dates by their path', () => {
      expect(() => evaluateEligibility(facts(), { ...CITY, totalMinAreaM2: 'x' }, AS_OF)).toThrow(expect.objectContaining({ field: 'parameters.totalMinAreaM2' }));
      expect(() => evaluateEligibility(facts(), { ...CITY, revenueTiers: [{ count: 0, exceedsFen: '1' }] }, AS_OF)).toThrow(expect.objectContaining({ field: 'parameters.revenueTiers[0].count' }));
      expect(() => evaluateEligibility(facts(), CITY, '2026/03/15')).toThrow(expect.objectContaining({ field: 'asOf' }));
    });
  });
});

describe('a county version (Art 22): parameters, not constants, decide', () => {
  const county: PolicyParameters = {
    ...CITY,
    singleSiteMinAreaM2: '1500',
    maxSubParks: 1,
    minInstitutions: 6,
    revenueTotalMinFen: '1000000000',
    revenueTiers: [{ count: 2, exceedsFen: '200000000' }],
    requiredPublicServices: ['EMPLOYMENT_ENTREPRENEURSHIP', 'SOCIAL_SECURITY'],
  };
  const small = facts({
    sites: [site('1500.00', true)],
    institutions: Array.from({ length: 6 }, (_, index) => institution(index, { revenueFen: index < 2 ? '200000001' : '0' })),
    publicServices: ['EMPLOYMENT_ENTREPRENEURSHIP', 'SOCIAL_SECURITY'],
  });

  it('lets a smaller park pass under the county thresholds that fails the city’s', () => {
    expect(evaluateEligibility(small, county, AS_OF).map((result) => result.outcome)).toEqual(['PASS', 'PASS', 'PASS', 'PASS', 'PASS', 'PASS']);
    expect(evaluateEligibility(small, CITY, AS_OF).map((result) => result.outcome)).toEqual(['FAIL', 'PASS', 'FAIL', 'PASS', 'FAIL', 'FAIL']);
  });

  it('applies the county’s own boundaries', () => {
    expect(outcome('SITE_AREA', { ...small, sites: [site('1499.99', true)] }, county)).toBe('FAIL');
    expect(outcome('SUB_PARK_COUNT', { ...small, sites: [site('1000', true), site('600', false, 1), site('600', false, 2)] }, county)).toBe('NEEDS_JUSTIFICATION');
    expect(outcome('INSTITUTION_COUNT', { ...small, institutions: small.institutions.slice(0, 5) }, county)).toBe('FAIL');
    const atThreshold = { ...small, institutions: small.institutions.map((entry, index) => (index < 2 ? { ...entry, revenueFen: '200000000' } : entry)) };
    expect(outcome('REVENUE', atThreshold, county)).toBe('FAIL');
    expect(rule('REVENUE', atThreshold, county).figures.tier1Count).toBe('0');
  });
});
