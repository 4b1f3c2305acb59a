import { type DeclaredFactsInput, MAX_SITES, validateDeclaredFacts, validateSite } from './declared-facts.rules';

/** Loosely typed, so a case can send what GraphQL or an event might carry. */
interface Draft {
  revenueYear: number;
  sites: Array<Record<string, unknown>>;
  institutions: Array<Record<string, unknown>>;
  publicServices: string[];
  subParkJustification: string | null;
}
type Change = (input: Draft) => void;

const institution = (n: number) => ({ name: `沁源人力资源服务机构${n}号`, creditCode: `91140431MA0${String(n).padStart(7, '0')}`, licenceKind: n % 2 === 0 ? 'FILING' : 'LICENCE', licenceNo: `晋人服证字〔2024〕${1000 + n}号`, licenceValidUntil: '2029-12-31', operating: true, revenueFen: '350000000' });

/** Facts as the applications service and the registry's tests send them: a core site, a sub-park and three institutions. */
function facts(change: Change = () => undefined): DeclaredFactsInput {
  const input: Draft = {
    revenueYear: 2025,
    sites: [
      { name: '沁源人力资源服务产业园核心园区', address: '沁源县沁河镇育才路 21 号', buildingAreaM2: '3200.50', isCore: true },
      { name: '东区分园', address: '沁源县沁河镇东街 2 号', buildingAreaM2: '1800', isCore: false },
    ],
    institutions: [1, 2, 3].map(institution),
    publicServices: ['EMPLOYMENT_ENTREPRENEURSHIP', 'VOCATIONAL_TRAINING', 'SOCIAL_SECURITY', 'PERSONNEL_TALENT'],
    subParkJustification: null,
  };
  change(input);
  return input as unknown as DeclaredFactsInput;
}

/** Runs the check with `pathPrefix` and expects it to refuse `field`, or (field undefined) to accept. */
function expectVerdict(input: DeclaredFactsInput, field: string | undefined, pathPrefix = 'facts'): void {
  const run = () => validateDeclaredFacts(input, { pathPrefix });
  if (field === undefined) expect(run).not.toThrow();
  else expect(run).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT', field }));
}

