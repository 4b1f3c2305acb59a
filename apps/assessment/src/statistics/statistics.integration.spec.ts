import { randomUUID } from 'node:crypto';
import type { Identity } from '@cz/auth';
import { DEFAULT_ASSESSMENT_TEMPLATE, type AssessmentIndicator } from '@cz/policy';
import { asGateway, createParkRefs, errorCode, startTestSubgraph, statementsDuring, statisticsRefusals, type TestSubgraph } from '@cz/testing';
import { DEFAULT_TEMPLATE_ID } from '../migrations/1765000000000-assessment-cycles';
import { assessmentService } from '../service';
import { insertCycle } from '../workflow/workflow.test-support';

const LUZHOU = '140403';
const SHANGDANG = '140404';
const XIANGYUAN = '140423';
const LICHENG = '140426';
const city: Identity = { subject: 'city-1', role: 'CITY_BUREAU' };
const finance: Identity = { subject: 'finance-1', role: 'FINANCE' };
const dataTeam: Identity = { subject: 'data-1', role: 'DATA_TEAM' };
const xiangyuanOfficer: Identity = { subject: 'county-23', role: 'COUNTY_BUREAU', countyCode: XIANGYUAN };

const DIMENSIONS = ['ECONOMIC_DEVELOPMENT', 'ROLE_PLAYED', 'OPERATIONS_MANAGEMENT'] as const;
type Dimension = (typeof DIMENSIONS)[number];
type Grade = 'EXCELLENT' | 'QUALIFIED' | 'UNQUALIFIED';
type Status = 'OPEN' | 'SELF_ASSESSED' | 'CHECKED' | 'RECTIFYING' | 'REASSESSING' | 'FINAL';
type Phase = 'INITIAL' | 'REASSESSMENT';

const ASSESSMENT_STATISTICS = `query($fromYear: Int, $toYear: Int, $countyCode: String) {
  assessmentStatistics(fromYear: $fromYear, toYear: $toYear, countyCode: $countyCode) {
    fromYear toYear countyCode gradesByYear { year assessed excellent qualified unqualified notGraded final }
    dimensionsByYear { year dimension assessments averagePoints maximumPoints shareOfMaximum } trend { year scored averageTotalScore } } }`;

interface DimensionYear {
  year: number;
  dimension: Dimension;
  assessments: number;
  averagePoints: string | null;
  maximumPoints: string | null;
  shareOfMaximum: number | null;
}
interface Statistics {
  fromYear: number;
  toYear: number;
  countyCode: string | null;
  gradesByYear: Array<{ year: number; assessed: number; excellent: number; qualified: number; unqualified: number; notGraded: number; final: number }>;
  dimensionsByYear: DimensionYear[];
  trend: Array<{ year: number; scored: number; averageTotalScore: string | null }>;
}

/** A template unlike the default: maxima differ from weights, so points are score ÷ max × weight, not the score. */
const SCALED_INDICATORS: AssessmentIndicator[] = [
  { code: 'E1', dimension: 'ECONOMIC_DEVELOPMENT', name: '营业收入', description: '', maxScore: '20', weight: '30' },
  { code: 'E2', dimension: 'ECONOMIC_DEVELOPMENT', name: '入驻机构', description: '', maxScore: '10', weight: '10' },
  { code: 'R1', dimension: 'ROLE_PLAYED', name: '促进就业', description: '', maxScore: '50', weight: '25' },
  { code: 'R2', dimension: 'ROLE_PLAYED', name: '人才引进', description: '', maxScore: '3', weight: '5' },
  { code: 'O1', dimension: 'OPERATIONS_MANAGEMENT', name: '服务体系', description: '', maxScore: '100', weight: '30' },
];
/** The years' cycles and their templates: 2024's history predates cycles (grades, no scores). */
const TEMPLATE_OF_YEAR: Record<number, readonly AssessmentIndicator[] | undefined> = { 2021: SCALED_INDICATORS, 2022: SCALED_INDICATORS, 2023: SCALED_INDICATORS, 2025: DEFAULT_ASSESSMENT_TEMPLATE.indicators };

