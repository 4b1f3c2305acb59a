import { APPLICATION_STAGES, type ApplicationStage, STAGE_ACTIONS } from '@cz/policy';
import { decimalOrNull, pairsOf, type StatisticsFilter, withZeros, yearsOf } from '@cz/statistics';
import type { DataSource } from 'typeorm';
import { SCHEMA } from '../config';
import type { ApplicationDeadlineStatistics, ApplicationStatistics, ApplicationYearTrend } from '../generated/graphql';

/** The stages an application can leave, in procedure order: the final ones (approved, rejected) have no stays. */
const LEAVABLE_STAGES = APPLICATION_STAGES.filter((stage) => Object.values(STAGE_ACTIONS).some((action) => (action.from as readonly ApplicationStage[]).includes(stage)));

/**
 * How long after a publicity period's end its outcome still counts as on time: the deadline job
 * closes the period when it ends, and a day covers its wake-up, a retry and a Redis repair by the sweep.
 */
const PUBLICITY_CLOSE_GRACE = '1 day';

/**
 * The applications a statistic covers: of the years asked for, in the county asked for. The park's
 * county is this service's park_ref copy; city-wide figures keep applications of a park whose copy
 * has not arrived yet (LEFT JOIN). Parameters $1 fromYear, $2 toYear, $3 county or null.
 */
const APPLICATIONS = `"${SCHEMA}"."application" application LEFT JOIN "${SCHEMA}"."park_ref" ref ON ref."park_id" = application."park_id"`;
const IN_SCOPE = `application."year" BETWEEN $1 AND $2 AND ($3::varchar IS NULL OR ref."county_code" = $3)`;

type StageRow = { year: number | null; stage: ApplicationStage; all_years: boolean; count: number };
type DurationRow = { stage: ApplicationStage; stays: number; average_days: string | null; median_days: string | null };
type DeadlineRow = { year: number | null; all_years: boolean; total: number; on_time: number; late: number; open_overdue: number; pending: number };

const deadlineFigures = (row: DeadlineRow | undefined): ApplicationDeadlineStatistics => {
  const [total, metOnTime, closedLate, openOverdue, pending] = [row?.total ?? 0, row?.on_time ?? 0, row?.late ?? 0, row?.open_overdue ?? 0, row?.pending ?? 0];
  return { total, metOnTime, closedLate, openOverdue, pending, missed: closedLate + openOverdue };
};

/**
 * 申报统计 in four GROUP BY statements, whatever the number of applications: current stages, the
 * yearly trend, time in each stage from the transition history, and publicity deadlines. Only
 * aggregates leave the database.
 */
