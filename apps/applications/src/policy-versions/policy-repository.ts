import { NotFoundError } from '@cz/errors';
import { policyInForce, type PolicyVersion, type RuleResult } from '@cz/policy';
import type { EntityManager } from 'typeorm';
import type { EligibilityResult, PolicyVersion as PolicyVersionGraph } from '../generated/graphql';
import { PolicyVersionEntity } from './policy-version.entity';

/** The row as the domain sees it, so @cz/policy's rules decide which version wins. */
export function toPolicyVersion(row: PolicyVersionEntity): PolicyVersion {
  return {
    code: row.code,
    title: row.title,
    jurisdiction: row.jurisdictionKind === 'COUNTY' ? { kind: 'COUNTY', countyCode: row.countyCode as string } : { kind: 'CITY' },
    effectiveFrom: row.effectiveFrom,
    effectiveTo: row.effectiveTo,
    parameters: row.parameters,
  };
}

/** The version governing a park of `countyCode` on `date` (YYYY-MM-DD), or undefined when none is in force. */
export async function findPolicyInForce(manager: EntityManager, countyCode: string, date: string): Promise<PolicyVersion | undefined> {
  // Only the two candidate jurisdictions are read; @cz/policy decides between them (Art 22).
  const rows = await manager
    .createQueryBuilder(PolicyVersionEntity, 'version')
    .where('version.effective_from <= :date AND (version.effective_to IS NULL OR version.effective_to >= :date)', { date })
    .andWhere(`(version.jurisdiction_kind = 'CITY' OR version.county_code = :countyCode)`, { countyCode })
    .getMany();
  return policyInForce(rows.map(toPolicyVersion), countyCode, date);
}

/**
 * The version governing a park of `countyCode` on `date`: the county's own one when in force
 * (Art 22), else the city's. NOT_FOUND when no version is in force that day.
 */
export async function loadPolicyInForce(manager: EntityManager, countyCode: string, date: string): Promise<PolicyVersion> {
  const version = await findPolicyInForce(manager, countyCode, date);
  if (!version) throw new NotFoundError(`${date} 没有生效的认定管理办法（政策版本），请联系市人社局`, { countyCode, date });
  return version;
}

/** GraphQL shape of eligibility results: figures as a name/value list in the rule's order. */
export function toEligibilityResults(results: readonly RuleResult[]): EligibilityResult[] {
  return results.map(({ rule, article, outcome, figures, explanation }) => ({
    rule,
    article,
    outcome,
    figures: Object.entries(figures).map(([name, value]) => ({ name, value })),
    explanation,
  }));
}

/** GraphQL shape of a policy version: the jurisdiction flattened into kind and county code. */
export function toPolicyVersionGraph({ jurisdiction, parameters, ...version }: PolicyVersion): PolicyVersionGraph {
  return {
    ...version,
    jurisdictionKind: jurisdiction.kind,
    countyCode: jurisdiction.kind === 'COUNTY' ? jurisdiction.countyCode : null,
    parameters: {
      ...parameters,
      revenueTiers: parameters.revenueTiers.map((tier) => ({ ...tier })),
      requiredPublicServices: [...parameters.requiredPublicServices],
      operatingSubsidy: { ...parameters.operatingSubsidy },
    },
  };
}