/** An assessment as the test seeds it; scores in hundredths of a point, per phase and indicator code. */
interface ModelAssessment {
  park: string;
  county: string;
  year: number;
  status: Status;
  grade: Grade | null;
  totalHundredths: number | null;
  rectification: 'OPEN' | 'SUBMITTED' | 'CLOSED' | null;
  scores: Partial<Record<Phase, Record<string, number>>>;
}

/** Where each state of the workflow leaves grade, rectification and which phases have scores. */
const STATES: Array<{ status: Status; grade: Grade | null; rectification: ModelAssessment['rectification']; phases: Phase[] }> = [
  { status: 'OPEN', grade: null, rectification: null, phases: [] },
  { status: 'SELF_ASSESSED', grade: null, rectification: null, phases: [] },
  // Scored but not yet finalised: its scores must not count.
  { status: 'CHECKED', grade: null, rectification: null, phases: ['INITIAL'] },
  { status: 'FINAL', grade: 'EXCELLENT', rectification: null, phases: ['INITIAL'] },
  { status: 'FINAL', grade: 'QUALIFIED', rectification: null, phases: ['INITIAL'] },
  { status: 'RECTIFYING', grade: 'UNQUALIFIED', rectification: 'OPEN', phases: ['INITIAL'] },
  // Re-assessed: its grade, and the scores that count, are the re-assessment's.
  { status: 'FINAL', grade: 'QUALIFIED', rectification: 'CLOSED', phases: ['INITIAL', 'REASSESSMENT'] },
  // Being re-assessed: the grade is still the initial one, and so are the scores that count.
  { status: 'REASSESSING', grade: 'UNQUALIFIED', rectification: 'SUBMITTED', phases: ['INITIAL', 'REASSESSMENT'] },
];

const TOTAL_BAND: Record<Grade, [number, number]> = { EXCELLENT: [90_00, 100_00], QUALIFIED: [60_00, 89_99], UNQUALIFIED: [20_00, 59_99] };

/**
 * Deterministic variety: parks in four counties, assessment years 2021–2025 with some parks not
 * assessed in some years, every workflow state, two templates, and 2024 as pre-cycle history.
 * Totals lie in their grade's band; indicator scores are spread over 0..max.
 */
function generate(parks: ReadonlyArray<{ id: string; county: string }>, salt: number): ModelAssessment[] {
  const model: ModelAssessment[] = [];
  parks.forEach((park, i) => {
    for (let year = 2021; year <= 2025; year += 1) {
      if ((i + year + salt) % 5 === 0) continue;
      const template = TEMPLATE_OF_YEAR[year];
      const state = template ? STATES[(i * 3 + year + salt) % STATES.length] : STATES[3 + ((i + year) % 2)];
      const grade = state.status === 'FINAL' && state.rectification === 'CLOSED' && (i + salt) % 3 === 0 ? 'UNQUALIFIED' : state.grade;
      const [low, high] = grade ? TOTAL_BAND[grade] : [0, 0];
      const scores: ModelAssessment['scores'] = {};
      for (const phase of template ? state.phases : []) {
        scores[phase] = Object.fromEntries(
          template!.map((indicator, k) => {
            const max = Number(indicator.maxScore) * 100;
            return [indicator.code, (i * 37 + year * 11 + k * 53 + (phase === 'REASSESSMENT' ? 29 : 0) + salt * 7) % (max + 1)];
          }),
        );
      }
      model.push({ park: park.id, county: park.county, year, status: state.status, grade, totalHundredths: grade ? low + ((i * 997 + year * 13 + salt) % (high - low + 1)) : null, rectification: state.rectification, scores });
    }
  });
  return model;
}

const hundredths = (value: number) => `${Math.floor(value / 100)}.${String(value % 100).padStart(2, '0')}`;

