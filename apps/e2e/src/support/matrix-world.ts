import type { Identity, Role, Target } from '@cz/auth';
import { DEMO_PARKS } from '@cz/demo-data';
import { waitFor } from '@cz/testing';
import { Client } from 'pg';
import { ASSIGNED_REVIEWER, type Jurisdictions } from './matrix-cells';
import type { RunningSystem } from './system';
import { as, bearer, gql } from './tokens';

/**
 * The records the access matrix aims at, all in one home park (潞州, 140403) so that "own" and
 * "other" jurisdiction mean the same thing for every probe: the demo data, plus what the entitled
 * roles create through the gateway, plus a few rows written straight to the database where the
 * state machine would take dozens of steps to get there (a panel and a reviewer assignment for the
 * assigned reviewer, an application on publicity, a notification addressed to each role).
 */
export const HOME = DEMO_PARKS[0];
const ELSEWHERE = DEMO_PARKS[1];
/** The clock of the run: the first working day of 2027, so the 2026 assessment cycle can be opened. */
export const MATRIX_CLOCK = '2027-01-04T10:00:00+08:00';
export const TODAY = '2027-01-04';

export interface World {
  places: Jurisdictions;
  /** Each known park's county, for checking the rows a list returns. */
  countyOf: (parkId: string) => string;
  /** Subjects assigned to a record (panel or assessment reviewers), for the assigned reviewer's rows. */
  assignedTo: (recordId: string) => string[];
  park: Target;
  application: { id: string; target: Target };
  publicity: { id: string; applicationId: string };
  objection: { id: string; filerName: string; contact: string };
  cycle: { id: string; year: number };
  assessment: { id: string; target: Target };
  finalAssessment: { id: string };
  template: { id: string; version: number; input: Record<string, unknown> };
  policyVersion: { code: string; input: Record<string, unknown> };
  calendar: { year: number; input: Record<string, unknown> };
  award: { id: string };
  evidenceFileId: string;
  employmentReport: { id: string };
  subsidyReference: { id: string };
  spending: { toReview: string; toCorrect: string };
  ledgerEntry: { id: string };
  notificationOf: Partial<Record<Role, string>>;
  contact: { id: string; email: string };
}

const operator: Identity = { subject: 'matrix-setup-operator', role: 'PARK_OPERATOR', parkId: HOME.id };
const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from('访问矩阵佐证材料 '.repeat(50)), Buffer.from('\n%%EOF\n')]);

