import { randomUUID } from 'node:crypto';
import type { Identity } from '@cz/auth';
import { shanghaiDate } from '@cz/calendar';
import { asGateway, errorCode, startTestSubgraph, statementsDuring, statisticsRefusals, type TestSubgraph } from '@cz/testing';
import { applicationsService } from '../service';

const LUZHOU = '140403';
const LICHENG = '140426';
const XIANGYUAN = '140423';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const city: Identity = { subject: 'city-1', role: 'CITY_BUREAU' };
const finance: Identity = { subject: 'finance-1', role: 'FINANCE' };
const dataTeam: Identity = { subject: 'data-1', role: 'DATA_TEAM' };
const luzhouOfficer: Identity = { subject: 'county-03', role: 'COUNTY_BUREAU', countyCode: LUZHOU };

const STAGES = ['DRAFT', 'COUNTY_REVIEW', 'CITY_REVIEW', 'JOINT_EVALUATION', 'PUBLICITY', 'AWAITING_APPROVAL', 'APPROVED', 'RETURNED', 'REJECTED'] as const;
const LEAVABLE = ['DRAFT', 'COUNTY_REVIEW', 'CITY_REVIEW', 'JOINT_EVALUATION', 'PUBLICITY', 'AWAITING_APPROVAL', 'RETURNED'] as const;
type Stage = (typeof STAGES)[number];

const DEADLINES = 'total metOnTime closedLate openOverdue pending missed';
const APPLICATION_STATISTICS = `query($fromYear: Int, $toYear: Int, $countyCode: String) {
  applicationStatistics(fromYear: $fromYear, toYear: $toYear, countyCode: $countyCode) {
    fromYear toYear countyCode byStage { stage count } byYearAndStage { year stage count }
    timeInStage { stage stays averageDays medianDays } deadlines { ${DEADLINES} }
    byYear { year created submitted approved recognised rejected deadlinesMissed } } }`;

interface Deadlines {
  total: number;
  metOnTime: number;
  closedLate: number;
  openOverdue: number;
  pending: number;
  missed: number;
}
interface Duration {
  stage: Stage;
  stays: number;
  averageDays: number | null;
  medianDays: number | null;
}
interface Statistics {
  fromYear: number;
  toYear: number;
  countyCode: string | null;
  byStage: Array<{ stage: Stage; count: number }>;
  byYearAndStage: Array<{ year: number; stage: Stage; count: number }>;
  timeInStage: Duration[];
  deadlines: Deadlines;
  byYear: Array<{ year: number; created: number; submitted: number; approved: number; recognised: number; rejected: number; deadlinesMissed: number }>;
}

/** One stay of an application in a stage: when it began and, unless it is the current one, when it ended. */
interface Stay {
  stage: Stage;
  enteredAt: Date;
  leftAt: Date | null;
}
/** An application as the test seeds it; `county` null for a park whose facts have not reached this service. */
interface ModelApplication {
  county: string | null;
  kind: 'RECOGNITION' | 'SUB_PARK';
  year: number;
  stays: Stay[];
  /** The end of its publicity period (24:00 Beijing of the last day), if it went through one. */
  publicityEndsAt?: Date;
}

/** How a publicity period ends for an application: on time, held by an objection, returned within it, or not yet. */
type PublicityEnd = 'ON_TIME' | 'LATE' | 'RETURNED_WITHIN' | 'OPEN';
const REVIEW: Stage[] = ['DRAFT', 'COUNTY_REVIEW', 'CITY_REVIEW', 'JOINT_EVALUATION'];
/** The paths of Art 7 the generator walks: the stages in order, and how publicity ends when it comes in. */
const PATHS: Array<{ stages: Stage[]; publicity?: PublicityEnd }> = [
  { stages: ['DRAFT'] },
  { stages: ['DRAFT', 'COUNTY_REVIEW'] },
  { stages: ['DRAFT', 'COUNTY_REVIEW', 'CITY_REVIEW'] },
  { stages: REVIEW },
  { stages: [...REVIEW, 'PUBLICITY'], publicity: 'OPEN' },
  { stages: [...REVIEW, 'PUBLICITY', 'AWAITING_APPROVAL'], publicity: 'ON_TIME' },
  { stages: [...REVIEW, 'PUBLICITY', 'AWAITING_APPROVAL', 'APPROVED'], publicity: 'ON_TIME' },
  { stages: ['DRAFT', 'COUNTY_REVIEW', 'RETURNED'] },
  { stages: ['DRAFT', 'COUNTY_REVIEW', 'RETURNED', 'COUNTY_REVIEW', 'CITY_REVIEW', 'JOINT_EVALUATION', 'PUBLICITY', 'AWAITING_APPROVAL', 'APPROVED'], publicity: 'ON_TIME' },
  { stages: ['DRAFT', 'COUNTY_REVIEW', 'CITY_REVIEW', 'REJECTED'] },
  { stages: [...REVIEW, 'PUBLICITY', 'AWAITING_APPROVAL', 'APPROVED'], publicity: 'LATE' },
  { stages: [...REVIEW, 'PUBLICITY', 'RETURNED'], publicity: 'RETURNED_WITHIN' },
];

