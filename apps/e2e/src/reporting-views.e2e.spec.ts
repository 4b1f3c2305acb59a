import { PERSONAL_DATA_COLUMN, REPORTING_ROLE } from '@cz/db';
import { DEMO_PARKS, demoOfficialName } from '@cz/demo-data';
import { type AssessmentDimension, computeAssessmentTotal, DEFAULT_ASSESSMENT_TEMPLATE, gradeOf } from '@cz/policy';
import { Client } from 'pg';
import { type RunningSystem, startSystem } from './support/system';
import { as, gql } from './support/tokens';

/** The contract with the data team: every view the BI tools may rely on. */
const REPORTING_VIEWS = [
  'applications_applications',
  'applications_objections',
  'applications_policy_versions',
  'applications_publicity_items',
  'applications_publicity_periods',
  'applications_review_decisions',
  'applications_stage_history',
  'assessment_assessments',
  'assessment_cycles',
  'assessment_dimension_scores',
  'assessment_indicator_scores',
  'funding_awards',
  'funding_employment',
  'funding_enterprise_subsidies',
  'funding_ledger',
  'funding_subsidy_computations',
  'funding_targets',
  'registry_counties',
  'registry_park_public_services',
  'registry_park_sites',
  'registry_parks',
  'registry_resident_institutions',
  'registry_status_history',
];
const SERVICE_SCHEMAS = ['registry', 'applications', 'funding', 'assessment', 'notifications'];
const INSUFFICIENT_PRIVILEGE = '42501';
const READ_ONLY_TRANSACTION = '25006';

const [luzhou, , xiangyuan] = DEMO_PARKS;
const xiangyuanOfficer = as.county(xiangyuan.countyCode);
/** Personal data an officer typed into free text: the views must not carry it anywhere. */
const TYPED_PERSON = { name: '张三丰', phone: '13912345678' };

const bilingual = (text: string | null) => typeof text === 'string' && /[\u4e00-\u9fff]/.test(text) && /[A-Za-z]{3}/.test(text);

