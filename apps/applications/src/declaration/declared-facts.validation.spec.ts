import { BadUserInputError } from '@cz/errors';
import { declaredFacts } from './declaration.test-support';
import { type DeclaredFactsInput, validateDeclaredFacts } from './declared-facts.validation';

const facts = (change: (input: ReturnType<typeof declaredFacts>) => void = () => undefined) => {
  const input = declaredFacts(3);
  change(input);
  return input as DeclaredFactsInput;
};

function fieldOf(input: DeclaredFactsInput): string | undefined {
  try {
    validateDeclaredFacts(input, 2026);
  } catch (error) {
    if (error instanceof BadUserInputError) return error.field;
    throw error;
  }
  return undefined;
}

describe('validateDeclaredFacts', () => {
  it('normalises what it accepts', () => {
    const result = validateDeclaredFacts(
      facts((input) => {
        input.sites[0].name = '  核心园区  ';
        input.institutions[0].creditCode = '91140431ma00000001';
        input.institutions[0].revenueFen = '000350000000';
        input.publicServices = ['SOCIAL_SECURITY', 'EMPLOYMENT_ENTREPRENEURSHIP', 'SOCIAL_SECURITY'];
        input.subParkJustification = '   ';
      }),
      2026,
    );
    expect(result.sites[0].name).toBe('核心园区');
    expect(result.institutions[0]).toMatchObject({ creditCode: '91140431MA00000001', revenueFen: '350000000' });
    expect(result.publicServices).toEqual(['EMPLOYMENT_ENTREPRENEURSHIP', 'SOCIAL_SECURITY']);
    expect(result.subParkJustification).toBeNull();
  });

  it.each([
    ['a negative area', (input: ReturnType<typeof declaredFacts>) => (input.sites[0].buildingAreaM2 = '-1'), 'facts.sites[0].buildingAreaM2'],
    ['a zero area', (input: ReturnType<typeof declaredFacts>) => (input.sites[0].buildingAreaM2 = '0.00'), 'facts.sites[0].buildingAreaM2'],
    ['three decimals', (input: ReturnType<typeof declaredFacts>) => (input.sites[0].buildingAreaM2 = '3000.001'), 'facts.sites[0].buildingAreaM2'],
    ['no core site', (input: ReturnType<typeof declaredFacts>) => (input.sites[0].isCore = false), 'facts.sites'],
    ['no site', (input: ReturnType<typeof declaredFacts>) => input.sites.splice(0), 'facts.sites'],
    ['fractional fen', (input: ReturnType<typeof declaredFacts>) => (input.institutions[2].revenueFen = '1.5'), 'facts.institutions[2].revenueFen'],
    ['a short credit code', (input: ReturnType<typeof declaredFacts>) => (input.institutions[1].creditCode = '9114'), 'facts.institutions[1].creditCode'],
    ['a repeated institution', (input: ReturnType<typeof declaredFacts>) => (input.institutions[2].creditCode = input.institutions[0].creditCode), 'facts.institutions[2].creditCode'],
    ['an empty licence number', (input: ReturnType<typeof declaredFacts>) => (input.institutions[0].licenceNo = ' '), 'facts.institutions[0].licenceNo'],
    ['a revenue year other than the previous one', (input: ReturnType<typeof declaredFacts>) => (input.revenueYear = 2026), 'facts.revenueYear'],
  ])('names the path of %s', (_case, change, field) => {
    expect(fieldOf(facts(change))).toBe(field);
  });
});