/** 24:00 Beijing of the 7th day after the one `posted` falls on, as openPublicity stores `ends_at`. */
function publicityEnd(posted: Date): Date {
  const day = new Date(`${shanghaiDate(posted)}T00:00:00+08:00`);
  return new Date(day.getTime() + 8 * DAY);
}

/**
 * Deterministic variety: three counties and a park not yet known here, both kinds, application
 * years 2021–2025 with 2023 empty and one 2019 application outside the ranges asked for, every
 * path (returns and resubmissions, rejections, publicity on time, late, returned within, still open),
 * stays of 1–200 hours. The last application's publicity is still running at `now`.
 */
function generateApplications(now: Date): ModelApplication[] {
  const counties = [LUZHOU, LICHENG, XIANGYUAN, LUZHOU, null, LICHENG];
  const years = [2021, 2022, 2024, 2025];
  const model = Array.from({ length: 48 }, (_, n): ModelApplication => {
    const path = PATHS[n % PATHS.length];
    const year = n === 47 ? 2019 : years[Math.floor(n / 3) % years.length];
    let at = new Date(Date.UTC(year, 2, 1) + n * 5 * HOUR);
    const stays: Stay[] = [];
    let publicityEndsAt: Date | undefined;
    path.stages.forEach((stage, index) => {
      const last = index === path.stages.length - 1;
      let leftAt: Date | null = last ? null : new Date(at.getTime() + (((n * 13 + index * 7) % 200) + 1) * HOUR);
      if (stage === 'PUBLICITY') {
        publicityEndsAt = publicityEnd(at);
        if (path.publicity === 'ON_TIME') leftAt = new Date(publicityEndsAt.getTime() + 10 * 60_000);
        if (path.publicity === 'LATE') leftAt = new Date(publicityEndsAt.getTime() + 3 * DAY);
        if (path.publicity === 'RETURNED_WITHIN') leftAt = new Date(at.getTime() + 30 * HOUR);
      }
      stays.push({ stage, enteredAt: at, leftAt });
      if (leftAt) at = leftAt;
    });
    return { county: counties[n % counties.length], kind: n % 4 === 3 ? 'SUB_PARK' : 'RECOGNITION', year, stays, publicityEndsAt };
  });
  // A publicity that is still running: posted yesterday, so its end (and the day after) lie ahead.
  const running = REVIEW.map((stage, index): Stay => ({ stage, enteredAt: new Date(now.getTime() - (5 - index) * DAY), leftAt: new Date(now.getTime() - (4 - index) * DAY) }));
  const posted = new Date(now.getTime() - DAY);
  model.push({ county: LICHENG, kind: 'RECOGNITION', year: 2025, stays: [...running, { stage: 'PUBLICITY', enteredAt: posted, leftAt: null }], publicityEndsAt: publicityEnd(posted) });
  return model;
}

const currentStage = (application: ModelApplication): Stage => application.stays[application.stays.length - 1].stage;
const submitted = (application: ModelApplication) => application.stays.some((stay) => stay.stage === 'COUNTY_REVIEW');

