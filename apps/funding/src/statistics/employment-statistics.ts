import { computeOperatingSubsidy, policyInForce, type PolicyVersion } from '@cz/policy';
import { type StatisticsFilter, withZeros, yearsOf } from '@cz/statistics';
import type { DataSource } from 'typeorm';
import { SCHEMA } from '../config';
import type { EmploymentYearStatistics } from '../generated/graphql';
import { allPolicyVersionRefs } from '../operating-subsidy/policy-version-refs';

type TargetRow = { year: number; urban_new_employment: number; rural_labour_transfer: number };
type ReportRow = { year: number; verified_reports: number; employment_promoted: number; reaching: number };
type Threshold = Pick<EmploymentYearStatistics, 'urbanNewEmploymentTarget' | 'ruralLabourTransferTarget' | 'targetsTotal' | 'thresholdPercent' | 'thresholdPersons'>;

/**
 * The version a year's threshold is read from: in force on 31 December, as for the subsidies
 * themselves (policyForSubsidyYear). A county's figures follow its own version when it has one
 * (Art 22); the city's figures follow the city's, whatever counties adopted.
 */
function governingVersion(versions: readonly PolicyVersion[], countyCode: string | null, year: number): PolicyVersion | undefined {
  const date = `${year}-12-31`;
  if (countyCode) return policyInForce(versions, countyCode, date);
  // No county matches the empty code, so only the city's versions can govern.
  return policyInForce(versions.filter((version) => version.jurisdiction.kind === 'CITY'), '', date);
}

/** Art 10's threshold for a year, by the one rule that computes it for the subsidies (⌈percent × targets⌉). */
function thresholdOf(target: TargetRow | undefined, version: PolicyVersion | undefined): Threshold {
  const targets = target ? { urbanNewEmploymentTarget: target.urban_new_employment, ruralLabourTransferTarget: target.rural_labour_transfer } : null;
  const thresholdPercent = version?.parameters.operatingSubsidy.thresholdPercentOfTargets ?? null;
  if (!targets || !version) {
    return { urbanNewEmploymentTarget: targets?.urbanNewEmploymentTarget ?? null, ruralLabourTransferTarget: targets?.ruralLabourTransferTarget ?? null, targetsTotal: targets ? targets.urbanNewEmploymentTarget + targets.ruralLabourTransferTarget : null, thresholdPercent, thresholdPersons: null };
  }
  const computed = computeOperatingSubsidy({ ...targets, employmentPromoted: 0 }, version.parameters.operatingSubsidy);
  return { ...targets, targetsTotal: computed.targetsTotal, thresholdPercent: computed.thresholdPercent, thresholdPersons: computed.thresholdPersons };
}

/**
 * 促进就业与目标任务 per year, in three statements whatever the number of parks: the city's targets,
 * the policy versions (a handful), and the verified reports counted against each year's threshold.
 * The threshold is worked out between the two by @cz/policy, so this never restates Art 10's rule in SQL.
 */
export async function employmentByYear(dataSource: DataSource, filter: StatisticsFilter): Promise<EmploymentYearStatistics[]> {
  const { fromYear, toYear, countyCode } = filter;
  const targets: TargetRow[] = await dataSource.query(
    `SELECT "year", "urban_new_employment", "rural_labour_transfer" FROM "${SCHEMA}"."yearly_target" WHERE "year" BETWEEN $1 AND $2`,
    [fromYear, toYear],
  );
  const versions = await allPolicyVersionRefs(dataSource);
  const years = yearsOf(filter);
  const thresholds = years.map((year) => ({ year, ...thresholdOf(targets.find((row) => row.year === year), governingVersion(versions, countyCode, year)) }));
  const known = thresholds.filter((threshold) => threshold.thresholdPersons !== null);

  const reports: ReportRow[] = await dataSource.query(
    `SELECT report."year", count(*)::int AS "verified_reports", sum(report."employment_promoted")::int AS "employment_promoted",
            count(*) FILTER (WHERE report."employment_promoted" >= threshold."persons")::int AS "reaching"
       FROM "${SCHEMA}"."employment_report" report
       JOIN "${SCHEMA}"."park_ref" ref ON ref."park_id" = report."park_id"
       LEFT JOIN unnest($4::int[], $5::int[]) AS threshold("year", "persons") ON threshold."year" = report."year"
      WHERE report."status" = 'VERIFIED' AND report."year" BETWEEN $1 AND $2 AND ($3::varchar IS NULL OR ref."county_code" = $3)
      GROUP BY report."year"`,
    [fromYear, toYear, countyCode, known.map((threshold) => threshold.year), known.map((threshold) => threshold.thresholdPersons)],
  );
  const counted = withZeros(
    years,
    reports,
    (row) => `${row.year}`,
    (year) => `${year}`,
    (year) => ({ year, verified_reports: 0, employment_promoted: 0, reaching: 0 }),
  );
  return thresholds.map((threshold, index) => ({
    ...threshold,
    verifiedReports: counted[index].verified_reports,
    employmentPromoted: counted[index].employment_promoted,
    parksReachingThreshold: threshold.thresholdPersons === null ? null : counted[index].reaching,
  }));
}