function expectedStatistics(model: readonly ModelAssessment[], fromYear: number, toYear: number, countyCode: string | null): Statistics {
  const assessments = model.filter((assessment) => assessment.year >= fromYear && assessment.year <= toYear && (countyCode === null || assessment.county === countyCode));
  const years = Array.from({ length: toYear - fromYear + 1 }, (_, index) => fromYear + index);
  const ofYear = (year: number) => assessments.filter((assessment) => assessment.year === year);
  return {
    fromYear,
    toYear,
    countyCode,
    gradesByYear: years.map((year) => {
      const those = ofYear(year);
      const graded = (grade: Grade | null) => those.filter((assessment) => assessment.grade === grade).length;
      return { year, assessed: those.length, excellent: graded('EXCELLENT'), qualified: graded('QUALIFIED'), unqualified: graded('UNQUALIFIED'), notGraded: graded(null), final: those.filter((assessment) => assessment.status === 'FINAL').length };
    }),
    dimensionsByYear: years.flatMap((year) =>
      DIMENSIONS.map((dimension): DimensionYear => {
        const indicators = (TEMPLATE_OF_YEAR[year] ?? []).filter((indicator) => indicator.dimension === dimension);
        const points = ofYear(year)
          .filter((assessment) => assessment.grade !== null && Object.keys(assessment.scores).length > 0)
          .map((assessment) => {
            const phase: Phase = assessment.status === 'FINAL' && assessment.rectification ? 'REASSESSMENT' : 'INITIAL';
            return indicators.reduce((sum, indicator) => sum + ((assessment.scores[phase]![indicator.code] / 100) * Number(indicator.weight)) / Number(indicator.maxScore), 0);
          });
        if (points.length === 0) return { year, dimension, assessments: 0, averagePoints: null, maximumPoints: null, shareOfMaximum: null };
        const average = points.reduce((sum, value) => sum + value, 0) / points.length;
        const maximum = indicators.reduce((sum, indicator) => sum + Number(indicator.weight), 0);
        return { year, dimension, assessments: points.length, averagePoints: average.toFixed(6), maximumPoints: `${maximum}`, shareOfMaximum: average / maximum };
      }),
    ),
    trend: years.map((year) => {
      const totals = ofYear(year).flatMap((assessment) => (assessment.totalHundredths === null ? [] : [BigInt(assessment.totalHundredths)]));
      if (totals.length === 0) return { year, scored: 0, averageTotalScore: null };
      const [sum, count] = [totals.reduce((total, value) => total + value, 0n), BigInt(totals.length)];
      // Half up to hundredths, in integers.
      return { year, scored: totals.length, averageTotalScore: hundredths(Number((2n * sum + count) / (2n * count))) };
    }),
  };
}

/** Equal, with each dimension's average within rounding (two places, written with two) and its share within four places. */
function expectMatches(actual: Statistics | undefined, expected: Statistics): void {
  expect(actual).toEqual({ ...expected, dimensionsByYear: expect.any(Array) });
  expect(actual!.dimensionsByYear.map(({ year, dimension, assessments, maximumPoints }) => ({ year, dimension, assessments, maximumPoints }))).toEqual(
    expected.dimensionsByYear.map(({ year, dimension, assessments, maximumPoints }) => ({ year, dimension, assessments, maximumPoints })),
  );
  actual!.dimensionsByYear.forEach((row, index) => {
    const exact = expected.dimensionsByYear[index];
    if (exact.averagePoints === null) return expect([row.averagePoints, row.shareOfMaximum]).toEqual([null, null]);
    expect(row.averagePoints).toMatch(/^\d+\.\d{2}$/);
    expect(Math.abs(Number(row.averagePoints) - Number(exact.averagePoints))).toBeLessThanOrEqual(0.005 + 1e-9);
    expect(Math.abs((row.shareOfMaximum as number) - (exact.shareOfMaximum as number))).toBeLessThanOrEqual(0.00005 + 1e-9);
  });
}

