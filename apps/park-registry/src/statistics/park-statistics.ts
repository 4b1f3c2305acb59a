import { BadUserInputError } from '@cz/errors';
import { spanOf, type StatisticsFilter, withZeros, yearsOf } from '@cz/statistics';
import type { DataSource } from 'typeorm';
import { SCHEMA } from '../config';
import type { ParkStatistics, ParkStatusCounts, ParkStatusYear } from '../generated/graphql';

type CountRow = { candidate: number; recognised: number; revoked: number; total: number };
type CountyRow = CountRow & { county_code: string | null; county_name: string | null; is_total: boolean };

const counts = (row: CountRow): ParkStatusCounts => ({ candidate: row.candidate, recognised: row.recognised, revoked: row.revoked, total: row.total });

/**
 * 园区统计, in two GROUP BY statements whatever the number of parks. Parks are counted where they
 * are now (their current county and status); the yearly trend counts status changes from the
 * append-only history: a recognition in the year of its approval document, a revocation in the
 * Beijing year it took effect.
 */
export async function parkStatisticsOf(dataSource: DataSource, filter: Pick<StatisticsFilter, 'countyCode'>): Promise<ParkStatistics> {
  const { countyCode } = filter;
  // Counties drive the join so every county has its row, zeros included; the grouping set () is the total.
  const byCounty: CountyRow[] = await dataSource.query(
    `SELECT county."code" AS "county_code", county."name" AS "county_name", GROUPING(county."code") = 1 AS "is_total",
            count(park."id") FILTER (WHERE park."status" = 'CANDIDATE')::int AS "candidate",
            count(park."id") FILTER (WHERE park."status" = 'RECOGNISED')::int AS "recognised",
            count(park."id") FILTER (WHERE park."status" = 'REVOKED')::int AS "revoked",
            count(park."id")::int AS "total"
       FROM "${SCHEMA}"."county" county
       LEFT JOIN "${SCHEMA}"."park" park ON park."county_code" = county."code"
      WHERE $1::varchar IS NULL OR county."code" = $1
      GROUP BY GROUPING SETS ((county."code", county."name"), ())
      ORDER BY county."code" NULLS LAST`,
    [countyCode],
  );
  const counties = byCounty.filter((row) => !row.is_total);
  if (countyCode !== null && counties.length === 0) throw new BadUserInputError('countyCode', '县区代码不存在', { value: countyCode });

  const changes: Array<ParkStatusYear> = await dataSource.query(
    `SELECT change."year", count(*) FILTER (WHERE change."to_status" = 'RECOGNISED')::int AS "recognised",
            count(*) FILTER (WHERE change."to_status" = 'REVOKED')::int AS "revoked"
       FROM (SELECT history."to_status",
                    CASE WHEN history."to_status" = 'RECOGNISED' THEN extract(year FROM history."approved_on")
                         ELSE extract(year FROM history."occurred_at" AT TIME ZONE 'Asia/Shanghai') END::int AS "year"
               FROM "${SCHEMA}"."park_status_history" history
               JOIN "${SCHEMA}"."park" park ON park."id" = history."park_id"
              WHERE history."to_status" IN ('RECOGNISED', 'REVOKED') AND ($1::varchar IS NULL OR park."county_code" = $1)) change
      GROUP BY change."year" ORDER BY change."year"`,
    [countyCode],
  );
  const span = spanOf(changes.map((row) => row.year));

  return {
    countyCode,
    totals: counts(byCounty.find((row) => row.is_total) as CountyRow),
    byCounty: counties.map((row) => ({ countyCode: row.county_code as string, countyName: row.county_name as string, counts: counts(row) })),
    byYear: span
      ? withZeros(
          yearsOf(span),
          changes,
          (row) => `${row.year}`,
          (year) => `${year}`,
          (year) => ({ year, recognised: 0, revoked: 0 }),
        )
      : [],
  };
}