describe('validateDeclaredFacts', () => {
  it('normalises what it accepts', () => {
    const result = validateDeclaredFacts(
      facts((input) => {
        input.sites[0].name = '  核心园区  ';
        input.sites[1].buildingAreaM2 = ' 1800 ';
        input.institutions[0].creditCode = '91140431ma00000001';
        input.institutions[0].revenueFen = '000350000000';
        delete input.institutions[1].licenceValidUntil;
        input.publicServices = ['SOCIAL_SECURITY', 'EMPLOYMENT_ENTREPRENEURSHIP', 'SOCIAL_SECURITY'];
        input.subParkJustification = '   ';
      }),
      { pathPrefix: 'facts' },
    );
    expect(result.sites.map((site) => [site.name, site.buildingAreaM2, site.isCore])).toEqual([
      ['核心园区', '3200.50', true],
      ['东区分园', '1800', false],
    ]);
    expect(result.institutions[0]).toMatchObject({ creditCode: '91140431MA00000001', revenueFen: '350000000' });
    expect(result.institutions[1].licenceValidUntil).toBeNull();
    expect(result.publicServices).toEqual(['EMPLOYMENT_ENTREPRENEURSHIP', 'SOCIAL_SECURITY']);
    expect(result.subParkJustification).toBeNull();
    expect(result.revenueYear).toBe(2025);
  });

  // The applications service's cases (paths under `facts`).
  it.each<[string, Change, string]>([
    ['a negative area', (input) => (input.sites[0].buildingAreaM2 = '-1'), 'facts.sites[0].buildingAreaM2'],
    ['a zero area', (input) => (input.sites[0].buildingAreaM2 = '0.00'), 'facts.sites[0].buildingAreaM2'],
    ['three decimals', (input) => (input.sites[0].buildingAreaM2 = '3000.001'), 'facts.sites[0].buildingAreaM2'],
    ['no core site', (input) => (input.sites[0].isCore = false), 'facts.sites'],
    ['no site', (input) => input.sites.splice(0), 'facts.sites'],
    ['fractional fen', (input) => (input.institutions[2].revenueFen = '1.5'), 'facts.institutions[2].revenueFen'],
    ['a short credit code', (input) => (input.institutions[1].creditCode = '9114'), 'facts.institutions[1].creditCode'],
    ['a repeated institution', (input) => (input.institutions[2].creditCode = input.institutions[0].creditCode), 'facts.institutions[2].creditCode'],
    ['an empty licence number', (input) => (input.institutions[0].licenceNo = ' '), 'facts.institutions[0].licenceNo'],
  ])('names the path of %s', (_case, change, field) => {
    expectVerdict(facts(change), field);
  });

  // The registry's cases (its mutations name the list itself: `sites`, `institutions`).
  it.each<[string, Change, string]>([
    ['a negative area of the third site', (input) => input.sites.push({ ...input.sites[1], buildingAreaM2: '-3000' }), 'sites[2].buildingAreaM2'],
    ['a second core site', (input) => (input.sites[1].isCore = true), 'sites[1].isCore'],
    ['only a sub-park', (input) => input.sites.splice(0, 1), 'sites'],
    ['a credit code with the letter O', (input) => (input.institutions[1].creditCode = '91140431MA0OOOOOO1'), 'institutions[1].creditCode'],
    ['a blank licence number', (input) => (input.institutions[2].licenceNo = '   '), 'institutions[2].licenceNo'],
    ['revenue in fractions of a fen', (input) => (input.institutions[0].revenueFen = '12.5'), 'institutions[0].revenueFen'],
    ['the same line twice', (input) => (input.institutions[1] = { ...input.institutions[0] }), 'institutions[1].creditCode'],
  ])('names the path of %s without a prefix', (_case, change, field) => {
    expectVerdict(facts(change), field, '');
  });

  // Where the two former validators differed, the stricter rule holds for both.
  it.each<[string, Change, string]>([
    ['more sites than allowed', (input) => input.sites.push(...Array.from({ length: MAX_SITES - 1 }, () => ({ ...input.sites[1] }))), 'facts.sites'],
    ['a one-character site name', (input) => (input.sites[1].name = '东'), 'facts.sites[1].name'],
    ['a one-character address', (input) => (input.sites[1].address = '东'), 'facts.sites[1].address'],
    ['a one-character institution name', (input) => (input.institutions[0].name = '甲'), 'facts.institutions[0].name'],
    ['a licence number over 64 characters', (input) => (input.institutions[0].licenceNo = '号'.repeat(65)), 'facts.institutions[0].licenceNo'],
    ['an unknown licence kind', (input) => (input.institutions[0].licenceKind = 'PERMIT'), 'facts.institutions[0].licenceKind'],
    ['a validity day that does not exist', (input) => (input.institutions[0].licenceValidUntil = '2029-02-30'), 'facts.institutions[0].licenceValidUntil'],
    ['revenue above the money limit', (input) => (input.institutions[0].revenueFen = '1000000000001'), 'facts.institutions[0].revenueFen'],
    ['an unknown public service', (input) => input.publicServices.push('HOUSING'), 'facts.publicServices[4]'],
    ['a control character in the justification', (input) => (input.subParkJustification = '第四个分园区\u0007'), 'facts.subParkJustification'],
  ])('refuses %s', (_case, change, field) => {
    expectVerdict(facts(change), field);
  });

  it('accepts the limits themselves', () => {
    expectVerdict(facts((input) => input.sites.push(...Array.from({ length: MAX_SITES - 2 }, () => ({ ...input.sites[1] })))), undefined);
    expectVerdict(facts((input) => (input.institutions[0].licenceNo = '号'.repeat(64))), undefined);
    expectVerdict(facts((input) => (input.institutions[0].revenueFen = '1000000000000')), undefined);
    expectVerdict(facts((input) => (input.sites[1].buildingAreaM2 = '0.01')), undefined);
  });
});

describe('validateSite', () => {
  it('checks a single site, as an Art 8 sub-park arrives', () => {
    expect(validateSite({ name: ' 沁源南区分园 ', address: '沁源县沁河镇南街 3 号', buildingAreaM2: '1200.00', isCore: false }, 'subPark')).toEqual({ name: '沁源南区分园', address: '沁源县沁河镇南街 3 号', buildingAreaM2: '1200.00', isCore: false });
    expect(() => validateSite({ name: '沁源南区分园', address: '沁源县沁河镇南街 3 号', buildingAreaM2: '0', isCore: false }, 'subPark')).toThrow(expect.objectContaining({ field: 'subPark.buildingAreaM2' }));
  });
});
