import type { EventHandler } from '@cz/events';
import { type PolicyParameters, policyInForce, type PolicyVersion } from '@cz/policy';
import type { EntityManager } from 'typeorm';
import { SCHEMA } from '../config';

/**
 * Keeps funding's copy of a policy version. The applications service never changes a version's
 * parameters, and only ever shortens its period (`endPolicyVersion`), so the copy keeps the
 * earliest end it has heard of: a create delivered after its own end cannot reopen the version.
 */
export const policyVersionChangedHandler: EventHandler<'applications.policy-version-changed'> = async (event, manager) => {
  const { version } = event.payload;
  const countyCode = version.jurisdiction.kind === 'COUNTY' ? version.jurisdiction.countyCode : null;
  await manager.query(
    `INSERT INTO "${SCHEMA}"."policy_version_ref" ("code", "title", "jurisdiction_kind", "county_code", "effective_from", "effective_to", "parameters", "updated_at")
     VALUES ($1, $2, $3, $4, $5, $6, $7, now())
     ON CONFLICT ("code") DO UPDATE SET
       "title" = EXCLUDED."title", "jurisdiction_kind" = EXCLUDED."jurisdiction_kind", "county_code" = EXCLUDED."county_code",
       "effective_from" = EXCLUDED."effective_from", "parameters" = EXCLUDED."parameters", "updated_at" = now(),
       "effective_to" = CASE
         WHEN "policy_version_ref"."effective_to" IS NULL THEN EXCLUDED."effective_to"
         WHEN EXCLUDED."effective_to" IS NULL THEN "policy_version_ref"."effective_to"
         ELSE LEAST("policy_version_ref"."effective_to", EXCLUDED."effective_to") END`,
    [version.code, version.title, version.jurisdiction.kind, countyCode, version.effectiveFrom, version.effectiveTo, JSON.stringify(version.parameters)],
  );
};

type VersionRow = { code: string; title: string; jurisdiction_kind: 'CITY' | 'COUNTY'; county_code: string | null; effective_from: string; effective_to: string | null; parameters: PolicyParameters };
const VERSION_COLUMNS = `"code", "title", "jurisdiction_kind", "county_code", to_char("effective_from", 'YYYY-MM-DD') AS "effective_from",
            to_char("effective_to", 'YYYY-MM-DD') AS "effective_to", "parameters"`;

const toPolicyVersion = (row: VersionRow): PolicyVersion => ({
  code: row.code,
  title: row.title,
  jurisdiction: row.jurisdiction_kind === 'COUNTY' ? { kind: 'COUNTY', countyCode: row.county_code as string } : { kind: 'CITY' },
  effectiveFrom: row.effective_from,
  effectiveTo: row.effective_to,
  parameters: row.parameters,
});

/** Every version funding holds (the city's revisions and counties' own: a handful of rows), for figures spanning many years. */
export async function allPolicyVersionRefs(queryable: Pick<EntityManager, 'query'>): Promise<PolicyVersion[]> {
  const rows: VersionRow[] = await queryable.query(`SELECT ${VERSION_COLUMNS} FROM "${SCHEMA}"."policy_version_ref"`);
  return rows.map(toPolicyVersion);
}

/**
 * The policy version that governs a park's subsidy for `year`: the one in force on the last day of
 * that year. The subsidy pays for the whole year's result against the whole year's targets, which
 * is only known when the year is over; taking the year's last day (rather than the day a county
 * verifies or the city enters targets) makes the amount depend on the year alone, so the same
 * facts give the same amount whatever order they were entered in. @cz/policy decides between the
 * county's own version and the city's (Art 22).
 */
export async function policyForSubsidyYear(manager: EntityManager, countyCode: string, year: number): Promise<{ version: PolicyVersion; date: string } | null> {
  const date = `${year}-12-31`;
  const rows: VersionRow[] = await manager.query(
    `SELECT ${VERSION_COLUMNS}
       FROM "${SCHEMA}"."policy_version_ref"
      WHERE "effective_from" <= $2::date AND ("effective_to" IS NULL OR "effective_to" >= $2::date)
        AND ("jurisdiction_kind" = 'CITY' OR "county_code" = $1)`,
    [countyCode, date],
  );
  const version = policyInForce(rows.map(toPolicyVersion), countyCode, date);
  return version ? { version, date } : null;
}