/** How a publicity deadline turned out, judged as the SDL description defines it. */
function deadlineOutcome(application: ModelApplication, now: Date): keyof Omit<Deadlines, 'total' | 'missed'> | null {
  if (!application.publicityEndsAt) return null;
  const cutoff = application.publicityEndsAt.getTime() + DAY;
  const left = application.stays.find((stay) => stay.stage === 'PUBLICITY')!.leftAt;
  if (left) return left.getTime() <= cutoff ? 'metOnTime' : 'closedLate';
  return now.getTime() > cutoff ? 'openOverdue' : 'pending';
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** The figures worked out in plain JavaScript from what was seeded; averages and medians left unrounded. */
function expectedStatistics(model: readonly ModelApplication[], now: Date, fromYear: number, toYear: number, countyCode: string | null): Statistics {
  const applications = model.filter((application) => application.year >= fromYear && application.year <= toYear && (countyCode === null || application.county === countyCode));
  const years = Array.from({ length: toYear - fromYear + 1 }, (_, index) => fromYear + index);
  const ofStage = (stage: Stage, within: readonly ModelApplication[]) => within.filter((application) => currentStage(application) === stage).length;
  const deadlines = (within: readonly ModelApplication[]): Deadlines => {
    const outcomes = within.map((application) => deadlineOutcome(application, now)).filter((outcome) => outcome !== null);
    const count = (outcome: string) => outcomes.filter((each) => each === outcome).length;
    return { total: outcomes.length, metOnTime: count('metOnTime'), closedLate: count('closedLate'), openOverdue: count('openOverdue'), pending: count('pending'), missed: count('closedLate') + count('openOverdue') };
  };
  return {
    fromYear,
    toYear,
    countyCode,
    byStage: STAGES.map((stage) => ({ stage, count: ofStage(stage, applications) })),
    byYearAndStage: years.flatMap((year) => STAGES.map((stage) => ({ year, stage, count: ofStage(stage, applications.filter((application) => application.year === year)) }))),
    timeInStage: LEAVABLE.map((stage) => {
      const days = applications.flatMap((application) => application.stays.filter((stay) => stay.stage === stage && stay.leftAt).map((stay) => (stay.leftAt!.getTime() - stay.enteredAt.getTime()) / DAY));
      return { stage, stays: days.length, averageDays: days.length ? days.reduce((sum, value) => sum + value, 0) / days.length : null, medianDays: days.length ? median(days) : null };
    }),
    deadlines: deadlines(applications),
    byYear: years.map((year) => {
      const ofYear = applications.filter((application) => application.year === year);
      const approved = ofYear.filter((application) => currentStage(application) === 'APPROVED');
      return {
        year,
        created: ofYear.length,
        submitted: ofYear.filter(submitted).length,
        approved: approved.length,
        recognised: approved.filter((application) => application.kind === 'RECOGNITION').length,
        rejected: ofStage('REJECTED', ofYear),
        deadlinesMissed: deadlines(ofYear).missed,
      };
    }),
  };
}

/** The answer equals the expectation, averages and medians being the exact figures rounded to two places. */
function expectMatches(actual: Statistics | undefined, expected: Statistics): void {
  expect(actual).toEqual({ ...expected, timeInStage: expect.any(Array) });
  expect(actual!.timeInStage.map(({ stage, stays }) => ({ stage, stays }))).toEqual(expected.timeInStage.map(({ stage, stays }) => ({ stage, stays })));
  actual!.timeInStage.forEach((duration, index) => {
    for (const figure of ['averageDays', 'medianDays'] as const) {
      const exact = expected.timeInStage[index][figure];
      if (exact === null) expect(duration[figure]).toBeNull();
      else expect(Math.abs((duration[figure] as number) - exact)).toBeLessThanOrEqual(0.005 + 1e-9);
    }
  });
}

describe('application statistics computed in SQL (real PostgreSQL and Redis)', () => {
  let subgraph: TestSubgraph;
  const now = new Date();
  const model: ModelApplication[] = [];

  const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> => subgraph.service.dataSource.query(text, params);
  const statistics = (identity: Identity, variables: { fromYear?: number; toYear?: number; countyCode?: string } = {}) =>
    asGateway<{ applicationStatistics: Statistics }>(subgraph.url, identity, APPLICATION_STATISTICS, variables);

  /** Factory: each application with its parks' facts, its transitions and its publicity, straight into this service's tables. */
  async function seed(applications: readonly ModelApplication[]): Promise<void> {
    for (const application of applications) {
      const parkId = randomUUID();
      if (application.county) {
        await sql(`INSERT INTO applications.park_ref (park_id, name, county_code, status, source_version) VALUES ($1, '统计测试园区', $2, 'CANDIDATE', 1)`, [parkId, application.county]);
      }
      const stage = currentStage(application);
      const firstSubmission = application.stays.find((stay) => stay.stage === 'COUNTY_REVIEW')?.enteredAt ?? null;
      const decidedAt = stage === 'APPROVED' || stage === 'REJECTED' ? application.stays[application.stays.length - 1].enteredAt : null;
      const [{ id }] = await sql<{ id: string }>(
        `INSERT INTO applications.application (park_id, kind, stage, year, submitted_at, decided_at, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [parkId, application.kind, stage, application.year, firstSubmission, decidedAt, application.stays[0].enteredAt],
      );
      const moves = application.stays.slice(0, -1).map((stay, index) => ({ from: stay.stage, to: application.stays[index + 1].stage, at: stay.leftAt }));
      await sql(
        `INSERT INTO applications.application_transition (application_id, action, from_stage, to_stage, actor_subject, actor_role, occurred_at)
         SELECT $1, 'seeded', from_stage, to_stage, 'test', 'SYSTEM', at FROM unnest($2::varchar[], $3::varchar[], $4::timestamptz[]) AS move(from_stage, to_stage, at)`,
        [id, moves.map((move) => move.from), moves.map((move) => move.to), moves.map((move) => move.at)],
      );
      const publicity = application.stays.find((stay) => stay.stage === 'PUBLICITY');
      if (publicity && application.publicityEndsAt) {
        const endsOn = shanghaiDate(new Date(application.publicityEndsAt.getTime() - DAY));
        const [period] = await sql<{ id: string }>(
          `INSERT INTO applications.publicity (title, posted_on, working_days, ends_on, ends_at, status, opened_by, closed_at)
           VALUES ('统计测试公示', $1, 5, $2, $3, $4, 'city-1', $5) RETURNING id`,
          [shanghaiDate(publicity.enteredAt), endsOn, application.publicityEndsAt, publicity.leftAt ? 'CLOSED' : 'OPEN', publicity.leftAt],
        );
        const outcome = publicity.leftAt ? application.stays[application.stays.indexOf(publicity) + 1].stage : null;
        await sql(`INSERT INTO applications.publicity_item (publicity_id, application_id, outcome, decided_at) VALUES ($1, $2, $3, $4)`, [period.id, id, outcome, publicity.leftAt]);
      }
    }
    model.push(...applications);
  }

  beforeAll(async () => {
    subgraph = await startTestSubgraph(applicationsService);
    await seed(generateApplications(now));
  });
  afterAll(async () => {
    await subgraph?.close();
  });

  it('gives the city bureau, finance and the data team stages, stays, deadlines and the trend, matching figures worked out independently', async () => {
    const expected = expectedStatistics(model, now, 2021, 2025, null);
    // The generator's variety, spot-checked: every deadline outcome, an empty year, resubmissions.
    expect(expected.deadlines).toMatchObject({ metOnTime: 15, closedLate: 4, openOverdue: 4, pending: 1, missed: 8 });
    expect(expected.byYear.find((year) => year.year === 2023)?.created).toBe(0);
    expect(expected.timeInStage.find((duration) => duration.stage === 'RETURNED')?.stays).toBe(4);
    for (const identity of [city, finance, dataTeam]) {
      const response = await statistics(identity, { fromYear: 2021, toYear: 2025 });
      expect(response.errors).toBeUndefined();
      expectMatches(response.data?.applicationStatistics, expected);
    }
  });

  it('narrows to a county and to a range of years, and holds a county bureau to its own county', async () => {
    const licheng = await statistics(dataTeam, { fromYear: 2024, toYear: 2025, countyCode: LICHENG });
    expectMatches(licheng.data?.applicationStatistics, expectedStatistics(model, now, 2024, 2025, LICHENG));
    const single = await statistics(city, { fromYear: 2022, toYear: 2022 });
    expectMatches(single.data?.applicationStatistics, expectedStatistics(model, now, 2022, 2022, null));

    const own = await statistics(luzhouOfficer, { fromYear: 2021, toYear: 2025 });
    expect(own.errors).toBeUndefined();
    expectMatches(own.data?.applicationStatistics, expectedStatistics(model, now, 2021, 2025, LUZHOU));
    expect(errorCode(await statistics(luzhouOfficer, { countyCode: LICHENG }))).toBe('FORBIDDEN');
  });

  it('covers the ten years up to the current one when no years are given', async () => {
    const currentYear = Number(shanghaiDate(now).slice(0, 4));
    const response = await statistics(dataTeam);
    expectMatches(response.data?.applicationStatistics, expectedStatistics(model, now, currentYear - 9, currentYear, null));
    // The 2019 application is inside the default decade (2017–2026 in 2026) and outside the ranges asked for above.
    expect(response.data?.applicationStatistics.byYear.find((year) => year.year === 2019)?.created).toBe(1);
  });

  it('refuses parks and reviewers, and names the field of bad years or a bad county code', async () => {
    expect(await statisticsRefusals(statistics, dataTeam, [{ countyCode: '14040' }, { fromYear: 1999 }, { toYear: 2101 }, { fromYear: 2025, toYear: 2024 }])).toEqual([
      'FORBIDDEN',
      'FORBIDDEN',
      ['BAD_USER_INPUT', 'countyCode', true],
      ['BAD_USER_INPUT', 'fromYear', true],
      ['BAD_USER_INPUT', 'toYear', true],
      ['BAD_USER_INPUT', 'fromYear', true],
    ]);
  });

  it('runs the same number of SQL statements however many applications there are', async () => {
    const statementsNow = () =>
      statementsDuring(async () => expectMatches((await statistics(dataTeam, { fromYear: 2021, toYear: 2025 })).data?.applicationStatistics, expectedStatistics(model, now, 2021, 2025, null)));
    const before = await statementsNow();
    await seed(generateApplications(now).slice(0, 30));
    expect(await statementsNow()).toBe(before);
    expect(before).toBe(4);
  });
});