export async function applicationStatisticsOf(dataSource: DataSource, filter: StatisticsFilter): Promise<ApplicationStatistics> {
  const { fromYear, toYear, countyCode } = filter;
  const scope = [fromYear, toYear, countyCode];

  // One statement for both views of the current stage: the grouping set (stage) is the whole range.
  const stages: StageRow[] = await dataSource.query(
    `SELECT application."year", application."stage", GROUPING(application."year") = 1 AS "all_years", count(*)::int AS "count"
       FROM ${APPLICATIONS} WHERE ${IN_SCOPE}
      GROUP BY GROUPING SETS ((application."year", application."stage"), (application."stage"))`,
    scope,
  );

  const trend: Array<Omit<ApplicationYearTrend, 'deadlinesMissed'>> = await dataSource.query(
    `SELECT application."year", count(*)::int AS "created", count(application."submitted_at")::int AS "submitted",
            count(*) FILTER (WHERE application."stage" = 'APPROVED')::int AS "approved",
            count(*) FILTER (WHERE application."stage" = 'APPROVED' AND application."kind" = 'RECOGNITION')::int AS "recognised",
            count(*) FILTER (WHERE application."stage" = 'REJECTED')::int AS "rejected"
       FROM ${APPLICATIONS} WHERE ${IN_SCOPE}
      GROUP BY application."year"`,
    scope,
  );

  // Each transition ends a stay in its from-stage, begun at the application's previous transition
  // (or, for the first one, out of the draft, at its creation). Ties in time keep the id order.
  const durations: DurationRow[] = await dataSource.query(
    `SELECT stay."stage", count(*)::int AS "stays",
            round(avg(stay."days")::numeric, 2)::text AS "average_days",
            round(percentile_cont(0.5) WITHIN GROUP (ORDER BY stay."days")::numeric, 2)::text AS "median_days"
       FROM (SELECT transition."from_stage" AS "stage",
                    extract(epoch FROM transition."occurred_at" - COALESCE(
                      lag(transition."occurred_at") OVER (PARTITION BY transition."application_id" ORDER BY transition."occurred_at", transition."id"),
                      application."created_at"))::float8 / 86400 AS "days"
               FROM ${APPLICATIONS}
               JOIN "${SCHEMA}"."application_transition" transition ON transition."application_id" = application."id"
              WHERE ${IN_SCOPE}) stay
      GROUP BY stay."stage"`,
    scope,
  );

  const deadlines: DeadlineRow[] = await dataSource.query(
    `SELECT application."year", GROUPING(application."year") = 1 AS "all_years", count(*)::int AS "total",
            count(*) FILTER (WHERE item."decided_at" <= publicity."ends_at" + $4::interval)::int AS "on_time",
            count(*) FILTER (WHERE item."decided_at" > publicity."ends_at" + $4::interval)::int AS "late",
            count(*) FILTER (WHERE item."decided_at" IS NULL AND $5::timestamptz > publicity."ends_at" + $4::interval)::int AS "open_overdue",
            count(*) FILTER (WHERE item."decided_at" IS NULL AND $5::timestamptz <= publicity."ends_at" + $4::interval)::int AS "pending"
       FROM ${APPLICATIONS}
       JOIN "${SCHEMA}"."publicity_item" item ON item."application_id" = application."id"
       JOIN "${SCHEMA}"."publicity" publicity ON publicity."id" = item."publicity_id"
      WHERE ${IN_SCOPE}
      GROUP BY GROUPING SETS ((application."year"), ())`,
    [...scope, PUBLICITY_CLOSE_GRACE, filter.asOf],
  );

  const years = yearsOf(filter);
  const missedIn = new Map(deadlines.filter((row) => !row.all_years).map((row) => [row.year, deadlineFigures(row).missed]));
  return {
    fromYear,
    toYear,
    countyCode,
    byStage: withZeros(
      APPLICATION_STAGES,
      stages.filter((row) => row.all_years).map(({ stage, count }) => ({ stage, count })),
      (row) => row.stage,
      (stage) => stage,
      (stage) => ({ stage, count: 0 }),
    ),
    byYearAndStage: withZeros(
      pairsOf(years, APPLICATION_STAGES),
      stages.filter((row) => !row.all_years).map(({ year, stage, count }) => ({ year: year as number, stage, count })),
      (row) => `${row.year}/${row.stage}`,
      ([year, stage]) => `${year}/${stage}`,
      ([year, stage]) => ({ year, stage, count: 0 }),
    ),
    timeInStage: withZeros(
      LEAVABLE_STAGES,
      durations.map((row) => ({ stage: row.stage, stays: row.stays, averageDays: decimalOrNull(row.average_days), medianDays: decimalOrNull(row.median_days) })),
      (row) => row.stage,
      (stage) => stage,
      (stage) => ({ stage, stays: 0, averageDays: null, medianDays: null }),
    ),
    deadlines: deadlineFigures(deadlines.find((row) => row.all_years)),
    byYear: withZeros(
      years,
      trend,
      (row) => `${row.year}`,
      (year) => `${year}`,
      (year) => ({ year, created: 0, submitted: 0, approved: 0, recognised: 0, rejected: 0 }),
    ).map((row) => ({ ...row, deadlinesMissed: missedIn.get(row.year) ?? 0 })),
  };
}
