import type { Identity } from '@cz/auth';
import { recordAudit } from '@cz/db';
import { createLogger } from '@cz/logging';
import { computeOperatingSubsidy, operatingSubsidyStatus } from '@cz/policy';
import type { EntityManager } from 'typeorm';
import { SCHEMA } from '../config';
import { latestResult } from './assessment-results';
import { policyForSubsidyYear } from './policy-version-refs';
import { assessmentReason } from './subsidy-reasons';
import { announceSubsidyStatus, grantSubsidy, type SubsidyRef } from './subsidy-transitions';

// Reports only why a subsidy whose facts are complete could not be created.
const logger = createLogger('funding');

/** Who supplied the fact that completed the inputs (the county's verification, the city's targets). */
export interface SubsidyTrigger {
  actor: Identity;
  requestId: string;
  /** YYYY-MM-DD, Asia/Shanghai. */
  today: string;
}

/**
 * Both inputs of a year's subsidies come from two offices in two transactions; whichever commits
 * last must see the other. Each caller writes its fact first and then takes this lock, so under
 * READ COMMITTED the second one reads the first one's committed fact and creates the subsidy.
 */
async function serialiseYear(manager: EntityManager, year: number): Promise<void> {
  await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`${SCHEMA}.operating-subsidy.${year}`]);
}

type Inputs = {
  park_name: string;
  county_code: string;
  park_status: string;
  report_id: string;
  employment_promoted: number;
  urban_new_employment: number | null;
  rural_labour_transfer: number | null;
  targets_version: number | null;
};

/** Creates the subsidy for (park, year) if its inputs are complete; the unique index makes a second try a no-op. */
async function createIfComplete(manager: EntityManager, parkId: string, year: number, trigger: SubsidyTrigger): Promise<string | null> {
  const [inputs]: Inputs[] = await manager.query(
    `SELECT COALESCE(ref."official_name", ref."name") AS "park_name", ref."county_code", ref."status" AS "park_status",
            report."id" AS "report_id", report."employment_promoted",
            target."urban_new_employment", target."rural_labour_transfer", target."version" AS "targets_version"
       FROM "${SCHEMA}"."employment_report" report
       JOIN "${SCHEMA}"."park_ref" ref ON ref."park_id" = report."park_id"
       LEFT JOIN "${SCHEMA}"."yearly_target" target ON target."year" = report."year"
      WHERE report."park_id" = $1 AND report."year" = $2 AND report."status" = 'VERIFIED'`,
    [parkId, year],
  );
  // Not verified, or the targets are not entered: the other fact's transaction will create it.
  if (!inputs || inputs.targets_version === null) return null;
  // Art 20(二): a revoked park never receives new funds, so it gets no record at all.
  if (inputs.park_status === 'REVOKED') return null;
  const policy = await policyForSubsidyYear(manager, inputs.county_code, year);
  if (!policy) {
    logger.warn({ parkId, year, countyCode: inputs.county_code }, 'no operating subsidy created: no policy version in force on the last day of the year');
    return null;
  }
  const computation = computeOperatingSubsidy(
    { urbanNewEmploymentTarget: inputs.urban_new_employment as number, ruralLabourTransferTarget: inputs.rural_labour_transfer as number, employmentPromoted: inputs.employment_promoted },
    policy.version.parameters.operatingSubsidy,
  );
  const result = await latestResult(manager, parkId, year);
  const status = operatingSubsidyStatus(false, result);
  const inserted: Array<{ id: string }> = await manager.query(
    `INSERT INTO "${SCHEMA}"."funding_award" ("park_id", "kind", "year", "amount_fen", "status", "policy_version_code")
     VALUES ($1, 'OPERATING_SUBSIDY', $2, $3, $4, $5)
     ON CONFLICT ("park_id", "year") WHERE "kind" = 'OPERATING_SUBSIDY' DO NOTHING RETURNING "id"`,
    [parkId, year, computation.amountFen, status, policy.version.code],
  );
  if (inserted.length === 0) return null;
  const subsidy: SubsidyRef = { id: inserted[0].id, parkId, year, amountFen: BigInt(computation.amountFen) };
  await manager.query(
    `INSERT INTO "${SCHEMA}"."subsidy_computation"
       ("award_id", "employment_report_id", "urban_new_employment_target", "rural_labour_transfer_target", "targets_version", "employment_promoted", "policy_date", "computation")
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [subsidy.id, inputs.report_id, inputs.urban_new_employment, inputs.rural_labour_transfer, inputs.targets_version, inputs.employment_promoted, policy.date, JSON.stringify(computation)],
  );
  const reason = assessmentReason(year, result);
  const grantEntryId = status === 'APPROVED' && subsidy.amountFen > 0n ? await grantSubsidy(manager, subsidy, 1, { actor: trigger.actor, requestId: trigger.requestId, reason, key: 'created', occurredOn: trigger.today }) : null;
  await recordAudit(manager, SCHEMA, trigger.actor, {
    operation: 'funding.operating-subsidy.create',
    targetType: 'FundingAward',
    targetId: subsidy.id,
    changes: {
      status: [null, status],
      amountFen: computation.amountFen,
      year,
      policyVersionCode: policy.version.code,
      employmentReportId: inputs.report_id,
      employmentPromoted: inputs.employment_promoted,
      targetsVersion: inputs.targets_version,
      assessmentId: result?.assessmentId ?? null,
      grantEntryId,
    },
    requestId: trigger.requestId,
  });
  await announceSubsidyStatus(manager, subsidy, 1, status, reason);
  return subsidy.id;
}

/**
 * Art 10 hook of the county's verification (in its transaction): the park's subsidy for the year,
 * when the city's targets are in. Returns the new subsidy's id, or null when none was created.
 */
export async function createSubsidyWhenReady(manager: EntityManager, parkId: string, year: number, trigger: SubsidyTrigger): Promise<string | null> {
  await serialiseYear(manager, year);
  return createIfComplete(manager, parkId, year, trigger);
}

/**
 * Art 10 hook of the city's targets (in their transaction): the subsidy of every park whose report
 * for the year is verified already. Existing subsidies are left as they are: their amount was fixed
 * from the figures that stood when they were created (their worksheet records which).
 */
export async function createSubsidiesForYear(manager: EntityManager, year: number, trigger: SubsidyTrigger): Promise<string[]> {
  await serialiseYear(manager, year);
  const parks: Array<{ park_id: string }> = await manager.query(
    `SELECT report."park_id" FROM "${SCHEMA}"."employment_report" report
      WHERE report."year" = $1 AND report."status" = 'VERIFIED'
        AND NOT EXISTS (SELECT 1 FROM "${SCHEMA}"."funding_award" award WHERE award."park_id" = report."park_id" AND award."year" = $1 AND award."kind" = 'OPERATING_SUBSIDY')
      ORDER BY report."park_id"`,
    [year],
  );
  const created: string[] = [];
  for (const { park_id } of parks) {
    const id = await createIfComplete(manager, park_id, year, trigger);
    if (id) created.push(id);
  }
  return created;
}
