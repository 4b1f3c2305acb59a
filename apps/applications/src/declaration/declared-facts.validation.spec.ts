import { BadUserInputError } from '@cz/errors';
import type { DeclaredFactsInput } from '@cz/policy';
import { declaredFacts } from './declaration.test-support';
import { validateDeclaration } from './declared-facts.validation';

// The checks of the facts themselves are the shared ones (libs/policy declared-facts.rules.spec.ts);
// here only what the declaration adds: the revenue year, and paths under `facts`.
const facts = (change: (input: ReturnType<typeof declaredFacts>) => void = () => undefined) => {
  const input = declaredFacts(3);
  change(input);
  return input as DeclaredFactsInput;
};

function fieldOf(input: DeclaredFactsInput): string | undefined {
  try {
    validateDeclaration(input, 2026);
  } catch (error) {
    if (error instanceof BadUserInputError) return error.field;
    throw error;
  }
  return undefined;
}

describe('validateDeclaration', () => {
  it('normalises what it accepts', () => {
    const result = validateDeclaration(facts((input) => (input.institutions[0].revenueFen = '000350000000')), 2026);
    expect(result).toMatchObject({ revenueYear: 2025, subParkJustification: null });
    expect(result.institutions[0].revenueFen).toBe('350000000');
  });

  it.each([
    ['a negative area', (input: ReturnType<typeof declaredFacts>) => (input.sites[0].buildingAreaM2 = '-1'), 'facts.sites[0].buildingAreaM2'],
    ['fractional fen', (input: ReturnType<typeof declaredFacts>) => (input.institutions[2].revenueFen = '1.5'), 'facts.institutions[2].revenueFen'],
    ['a revenue year other than the previous one', (input: ReturnType<typeof declaredFacts>) => (input.revenueYear = 2026), 'facts.revenueYear'],
  ])('names the path of %s', (_case, change, field) => {
    expect(fieldOf(facts(change))).toBe(field);
  });
});
