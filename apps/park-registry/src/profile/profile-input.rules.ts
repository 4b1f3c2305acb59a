import { BadUserInputError } from '@cz/errors';
import { type DeclaredFacts, type DeclaredInstitution, type DeclaredInstitutionInput, type DeclaredSite, type PublicServiceFunction, validateDeclaredFacts, validateInstitutions } from '@cz/policy';

export { inArticleOrder } from '@cz/policy';

/** A roster line as the registry keeps it: the declared institution and the year its revenue is for. */
export interface RosterLine extends DeclaredInstitution {
  revenueYear: number;
}

/** A roster line as a form sends it. */
export type RosterLineInput = DeclaredInstitutionInput & { revenueYear: number };

const FIRST_REVENUE_YEAR = 2000;

/** Revenue is of a finished year: not before the registry's records begin, not after `latest`. */
function revenueYear(field: string, year: number, latest: number): number {
  if (!Number.isInteger(year) || year < FIRST_REVENUE_YEAR || year > latest) {
    throw new BadUserInputError(field, `营业收入所属年度必须在 ${FIRST_REVENUE_YEAR} 到 ${latest} 之间`, { min: FIRST_REVENUE_YEAR, max: latest });
  }
  return year;
}

/** A roster as entered directly: the declared-institution rules every line shares, and each line's own revenue year. */
export function validateRoster(lines: readonly RosterLineInput[], path: string, latestRevenueYear: number): RosterLine[] {
  return validateInstitutions(lines, path).map((line, index) => ({ ...line, revenueYear: revenueYear(`${path}[${index}].revenueYear`, lines[index].revenueYear, latestRevenueYear) }));
}

/** The approved facts as the registry stores them: the roster lines carry the declared revenue year. */
export interface RecognisedFacts {
  sites: DeclaredSite[];
  institutions: RosterLine[];
  publicServices: PublicServiceFunction[];
}

/**
 * The frozen facts of an approval pass the very check the applications service ran when the park
 * declared them, so what was approved is what the registry can hold.
 */
export function validateApprovedFacts(facts: DeclaredFacts, latestRevenueYear: number): RecognisedFacts {
  const valid = validateDeclaredFacts(facts, { pathPrefix: 'facts' });
  const year = revenueYear('facts.revenueYear', valid.revenueYear, latestRevenueYear);
  return { sites: valid.sites, institutions: valid.institutions.map((line) => ({ ...line, revenueYear: year })), publicServices: valid.publicServices };
}