describe('reporting views for BI tools, read as czhr_reporting from a system started with npm start', () => {
  let system: RunningSystem;
  /** The services' own connection: it reads the tables under the views, to tell what must not leak. */
  let admin: Client;
  /** What Metabase or a notebook would hold. */
  let bi: Client;

  const connect = async (user?: string) => {
    const url = new URL(system.database.url);
    if (user) url.username = user;
    const client = new Client({ connectionString: url.toString() });
    await client.connect();
    return client;
  };
  const rowsOf = async (view: string) => (await bi.query(`SELECT * FROM reporting."${view}"`)).rows as Array<Record<string, unknown>>;
  const call = async <T>(identity: Parameters<typeof gql>[1], query: string, variables: Record<string, unknown> = {}) => {
    const response = await gql<T>(system.gatewayUrl, identity, query, variables);
    if (response.errors) throw new Error(JSON.stringify(response.errors));
    return response.data as T;
  };

  beforeAll(async () => {
    system = await startSystem('reporting');
    admin = await connect();
    bi = await connect(REPORTING_ROLE);
    // Some of the bureaus' work on top of the demo data: the city's targets, and the county's
    // preliminary review of 襄垣's application with a comment naming a person.
    await call(as.city, `mutation { setYearlyTargets(year: 2026, urbanNewEmployment: 52000, ruralLabourTransfer: 38000) { year } }`);
    const { park } = await call<{ park: { applications: Array<{ id: string; version: number }> } }>(xiangyuanOfficer, `query($id: ID!) { park(id: $id) { applications { id version } } }`, { id: xiangyuan.id });
    await call(xiangyuanOfficer, `mutation($id: ID!, $v: Int!, $comment: String) { countyReview(applicationId: $id, expectedVersion: $v, decision: { decision: PASS, comment: $comment }) { stage } }`, {
      id: park.applications[0].id,
      v: park.applications[0].version,
      comment: `材料齐全，联系人${TYPED_PERSON.name}，电话 ${TYPED_PERSON.phone}`,
    });
  });

  afterAll(async () => {
    await bi?.end();
    await admin?.end();
    await system?.stop();
  });

  it('offers every view, each documented in Chinese and English down to the column', async () => {
    const views = await bi.query(`SELECT c.relname AS "name", obj_description(c.oid, 'pg_class') AS "comment" FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'reporting' ORDER BY 1`);
    expect(views.rows.map((view) => view.name)).toEqual(REPORTING_VIEWS);
    expect(views.rows.filter((view) => !bilingual(view.comment))).toEqual([]);
    const columns = await bi.query(
      `SELECT c.relname AS "view", a.attname AS "column", col_description(c.oid, a.attnum) AS "comment"
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
        WHERE n.nspname = 'reporting'`,
    );
    expect(columns.rows.length).toBeGreaterThan(200);
    expect(columns.rows.filter((column) => !bilingual(column.comment))).toEqual([]);
    expect(columns.rows.filter((column) => PERSONAL_DATA_COLUMN.test(column.column))).toEqual([]);
  });

  it('shows the seeded parks, applications, awards and assessments, and what the bureaus just did', async () => {
    const parks = new Map((await rowsOf('registry_parks')).map((row) => [row.park_id, row]));
    expect(parks.size).toBe(DEMO_PARKS.length);
    for (const demo of DEMO_PARKS) {
      expect(parks.get(demo.id)).toMatchObject({ name: demo.name, official_name: demoOfficialName(demo), county_code: demo.countyCode, status: demo.status, building_area_m2: demo.buildingAreaM2, construction_investment_fen: demo.constructionInvestmentFen, management_team_size: demo.managementTeamSize });
    }
    expect(parks.get(luzhou.id)).toMatchObject({ county_name: '潞州区' });
    expect((await rowsOf('registry_counties')).map((row) => row.county_code)).toHaveLength(13);

    const applications = new Map((await rowsOf('applications_applications')).map((row) => [row.park_id, row]));
    for (const demo of DEMO_PARKS) {
      const stage = demo.id === xiangyuan.id ? 'CITY_REVIEW' : demo.applicationStage;
      expect(applications.get(demo.id)).toMatchObject({ kind: 'RECOGNITION', stage, year: demo.recognisedYear ?? 2026, county_code: demo.countyCode });
    }
    const [transition] = await rowsOf('applications_stage_history');
    expect(await rowsOf('applications_stage_history')).toHaveLength(1);
    expect(transition).toMatchObject({ action: 'countyPass', from_stage: 'COUNTY_REVIEW', to_stage: 'CITY_REVIEW', acting_role: 'COUNTY_BUREAU', county_code: xiangyuan.countyCode, left_at: null, days_in_stage: null });
    expect(await rowsOf('applications_review_decisions')).toEqual([expect.objectContaining({ stage: 'COUNTY_REVIEW', decision: 'PASS', reason_items: [], reason_count: 0, decided_role: 'COUNTY_BUREAU' })]);
    expect(await rowsOf('funding_targets')).toEqual([expect.objectContaining({ year: 2026, urban_new_employment: 52000, rural_labour_transfer: 38000, total_target: 90000 })]);

    const recognised = DEMO_PARKS.filter((demo) => demo.status === 'RECOGNISED');
    const awards = await rowsOf('funding_awards');
    expect(awards.map((award) => [award.park_id, award.kind, award.year, award.status, award.amount_fen, award.granted_fen, award.paid_fen, award.spent_fen, award.balance_fen]).sort()).toEqual(
      recognised.map((demo) => [demo.id, 'RECOGNITION_AWARD', demo.recognisedYear, 'PAID', '80000000', '80000000', '80000000', '0', '80000000']).sort(),
    );
    // The ledger's per-entry effects add up to the awards' totals, which come from funding's own view.
    const sums = new Map<string, bigint>();
    for (const entry of await rowsOf('funding_ledger')) {
      const key = `${entry.award_id}/${entry.total_affected}`;
      sums.set(key, (sums.get(key) ?? 0n) + BigInt(entry.effect_fen as string));
    }
    for (const award of awards) {
      expect([sums.get(`${award.award_id}/GRANTED`) ?? 0n, sums.get(`${award.award_id}/PAID`) ?? 0n, sums.get(`${award.award_id}/SPENT`) ?? 0n].map(String)).toEqual([award.granted_fen, award.paid_fen, award.spent_fen]);
    }

    const assessments = (await rowsOf('assessment_assessments')).map((row) => [row.park_id, row.year, row.total_score, row.grade, row.graded_phase, row.commended]);
    const seeded = DEMO_PARKS.flatMap((demo) => Object.entries(demo.assessments ?? {}).map(([year, score]) => [demo.id, Number(year), score, gradeOf(score), 'INITIAL', gradeOf(score) === 'EXCELLENT']));
    expect(assessments.sort()).toEqual(seeded.sort());
  });

  it('derives the Art 19 dimension scores from the cycle template exactly as libs/policy does', async () => {
    const scores: Record<string, string> = { E1: '7.50', E2: '3.33', E3: '10', E4: '6.25', R1: '8', R2: '4.5', R3: '9.99', R4: '5', O1: '11.25', O2: '7' };
    const expected = computeAssessmentTotal(DEFAULT_ASSESSMENT_TEMPLATE, scores);
    const assessmentId = '00000000-0000-4000-8000-0000000e2e01';
    // Rows as the cycles and workflow modules write them, in a transaction rolled back at the end.
    await admin.query('BEGIN');
    try {
      const [{ id: templateId }] = (await admin.query(`SELECT "id" FROM assessment.assessment_template WHERE "code" = 'CZ-ART19-DEFAULT'`)).rows;
      const [{ id: cycleId }] = (
        await admin.query(`INSERT INTO assessment.assessment_cycle ("year", "template_id", "opened_on", "submission_deadline", "review_deadline", "reminder_days", "opened_by") VALUES (2026, $1, '2027-01-04', '2027-02-01', '2027-02-26', '{}', 'e2e') RETURNING "id"`, [templateId])
      ).rows;
      await admin.query(
        `INSERT INTO assessment.assessment ("id", "park_id", "year", "status", "total_score", "grade", "initial_total_score", "initial_grade", "cycle_id") VALUES ($1, $2, 2026, 'SCORED', $3, $4, $3, $4, $5)`,
        [assessmentId, luzhou.id, expected.totalScore, expected.grade, cycleId],
      );
      for (const [code, score] of Object.entries(scores)) {
        await admin.query(`INSERT INTO assessment.indicator_score ("assessment_id", "phase", "indicator_code", "score", "justification", "scored_by", "scored_at") VALUES ($1, 'INITIAL', $2, $3, '按评分细则评分', 'e2e-assessor', now())`, [assessmentId, code, score]);
      }
      const dimensions = (await admin.query(`SELECT "dimension", "points", "max_points", "indicators_scored" FROM reporting.assessment_dimension_scores WHERE "assessment_id" = $1 ORDER BY 1`, [assessmentId])).rows;
      const maxima = (dimension: AssessmentDimension) => DEFAULT_ASSESSMENT_TEMPLATE.indicators.filter((indicator) => indicator.dimension === dimension).reduce((sum, indicator) => sum + Number(indicator.weight), 0);
      expect(dimensions).toEqual(
        (Object.entries(expected.byDimension) as Array<[AssessmentDimension, string]>)
          .map(([dimension, points]) => ({ dimension, points, max_points: String(maxima(dimension)), indicators_scored: DEFAULT_ASSESSMENT_TEMPLATE.indicators.filter((indicator) => indicator.dimension === dimension).length }))
          .sort((a, b) => a.dimension.localeCompare(b.dimension)),
      );
      const [graded] = (await admin.query(`SELECT "total_score", "grade", "graded_phase" FROM reporting.assessment_assessments WHERE "assessment_id" = $1`, [assessmentId])).rows;
      expect(graded).toEqual({ total_score: expected.totalScore, grade: expected.grade, graded_phase: 'INITIAL' });
    } finally {
      await admin.query('ROLLBACK');
    }
  });

  it('holds no personal data: no contact person, phone, address, typed comment or officer in any row', async () => {
    const personal = [...DEMO_PARKS.flatMap((demo) => [demo.contactName, demo.contactPhone, demo.address]), TYPED_PERSON.name, TYPED_PERSON.phone, xiangyuanOfficer.subject, as.city.subject];
    // The values are in the services' tables, so a view that copied them would be caught.
    const sources = JSON.stringify([(await admin.query(`SELECT "contact_name", "contact_phone", "address" FROM registry.park`)).rows, (await admin.query(`SELECT "comment", "decided_by" FROM applications.review_decision`)).rows, (await admin.query(`SELECT "entered_by" FROM funding.yearly_target`)).rows]);
    expect(personal.filter((value) => !sources.includes(value))).toEqual([]);

    for (const view of REPORTING_VIEWS) {
      const text = JSON.stringify(await rowsOf(view));
      expect({ view, leaked: personal.filter((value) => text.includes(value)) }).toEqual({ view, leaked: [] });
    }
  });

  it('refuses every table, sequence and function of the services, every write and every change of shape', async () => {
    const refusals: string[] = [];
    const expectRefused = async (statement: string, code = INSUFFICIENT_PRIVILEGE, client: Client = bi) => {
      const outcome = await client.query(statement).then(
        () => 'allowed',
        (error: { code?: string }) => error.code,
      );
      expect({ statement, outcome }).toEqual({ statement, outcome: code });
      refusals.push(statement);
    };

    // Everything the services own, listed by the services' connection, not by hand.
    const relations = (
      await admin.query(
        `SELECT format('%I.%I', n.nspname, c.relname) AS "name", c.relkind AS "kind" FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE c.relkind IN ('r', 'v', 'm', 'p', 'f', 'S') AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast', 'reporting') ORDER BY 1`,
      )
    ).rows as Array<{ name: string; kind: string }>;
    const names = relations.map((relation) => relation.name);
    for (const schema of SERVICE_SCHEMAS) expect(names).toEqual(expect.arrayContaining([`${schema}.audit_log`, `${schema}.outbox_event`, `${schema}.inbox_event`, `${schema}.migrations`]));
    expect(names).toEqual(expect.arrayContaining(['registry.park', 'applications.objection', 'applications.application_material', 'funding.ledger_entry', 'funding.award_ledger_totals', 'assessment.indicator_score', 'notifications.notification_contact']));
    for (const relation of relations) {
      await expectRefused(relation.kind === 'S' ? `SELECT nextval('${relation.name}')` : `SELECT * FROM ${relation.name} LIMIT 1`);
    }
    const functions = (await admin.query(`SELECT format('%I.%I', n.nspname, p.proname) AS "name" FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = ANY($1) AND p.pronargs = 0`, [SERVICE_SCHEMAS])).rows;
    expect(functions.length).toBeGreaterThan(5);
    for (const fn of functions) await expectRefused(`SELECT ${fn.name}()`);

    // A BI session starts read-only; the grants below refuse writes even with that switched off.
    await expectRefused(`CREATE TEMP TABLE scratch (a int)`, READ_ONLY_TRANSACTION);
    await bi.query(`SET default_transaction_read_only = off`);
    // Views over one table are updatable through to it in PostgreSQL: only the missing grant stops that.
    for (const [view, column] of [['registry_counties', 'county_name'], ['registry_park_public_services', 'function'], ['applications_publicity_items', 'outcome']]) {
      await expectRefused(`INSERT INTO reporting.${view} SELECT * FROM reporting.${view} LIMIT 1`);
      await expectRefused(`UPDATE reporting.${view} SET "${column}" = NULL`);
      await expectRefused(`DELETE FROM reporting.${view}`);
    }
    await expectRefused(`INSERT INTO reporting.funding_targets ("year", "urban_new_employment", "rural_labour_transfer") VALUES (2030, 1, 1)`);
    await expectRefused(`UPDATE reporting.funding_targets SET "urban_new_employment" = 0`);
    for (const statement of [
      `CREATE TABLE reporting.scratch (a int)`,
      `CREATE VIEW reporting.scratch AS SELECT 1 AS a`,
      `CREATE TABLE public.scratch (a int)`,
      `CREATE FUNCTION public.scratch() RETURNS int LANGUAGE sql AS 'SELECT 1'`,
      `CREATE SCHEMA scratch`,
      `DROP VIEW reporting.registry_parks`,
      `ALTER VIEW reporting.registry_parks RENAME TO parks`,
      `CREATE OR REPLACE VIEW reporting.registry_counties AS SELECT * FROM registry.county`,
      `COMMENT ON VIEW reporting.registry_parks IS 'x'`,
      `SET ROLE postgres`,
    ]) {
      await expectRefused(statement);
    }
    console.log(`czhr_reporting: ${REPORTING_VIEWS.length} views readable; ${refusals.length} refusals checked (${relations.length} service relations, ${functions.length} service functions, writes and DDL).`);
  });
});
