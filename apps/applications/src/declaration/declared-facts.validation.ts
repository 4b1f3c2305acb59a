import { BadUserInputError } from '@cz/errors';
import { type DeclaredFacts, type DeclaredFactsInput, validateDeclaredFacts } from '@cz/policy';

/**
 * The declared facts of an application for `applicationYear`, normalised: the shared check the
 * registry repeats on approval, plus the declaration's own rule that the revenue is the previous
 * year's. Errors name their path below `root`, e.g. `facts.institutions[2].revenueFen`.
 */
export function validateDeclaration(input: DeclaredFactsInput, applicationYear: number, root = 'facts'): DeclaredFacts {
  if (input.revenueYear !== applicationYear - 1) {
    throw new BadUserInputError(`${root}.revenueYear`, `营业收入应为上一年度（${applicationYear - 1} 年）的数据`, { expected: applicationYear - 1 });
  }
  return validateDeclaredFacts(input, { pathPrefix: root });
}