describe('assessment statistics computed in SQL (real PostgreSQL and Redis)', () => {
  let assessment: TestSubgraph;
  const model: ModelAssessment[] = [];
  let cycles: Record<number, string> = {};

  const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> => assessment.service.dataSource.query(text, params);
  const statistics = (identity: Identity, variables: { fromYear?: number; toYear?: number; countyCode?: string } = {}) =>
    asGateway<{ assessmentStatistics: Statistics }>(assessment.url, identity, ASSESSMENT_STATISTICS, variables);

  /** Factory: parks in four counties and their assessments, scores and rectifications, in bulk statements. */
  async function seed(perCounty: number, salt: number): Promise<void> {
    const parks: Array<{ id: string; county: string }> = [];
    for (const county of [LUZHOU, SHANGDANG, XIANGYUAN, LICHENG]) {
      const ids = await createParkRefs(assessment.service.dataSource, 'assessment', { count: perCounty, namePrefix: `统计园区${salt}-${county}-`, countyCode: county });
      parks.push(...ids.map((id) => ({ id, county })));
    }
    const generated = generate(parks, salt);
    const ids = generated.map(() => randomUUID());
    await sql(
      `INSERT INTO assessment.assessment (id, park_id, year, cycle_id, status, total_score, grade, initial_total_score, initial_grade, finalised_at)
       SELECT id, park, year, cycle, status, total, grade, total, grade, CASE WHEN status = 'FINAL' THEN now() END
         FROM unnest($1::uuid[], $2::uuid[], $3::int[], $4::uuid[], $5::varchar[], $6::numeric[], $7::varchar[]) AS row(id, park, year, cycle, status, total, grade)`,
      [
        ids,
        generated.map((each) => each.park),
        generated.map((each) => each.year),
        generated.map((each) => cycles[each.year] ?? null),
        generated.map((each) => each.status),
        generated.map((each) => (each.totalHundredths === null ? null : hundredths(each.totalHundredths))),
        generated.map((each) => each.grade),
      ],
    );
    const scores = generated.flatMap((each, index) =>
      Object.entries(each.scores).flatMap(([phase, byCode]) => Object.entries(byCode!).map(([code, score]) => ({ id: ids[index], phase, code, score: hundredths(score) }))),
    );
    await sql(
      `INSERT INTO assessment.indicator_score (assessment_id, phase, indicator_code, score, justification, scored_by, scored_at)
       SELECT id, phase, code, score, '依据自评材料评分', 'reviewer-1', now() FROM unnest($1::uuid[], $2::varchar[], $3::varchar[], $4::numeric[]) AS row(id, phase, code, score)`,
      [scores.map((row) => row.id), scores.map((row) => row.phase), scores.map((row) => row.code), scores.map((row) => row.score)],
    );
    const rectified = generated.flatMap((each, index) => (each.rectification ? [{ id: ids[index], status: each.rectification }] : []));
    await sql(
      `INSERT INTO assessment.rectification (assessment_id, ordered_on, deadline, requirements, status, report, submitted_at)
       SELECT id, '2026-03-20', '2026-06-30', '完善服务体系', status, CASE WHEN status = 'OPEN' THEN NULL ELSE '整改报告' END, CASE WHEN status = 'OPEN' THEN NULL ELSE now() END
         FROM unnest($1::uuid[], $2::varchar[]) AS row(id, status)`,
      [rectified.map((row) => row.id), rectified.map((row) => row.status)],
    );
    model.push(...generated);
  }

  beforeAll(async () => {
    assessment = await startTestSubgraph(assessmentService);
    const [scaled] = await sql<{ id: string }>(`INSERT INTO assessment.assessment_template (code, title, content, created_by) VALUES ('STAT-SCALED', '统计测试模板', $1, 'test') RETURNING id`, [
      JSON.stringify({ indicators: SCALED_INDICATORS, cutoffs: { excellent: '90', qualified: '60' } }),
    ]);
    cycles = {
      2021: await insertCycle(assessment.service.dataSource, 2021, '2022-02-15', scaled.id),
      2022: await insertCycle(assessment.service.dataSource, 2022, '2023-02-15', scaled.id),
      2023: await insertCycle(assessment.service.dataSource, 2023, '2024-02-15', scaled.id),
      2025: await insertCycle(assessment.service.dataSource, 2025, '2026-02-15', DEFAULT_TEMPLATE_ID),
    };
    await seed(5, 0);
  });
  afterAll(async () => {
    await assessment?.close();
  });

  it('gives the city bureau, finance and the data team grades, dimension points and average totals per year, matching figures worked out independently', async () => {
    const expected = expectedStatistics(model, 2022, 2025, null);
    // The generator's variety, spot-checked: every grade and ungraded ones, history without scores in 2024.
    const all = expected.gradesByYear.reduce((sum, year) => ({ e: sum.e + year.excellent, q: sum.q + year.qualified, u: sum.u + year.unqualified, n: sum.n + year.notGraded }), { e: 0, q: 0, u: 0, n: 0 });
    expect(Object.values(all).every((count) => count > 0)).toBe(true);
    expect(expected.dimensionsByYear.filter((row) => row.year === 2024).every((row) => row.assessments === 0)).toBe(true);
    expect(expected.gradesByYear.find((row) => row.year === 2024)?.assessed).toBeGreaterThan(0);
    expect(expected.dimensionsByYear.find((row) => row.year === 2022 && row.dimension === 'ROLE_PLAYED')?.maximumPoints).toBe('30');
    for (const identity of [city, finance, dataTeam]) {
      const response = await statistics(identity, { fromYear: 2022, toYear: 2025 });
      expect(response.errors).toBeUndefined();
      expectMatches(response.data?.assessmentStatistics, expected);
    }
  });

  it('narrows to a county and to a range of years, and holds a county bureau to its own county', async () => {
    expectMatches((await statistics(dataTeam, { fromYear: 2023, toYear: 2025, countyCode: LICHENG })).data?.assessmentStatistics, expectedStatistics(model, 2023, 2025, LICHENG));
    expectMatches((await statistics(city, { fromYear: 2021, toYear: 2021 })).data?.assessmentStatistics, expectedStatistics(model, 2021, 2021, null));
    const own = await statistics(xiangyuanOfficer, { fromYear: 2021, toYear: 2025 });
    expect(own.errors).toBeUndefined();
    expectMatches(own.data?.assessmentStatistics, expectedStatistics(model, 2021, 2025, XIANGYUAN));
    expect(errorCode(await statistics(xiangyuanOfficer, { countyCode: LUZHOU }))).toBe('FORBIDDEN');
  });

  it('answers years without assessments with zeros and empty averages', async () => {
    const response = await statistics(dataTeam, { fromYear: 2018, toYear: 2020 });
    expect(response.data?.assessmentStatistics.gradesByYear.every((year) => year.assessed === 0)).toBe(true);
    expectMatches(response.data?.assessmentStatistics, expectedStatistics(model, 2018, 2020, null));
  });

  it('refuses parks and reviewers, and names the field of bad years or a bad county code', async () => {
    expect(await statisticsRefusals(statistics, dataTeam, [{ countyCode: '140 03' }, { toYear: 1999 }, { fromYear: 2025, toYear: 2021 }])).toEqual([
      'FORBIDDEN',
      'FORBIDDEN',
      ['BAD_USER_INPUT', 'countyCode', true],
      ['BAD_USER_INPUT', 'toYear', true],
      ['BAD_USER_INPUT', 'fromYear', true],
    ]);
  });

  it('runs the same number of SQL statements however many assessments and scores there are', async () => {
    const statementsNow = () =>
      statementsDuring(async () => expectMatches((await statistics(dataTeam, { fromYear: 2021, toYear: 2025 })).data?.assessmentStatistics, expectedStatistics(model, 2021, 2025, null)));
    const before = await statementsNow();
    await seed(4, 1);
    expect(await statementsNow()).toBe(before);
    expect(before).toBe(2);
  });
});