export async function buildWorld(system: RunningSystem): Promise<World> {
  const call = async <T>(identity: Identity | null, query: string, variables: Record<string, unknown> = {}): Promise<T> => {
    const response = await gql<T>(system.gatewayUrl, identity, query, variables);
    if (response.errors) throw new Error(`matrix setup, ${query.slice(0, 80)}…: ${JSON.stringify(response.errors)}`);
    return response.data as T;
  };
  const db = new Client({ connectionString: system.database.url });
  await db.connect();
  try {
    const counties = (await call<{ parks: { edges: Array<{ node: { id: string; county: { code: string } } }> } }>(as.city, `{ parks(first: 100) { edges { node { id county { code } } } } }`)).parks.edges;
    const countyByPark = new Map(counties.map(({ node }) => [node.id, node.county.code]));
    const park: Target = { parkId: HOME.id, countyCode: HOME.countyCode };

    // The reviewer assigned to the home park's application (its panel) and to its 2026 assessment.
    const applicationId = (await call<{ park: { applications: Array<{ id: string }> } }>(as.city, `query($id: ID!) { park(id: $id) { applications { id } } }`, { id: HOME.id })).park.applications[0].id;
    await db.query(`INSERT INTO applications.application_panel_member (application_id, subject, name, department, assigned_by, assigned_at) VALUES ($1, $2, '矩阵评审专家', '发改', 'matrix-setup', now())`, [applicationId, ASSIGNED_REVIEWER]);

    // An application of the home park on publicity, and an objection filed by the public.
    const [{ id: publicityApplicationId }] = (
      await db.query(`INSERT INTO applications.application (park_id, kind, stage, year, version, created_at, submitted_at, updated_at) VALUES ($1, 'SUB_PARK', 'PUBLICITY', 2026, 1, now(), now(), now()) RETURNING id`, [HOME.id])
    ).rows;
    const [{ id: publicityId }] = (
      await db.query(
        `INSERT INTO applications.publicity (title, posted_on, working_days, ends_on, ends_at, status, opened_by) VALUES ('访问矩阵测试公示', $1::date, 5, $2::date, ($2::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai', 'OPEN', 'matrix-setup') RETURNING id`,
        [TODAY, '2027-01-11'],
      )
    ).rows;
    await db.query(`INSERT INTO applications.publicity_item (publicity_id, application_id) VALUES ($1, $2)`, [publicityId, publicityApplicationId]);
    const objectionInput = { publicityId, applicationId: publicityApplicationId, filerName: '张异议', contact: '13900001111', reason: '访问矩阵测试：该园区部分入驻机构并未实际经营。' };
    const objectionId = (await call<{ fileObjection: { id: string } }>(null, `mutation($input: FileObjectionInput!) { fileObjection(input: $input) { id } }`, { input: objectionInput })).fileObjection.id;

    // The 2026 assessment cycle (needs the 2027 calendar for its deadlines), and the reviewer on the home park's assessment.
    const calendar2027 = (await call<{ workingCalendar: { covered: boolean; version: number } | null }>(as.city, `{ workingCalendar(year: 2027) { covered version } }`)).workingCalendar;
    if (!calendar2027?.covered) {
      await call(as.city, `mutation($v: Int, $input: CalendarYearInput!) { setCalendarYear(year: 2027, expectedVersion: $v, input: $input) { version } }`, { v: calendar2027?.version ?? null, input: { covered: true, holidays: [{ date: '2027-01-01', name: '元旦' }], makeUpWorkdays: [] } });
    }
    // The assessment service learns the calendar from the registry's event: until then it refuses to count 2027's days.
    const cycleId = await waitFor(async () => {
      const opening = await gql<{ openAssessmentCycle: { cycle: { id: string } } }>(system.gatewayUrl, as.city, `mutation { openAssessmentCycle(year: 2026) { cycle { id } } }`);
      return opening.data?.openAssessmentCycle.cycle.id;
    }, 'the 2026 assessment cycle to open');
    const assessments = await waitFor(async () => {
      const found = (await call<{ park: { assessments: Array<{ id: string; year: number }> } }>(as.city, `query($id: ID!) { park(id: $id) { assessments { id year } } }`, { id: HOME.id })).park.assessments;
      return found.some((each) => each.year === 2026) ? found : undefined;
    }, 'the 2026 assessment of the home park');
    const yearOf = (year: (each: number) => boolean) => {
      const found = assessments.find((each) => year(each.year));
      if (!found) throw new Error('matrix setup: the home park has no such assessment');
      return found.id;
    };
    const assessmentId = yearOf((year) => year === 2026);
    await db.query(`INSERT INTO assessment.assessment_reviewer (assessment_id, subject, name, lead, assigned_by, assigned_at) VALUES ($1, $2, '矩阵评审专家', true, 'matrix-setup', now())`, [assessmentId, ASSIGNED_REVIEWER]);

    const template = (await call<{ assessmentTemplates: { edges: Array<{ node: { id: string; version: number; code: string; title: string; indicators: unknown[]; cutoffs: unknown } }> } }>(
      as.city,
      `{ assessmentTemplates(first: 1) { edges { node { id version code title indicators { code dimension name description maxScore weight } cutoffs { excellent qualified } } } } }`,
    )).assessmentTemplates.edges[0].node;
    const policy = (await call<{ policyVersions: Array<Record<string, unknown>> }>(
      as.city,
      `{ policyVersions { code title jurisdictionKind countyCode effectiveFrom effectiveTo parameters { singleSiteMinAreaM2 coreSiteMinAreaM2 totalMinAreaM2 maxSubParks minInstitutions revenueTotalMinFen revenueTiers { count exceedsFen } requiredPublicServices publicityMinWorkingDays recognitionAwardFen operatingSubsidy { thresholdPercentOfTargets baseFen perPersonAboveFen capFen } } } }`,
    )).policyVersions[0];
    const calendar = (await call<{ workingCalendar: { covered: boolean; holidays: Array<{ date: string; name: string }>; makeUpWorkdays: Array<{ date: string; name: string }> } }>(as.city, `{ workingCalendar(year: 2027) { covered holidays { date name } makeUpWorkdays { date name } } }`)).workingCalendar;

    // Funding: the home park's recognition award (paid in the demo data), evidence, a report, a reference, two spendings.
    const awardId = (await call<{ park: { fundingAwards: Array<{ id: string }> } }>(as.city, `query($id: ID!) { park(id: $id) { fundingAwards { id } } }`, { id: HOME.id })).park.fundingAwards[0].id;
    const upload = await fetch(`${system.gatewayUrl.replace('/graphql', '')}/files/funding/evidence`, { method: 'POST', headers: { ...(await bearer(operator)), 'content-type': 'application/pdf', 'x-file-name': encodeURIComponent('访问矩阵佐证.pdf') }, body: PDF });
    if (upload.status !== 201) throw new Error(`matrix setup: evidence upload answered ${upload.status}`);
    const evidenceFileId = ((await upload.json()) as { id: string }).id;
    await call(as.city, `mutation { setYearlyTargets(year: 2026, urbanNewEmployment: 6000, ruralLabourTransfer: 4000) { year } }`);
    const reportId = (await call<{ reportEmployment: { id: string } }>(operator, `mutation($park: ID!, $files: [ID!]!) { reportEmployment(parkId: $park, year: 2026, employmentPromoted: 1700, evidenceFileIds: $files) { id } }`, { park: HOME.id, files: [evidenceFileId] })).reportEmployment.id;
    const subsidyReferenceId = (await call<{ recordEnterpriseSubsidy: { id: string } }>(as.city, `mutation($park: ID!, $input: EnterpriseSubsidyInput!) { recordEnterpriseSubsidy(parkId: $park, input: $input) { id } }`, { park: HOME.id, input: enterpriseSubsidy(0) })).recordEnterpriseSubsidy.id;
    const spend = async () => (await call<{ recordSpending: { id: string } }>(operator, `mutation($award: ID!, $input: SpendingInput!) { recordSpending(awardId: $award, input: $input) { id } }`, { award: awardId, input: spending(evidenceFileId) })).recordSpending.id;
    const toReview = await spend();
    const toCorrect = await spend();

    // One notification addressed to each role's own caller: by county, by park, or by person.
    const notificationOf: Partial<Record<Role, string>> = {};
    for (const role of ['CITY_BUREAU', 'COUNTY_BUREAU', 'PARK_OPERATOR', 'REVIEWER', 'FINANCE', 'DATA_TEAM'] as const) {
      const audience = { county: role === 'COUNTY_BUREAU' ? HOME.countyCode : null, park: role === 'PARK_OPERATOR' ? HOME.id : null, subject: role === 'REVIEWER' ? ASSIGNED_REVIEWER : ['CITY_BUREAU', 'FINANCE', 'DATA_TEAM'].includes(role) ? `matrix-${role.toLowerCase()}-own` : null };
      const [{ id }] = (
        await db.query(
          `INSERT INTO notifications.notification (dedupe_key, audience_role, audience_county_code, audience_park_id, audience_subject, category, title, body) VALUES ($1, $2, $3, $4, $5, 'MATRIX', '访问矩阵测试通知', '访问矩阵测试通知正文') RETURNING id`,
          [`matrix:${role}`, role, audience.county, audience.park, audience.subject],
        )
      ).rows;
      notificationOf[role] = id;
    }
    const contactEmail = 'matrix-directory@changzhi.example';
    const contactId = (await call<{ addNotificationContact: { id: string } }>(as.city, `mutation($input: NotificationContactInput!) { addNotificationContact(input: $input) { id } }`, { input: { role: 'COUNTY_BUREAU', countyCode: HOME.countyCode, email: contactEmail, name: '访问矩阵测试邮箱' } })).addNotificationContact.id;

    const finalAssessmentId = yearOf((year) => year !== 2026);
    const assigned = new Map<string, string[]>([
      [applicationId, [ASSIGNED_REVIEWER]],
      [assessmentId, [ASSIGNED_REVIEWER]],
    ]);
    return {
      places: {
        home: park,
        otherCounty: (countyCode) => (countyCode === ELSEWHERE.countyCode ? HOME.countyCode : ELSEWHERE.countyCode),
        otherPark: (parkId) => (parkId === ELSEWHERE.id ? HOME.id : ELSEWHERE.id),
      },
      countyOf: (parkId) => countyByPark.get(parkId) ?? 'unknown',
      assignedTo: (recordId) => assigned.get(recordId) ?? [],
      park,
      application: { id: applicationId, target: { ...park, assignedSubjects: [ASSIGNED_REVIEWER] } },
      publicity: { id: publicityId, applicationId: publicityApplicationId },
      objection: { id: objectionId, filerName: objectionInput.filerName, contact: objectionInput.contact },
      cycle: { id: cycleId, year: 2026 },
      assessment: { id: assessmentId, target: { ...park, assignedSubjects: [ASSIGNED_REVIEWER] } },
      finalAssessment: { id: finalAssessmentId },
      template: { id: template.id, version: template.version, input: { code: template.code, title: template.title, indicators: template.indicators, cutoffs: template.cutoffs } },
      policyVersion: { code: policy.code as string, input: policy },
      calendar: { year: 2027, input: calendar },
      award: { id: awardId },
      evidenceFileId,
      employmentReport: { id: reportId },
      subsidyReference: { id: subsidyReferenceId },
      spending: { toReview, toCorrect },
      ledgerEntry: { id: toReview },
      notificationOf,
      contact: { id: contactId, email: contactEmail },
    };
  } finally {
    await db.end();
  }
}

/** Inputs valid for the home park, varied by `n` where a value must be unique. */
export function enterpriseSubsidy(n: number) {
  return { enterpriseName: `访问矩阵测试企业${n}`, enterpriseCreditCode: `91140403MA0${String(n).padStart(7, '0')}`, policyName: '长治市高层次人才引进补贴', kind: 'TALENT', amount: '500000', appliedOn: '2026-12-01' };
}

export function spending(evidenceFileId: string) {
  return { category: 'RENT_SUBSIDY', amount: '1000', spentOn: TODAY, description: '访问矩阵测试：入驻企业房租补贴', evidenceFileIds: [evidenceFileId] };
}
