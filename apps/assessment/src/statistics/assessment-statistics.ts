import { ASSESSMENT_DIMENSIONS, type AssessmentDimension } from '@cz/policy';
import { pairsOf, shareOf, type StatisticsFilter, withZeros, yearsOf } from '@cz/statistics';
import type { DataSource } from 'typeorm';
import { SCHEMA } from '../config';
import type { AssessmentDimensionYear, AssessmentGradeYear, AssessmentStatistics } from '../generated/graphql';

/** Assessments of the years asked for, in the county asked for ($1 fromYear, $2 toYear, $3 county or null). */
const ASSESSMENTS = `"${SCHEMA}"."assessment" assessment JOIN "${SCHEMA}"."park_ref" ref ON ref."park_id" = assessment."park_id"`;
const IN_SCOPE = `assessment."year" BETWEEN $1 AND $2 AND ($3::varchar IS NULL OR ref."county_code" = $3)`;

type YearRow = Omit<AssessmentGradeYear, 'notGraded'> & { not_graded: number; scored: number; average_total_score: string | null };
type DimensionRow = { year: number; dimension: AssessmentDimension; assessments: number; average_points: string; mean_points: string; maximum_points: string };

/**
 * 考核评估统计 in two GROUP BY statements, whatever the number of parks and scores: grades and the
 * average total per year, then points per Art 19 dimension from the indicator scores and each
 * cycle's own template. Only aggregates leave the database.
 *
 * A dimension's average is the sum of its indicators' average points. A graded assessment has every
 * indicator of its phase scored (finalising refuses it otherwise), so this is the average of the
 * assessments' points in the dimension, and the assessments counted are its indicators' score count.
 */
export async function assessmentStatisticsOf(dataSource: DataSource, filter: StatisticsFilter): Promise<AssessmentStatistics> {
  const { fromYear, toYear, countyCode } = filter;
  const scope = [fromYear, toYear, countyCode];

  const grades: YearRow[] = await dataSource.query(
    `SELECT assessment."year", count(*)::int AS "assessed",
            count(*) FILTER (WHERE assessment."grade" = 'EXCELLENT')::int AS "excellent",
            count(*) FILTER (WHERE assessment."grade" = 'QUALIFIED')::int AS "qualified",
            count(*) FILTER (WHERE assessment."grade" = 'UNQUALIFIED')::int AS "unqualified",
            count(*) FILTER (WHERE assessment."grade" IS NULL)::int AS "not_graded",
            count(*) FILTER (WHERE assessment."status" = 'FINAL')::int AS "final",
            count(assessment."total_score")::int AS "scored",
            round(avg(assessment."total_score"), 2)::text AS "average_total_score"
       FROM ${ASSESSMENTS} WHERE ${IN_SCOPE}
      GROUP BY assessment."year"`,
    scope,
  );

  // The scores that gave the current grade: the re-assessment's once it decided the final grade
  // (a final assessment with a rectification), the initial grading's otherwise. An indicator is
  // worth score ÷ maxScore × weight points, as computeAssessmentTotal counts it, so scores are
  // summed per cycle and indicator first (a few hundred groups, whatever the number of parks) and
  // weighted after; a dimension's maximum is the sum of its weights in the cycle's template.
  const dimensions: DimensionRow[] = await dataSource.query(
    `WITH scored AS (
            SELECT assessment."cycle_id", score."indicator_code" AS "code", count(*) AS "scores", sum(score."score") AS "total"
              FROM ${ASSESSMENTS}
              LEFT JOIN "${SCHEMA}"."rectification" rectification ON rectification."assessment_id" = assessment."id"
              JOIN "${SCHEMA}"."indicator_score" score ON score."assessment_id" = assessment."id"
               AND score."phase" = CASE WHEN assessment."status" = 'FINAL' AND rectification."id" IS NOT NULL THEN 'REASSESSMENT' ELSE 'INITIAL' END
             WHERE assessment."grade" IS NOT NULL AND ${IN_SCOPE}
             GROUP BY assessment."cycle_id", score."indicator_code"),
          indicator AS (
            SELECT cycle."id" AS "cycle_id", cycle."year", item->>'code' AS "code", item->>'dimension' AS "dimension",
                   (item->>'maxScore')::numeric AS "max_score", (item->>'weight')::numeric AS "weight"
              FROM "${SCHEMA}"."assessment_cycle" cycle
              JOIN "${SCHEMA}"."assessment_template" template ON template."id" = cycle."template_id"
              CROSS JOIN jsonb_array_elements(template."content"->'indicators') item
             WHERE cycle."year" BETWEEN $1 AND $2)
     SELECT indicator."year", indicator."dimension", max(scored."scores")::int AS "assessments",
            round(sum(scored."total" / scored."scores" / indicator."max_score" * indicator."weight"), 2)::text AS "average_points",
            sum(scored."total" / scored."scores" / indicator."max_score" * indicator."weight")::text AS "mean_points",
            sum(indicator."weight")::text AS "maximum_points"
       FROM indicator LEFT JOIN scored ON scored."cycle_id" = indicator."cycle_id" AND scored."code" = indicator."code"
      GROUP BY indicator."year", indicator."dimension"
     HAVING count(scored."code") > 0`,
    scope,
  );

  const years = yearsOf(filter);
  const byYear = withZeros(
    years,
    grades,
    (row) => `${row.year}`,
    (year) => `${year}`,
    (year): YearRow => ({ year, assessed: 0, excellent: 0, qualified: 0, unqualified: 0, not_graded: 0, final: 0, scored: 0, average_total_score: null }),
  );
  return {
    fromYear,
    toYear,
    countyCode,
    gradesByYear: byYear.map((row) => ({ year: row.year, assessed: row.assessed, excellent: row.excellent, qualified: row.qualified, unqualified: row.unqualified, notGraded: row.not_graded, final: row.final })),
    dimensionsByYear: withZeros<[number, AssessmentDimension], AssessmentDimensionYear>(
      pairsOf(years, ASSESSMENT_DIMENSIONS),
      dimensions.map((row) => ({
        year: row.year,
        dimension: row.dimension,
        assessments: row.assessments,
        averagePoints: row.average_points,
        maximumPoints: row.maximum_points,
        shareOfMaximum: shareOf(row.mean_points, row.maximum_points),
      })),
      (row) => `${row.year}/${row.dimension}`,
      ([year, dimension]) => `${year}/${dimension}`,
      ([year, dimension]) => ({ year, dimension, assessments: 0, averagePoints: null, maximumPoints: null, shareOfMaximum: null }),
    ),
    trend: byYear.map((row) => ({ year: row.year, scored: row.scored, averageTotalScore: row.average_total_score })),
  };
}
