import { randomUUID } from 'node:crypto';
import type { Identity } from '@cz/auth';
import { statementTotals } from '@cz/db';
import type { DeclaredFacts } from '@cz/policy';
import { asGateway, errorCode, type GraphQLResponse, startTestSubgraph, type TestSubgraph } from '@cz/testing';
import { applicationsService } from '../service';
import { isEvaluationConcluded } from './evaluation-status';
import { assignedSubjectsOf } from './panel-access';

const city: Identity = { subject: 'city-1', role: 'CITY_BUREAU' };
const luzhou: Identity = { subject: 'county-1', role: 'COUNTY_BUREAU', countyCode: '140403' };
const luzhouColleague: Identity = { subject: 'county-1b', role: 'COUNTY_BUREAU', countyCode: '140403' };
const shangdang: Identity = { subject: 'county-2', role: 'COUNTY_BUREAU', countyCode: '140404' };
const reviewer = (subject: string): Identity => ({ subject, role: 'REVIEWER' });

const FACTS: DeclaredFacts = {
  revenueYear: 2025,
  sites: [
    { name: '核心园区', address: '潞州区英雄北路 1 号', buildingAreaM2: '3200.00', isCore: true },
    { name: '东区分园', address: '潞州区太行东街 8 号', buildingAreaM2: '1500.50', isCore: false },
  ],
  institutions: [],
  publicServices: ['EMPLOYMENT_ENTREPRENEURSHIP'],
  subParkJustification: null,
};

const APPLICATION = `id stage version decidedAt`;
const REVIEW = (name: string) => `mutation($id: ID!, $v: Int!, $d: ReviewDecisionInput!) { ${name}(applicationId: $id, expectedVersion: $v, decision: $d) { ${APPLICATION} } }`;
const ASSIGN = `mutation($id: ID!, $m: [PanelMemberInput!]!) { assignPanel(applicationId: $id, members: $m) { id panel { subject name department } } }`;
const EVALUATE = `mutation($id: ID!, $o: String!, $s: String!) { submitEvaluation(applicationId: $id, opinion: $o, score: $s) { subject score scoreHistory { scoreBefore scoreAfter changedBy } } }`;
const INSPECT = `mutation($id: ID!, $i: SiteInspectionInput!) { recordSiteInspection(applicationId: $id, input: $i) { id inspectedOn recordedBy } }`;
const FINDING = `mutation($id: ID!, $c: QualitativeCriterion!, $i: QualitativeFindingInput!) { recordQualitativeFinding(applicationId: $id, criterion: $c, input: $i) { criterion satisfied } }`;
const CONCLUDE = `mutation($id: ID!, $v: Int!) { concludeEvaluation(applicationId: $id, expectedVersion: $v) { ${APPLICATION} evaluationConclusion { averageScore concludedBy } } }`;
const APPROVE = `mutation($id: ID!, $v: Int!, $no: String!, $on: Date!) { approveApplication(applicationId: $id, expectedVersion: $v, approvalDocumentNo: $no, approvedOn: $on) { ${APPLICATION} approval { approvalDocumentNo approvedOn approvedBy } } }`;
const REVIEW_FIELDS = `id stage reviewDecisions { stage decision reasons { item reason } decidedBy } panel { subject } evaluations { subject score scoreHistory { scoreAfter } }
  siteInspections { inspectedOn } qualitativeFindings { criterion } evaluationConclusion { averageScore } history { action fromStage toStage actorSubject reason }`;
const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Application { ${REVIEW_FIELDS} } } }`;
const ASSIGNED = `query { applications(first: 50) { totalCount edges { node { ${REVIEW_FIELDS} } } } }`;

type Row = Record<string, unknown>;

describe('review: county and city review, joint evaluation, approval (real PostgreSQL)', () => {
  let subgraph: TestSubgraph;
  const query = (sql: string, parameters: unknown[] = []): Promise<Row[]> => subgraph.service.dataSource.query(sql, parameters);
  const as = <T = Row>(identity: Identity, document: string, variables: Record<string, unknown>) => asGateway<T>(subgraph.url, identity, document, variables);
  const data = <T>(response: GraphQLResponse<T>): T => {
    expect(response.errors).toBeUndefined();
    return response.data as T;
  };
  const stageOf = async (id: string) => (await query(`SELECT stage, version FROM applications.application WHERE id = $1`, [id]))[0];
  const countOf = async (sql: string, parameters: unknown[]) => Number((await query(`SELECT count(*)::int AS n FROM ${sql}`, parameters))[0].n);
  const notifications = (id: string) => query(`SELECT payload FROM applications.outbox_event WHERE type = 'notification.requested' AND aggregate_id = $1 ORDER BY occurred_at, id`, [id]).then((rows) => rows.map((row) => row.payload as Row));

  /** Factory: a park known here and its application in `stage`, with a frozen submission when the declaration table exists. */
  async function createApplication(countyCode: string, stage: string, kind: 'RECOGNITION' | 'SUB_PARK' = 'RECOGNITION'): Promise<{ id: string; parkId: string }> {
    const parkId = randomUUID();
    await query(`INSERT INTO applications.park_ref (park_id, name, county_code, status, source_version) VALUES ($1, $2, $3, 'CANDIDATE', 1)`, [parkId, `评审测试园区${parkId.slice(0, 4)}`, countyCode]);
    const [{ id }] = await query(`INSERT INTO applications.application (park_id, kind, stage, year, submitted_at) VALUES ($1, $2, $3, 2026, now() - interval '30 days') RETURNING id`, [parkId, kind, stage]);
    const [{ exists }] = await query(`SELECT to_regclass('applications.application_submission') IS NOT NULL AS exists`);
    if (exists) {
      await query(
        `INSERT INTO applications.application_submission (application_id, round, facts, policy_version_code, eligibility, submitted_at, submitted_by) VALUES ($1, 1, $2, 'CITY-2024', '[]', now() - interval '30 days', 'park-op')`,
        [id, JSON.stringify(FACTS)],
      );
    }
    return { id: id as string, parkId };
  }

  beforeAll(async () => {
    subgraph = await startTestSubgraph(applicationsService, { seedDemo: true });
  });
  afterAll(async () => {
    await subgraph?.close();
  });

  it('county pass moves to city review, records the decision, history, audit and a notice to the city bureau', async () => {
    const { id } = await createApplication('140403', 'COUNTY_REVIEW');
    const passed = data(await as<{ countyReview: Row }>(luzhou, REVIEW('countyReview'), { id, v: 1, d: { decision: 'PASS', comment: '材料齐全' } }));
    expect(passed.countyReview).toMatchObject({ stage: 'CITY_REVIEW', version: 2 });
    expect(await query(`SELECT stage, decision, decided_by FROM applications.review_decision WHERE application_id = $1`, [id])).toEqual([{ stage: 'COUNTY_REVIEW', decision: 'PASS', decided_by: 'county-1' }]);
    expect(await query(`SELECT action, from_stage, to_stage, actor_subject, reason FROM applications.application_transition WHERE application_id = $1`, [id])).toEqual([
      { action: 'countyPass', from_stage: 'COUNTY_REVIEW', to_stage: 'CITY_REVIEW', actor_subject: 'county-1', reason: '材料齐全' },
    ]);
    expect(await countOf(`applications.audit_log WHERE target_id = $1 AND operation = 'application.countyPass'`, [id])).toBe(1);
    expect(await notifications(id)).toEqual([expect.objectContaining({ dedupeKey: `application:${id}:countyPass:2`, audience: { role: 'CITY_BUREAU' } })]);
  });

  it('returns with reasons per item to the park, and refuses a return or rejection without reasons, changing nothing', async () => {
    const { id, parkId } = await createApplication('140403', 'COUNTY_REVIEW');
    for (const decision of [{ decision: 'RETURN' }, { decision: 'REJECT', reasons: [] }, { decision: 'RETURN', reasons: [{ item: 'LETTER', reason: '   ' }] }]) {
      const refused = await as(luzhou, REVIEW('countyReview'), { id, v: 1, d: decision });
      expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: expect.stringMatching(/^decision\.reasons/) });
    }
    expect(await stageOf(id)).toEqual({ stage: 'COUNTY_REVIEW', version: 1 });
    expect(await countOf(`applications.review_decision WHERE application_id = $1`, [id])).toBe(0);

    const reasons = [{ item: 'LETTER', reason: '申请函件缺少公章' }, { item: 'FACTS', reason: '核心园区面积与审批表不符' }];
    expect(data(await as<{ countyReview: Row }>(luzhou, REVIEW('countyReview'), { id, v: 1, d: { decision: 'RETURN', reasons } })).countyReview).toMatchObject({ stage: 'RETURNED' });
    const read = data(await as<{ _entities: Row[] }>(city, ENTITIES, { r: [{ __typename: 'Application', id }] }))._entities[0];
    expect(read.reviewDecisions).toEqual([{ stage: 'COUNTY_REVIEW', decision: 'RETURN', reasons, decidedBy: 'county-1' }]);
    expect(read.history).toEqual([{ action: 'returnForCorrection', fromStage: 'COUNTY_REVIEW', toStage: 'RETURNED', actorSubject: 'county-1', reason: '申请函件：申请函件缺少公章；申报事实：核心园区面积与审批表不符' }]);
    expect(await notifications(id)).toEqual([expect.objectContaining({ dedupeKey: `application:${id}:returnForCorrection:2`, audience: { role: 'PARK_OPERATOR', parkId } })]);
  });

  it('rejects with reasons, setting the decision date', async () => {
    const { id, parkId } = await createApplication('140403', 'COUNTY_REVIEW');
    const rejected = data(await as<{ countyReview: Row }>(luzhou, REVIEW('countyReview'), { id, v: 1, d: { decision: 'REJECT', reasons: [{ item: 'GENERAL', reason: '不符合第六条条件' }] } }));
    expect(rejected.countyReview).toMatchObject({ stage: 'REJECTED', decidedAt: expect.any(String) });
    expect(await notifications(id)).toEqual([expect.objectContaining({ audience: { role: 'PARK_OPERATOR', parkId } })]);
    expect(await countOf(`applications.audit_log WHERE target_id = $1 AND operation = 'application.reject'`, [id])).toBe(1);
  });

  it('refuses another county’s officer and a county review outside county review', async () => {
    const { id } = await createApplication('140403', 'COUNTY_REVIEW');
    expect(errorCode(await as(shangdang, REVIEW('countyReview'), { id, v: 1, d: { decision: 'PASS' } }))).toBe('FORBIDDEN');
    expect(errorCode(await as(city, REVIEW('countyReview'), { id, v: 1, d: { decision: 'PASS' } }))).toBe('FORBIDDEN');
    expect(errorCode(await as(luzhou, REVIEW('cityReview'), { id, v: 1, d: { decision: 'PASS' } }))).toBe('FORBIDDEN');
    const atCity = await createApplication('140403', 'CITY_REVIEW');
    expect(errorCode(await as(luzhou, REVIEW('countyReview'), { id: atCity.id, v: 1, d: { decision: 'RETURN', reasons: [{ item: 'OTHER', reason: '补充材料' }] } }))).toBe('CONFLICT');
    expect(await stageOf(atCity.id)).toEqual({ stage: 'CITY_REVIEW', version: 1 });
    expect(errorCode(await as(luzhou, REVIEW('countyReview'), { id: randomUUID(), v: 1, d: { decision: 'PASS' } }))).toBe('NOT_FOUND');
  });

  it('lets one of two county officers deciding at once win; the other gets CONFLICT', async () => {
    const { id } = await createApplication('140403', 'COUNTY_REVIEW');
    const results = await Promise.all([
      as(luzhou, REVIEW('countyReview'), { id, v: 1, d: { decision: 'PASS' } }),
      as(luzhouColleague, REVIEW('countyReview'), { id, v: 1, d: { decision: 'RETURN', reasons: [{ item: 'GENERAL', reason: '需补正' }] } }),
    ]);
    expect(results.map((result) => (result.errors ? errorCode(result) : 'OK')).sort()).toEqual(['CONFLICT', 'OK']);
    expect(await countOf(`applications.review_decision WHERE application_id = $1`, [id])).toBe(1);
    expect(await countOf(`applications.application_transition WHERE application_id = $1`, [id])).toBe(1);
    expect((await stageOf(id)).version).toBe(2);
  });

  it('runs the joint evaluation: city pass, panel, scores with history, inspection, findings, conclusion', async () => {
    const { id } = await createApplication('140404', 'CITY_REVIEW');
    expect(data(await as<{ cityReview: Row }>(city, REVIEW('cityReview'), { id, v: 1, d: { decision: 'PASS' } })).cityReview).toMatchObject({ stage: 'JOINT_EVALUATION', version: 2 });

    const members = [
      { subject: 'rev-fg', name: '张发改', department: '发改' },
      { subject: 'rev-cz', name: '李财政', department: '财政' },
    ];
    expect(errorCode(await as(luzhou, ASSIGN, { id, m: members }))).toBe('FORBIDDEN');
    // Assigned together, listed by subject.
    expect(data(await as<{ assignPanel: Row }>(city, ASSIGN, { id, m: members })).assignPanel.panel).toEqual([members[1], members[0]]);
    expect((await assignedSubjectsOf(subgraph.service.dataSource, [id, randomUUID()])).get(id)).toEqual(['rev-cz', 'rev-fg']);
    const invites = (await notifications(id)).filter((payload) => (payload.audience as Row).role === 'REVIEWER');
    expect(invites.map((payload) => [payload.audience, payload.dedupeKey]).sort((a, b) => String(a[1]).localeCompare(String(b[1])))).toEqual([
      [{ role: 'REVIEWER', subject: 'rev-cz' }, `application:${id}:panelAssigned.rev-cz:2`],
      [{ role: 'REVIEWER', subject: 'rev-fg' }, `application:${id}:panelAssigned.rev-fg:2`],
    ]);

    expect(errorCode(await as(reviewer('rev-other'), EVALUATE, { id, o: '同意', s: '80' }))).toBe('FORBIDDEN');
    expect(errorCode(await as(city, EVALUATE, { id, o: '同意', s: '80' }))).toBe('FORBIDDEN');
    expect((await as(reviewer('rev-fg'), EVALUATE, { id, o: '同意', s: '100.5' })).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'score' });
    data(await as(reviewer('rev-fg'), EVALUATE, { id, o: '规划可行', s: '80.5' }));
    const revised = data(await as<{ submitEvaluation: Row }>(reviewer('rev-fg'), EVALUATE, { id, o: '规划可行，团队较强', s: '85.33' })).submitEvaluation;
    expect(revised).toEqual({ subject: 'rev-fg', score: '85.33', scoreHistory: [{ scoreBefore: null, scoreAfter: '80.50', changedBy: 'rev-fg' }, { scoreBefore: '80.50', scoreAfter: '85.33', changedBy: 'rev-fg' }] });

    const incomplete = await as(city, CONCLUDE, { id, v: 2 });
    expect(incomplete.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      missing: ['evaluation.rev-cz', 'siteInspection', 'qualitativeFinding.PLANNING_REPORT', 'qualitativeFinding.OPERATING_TEAM', 'qualitativeFinding.SOCIAL_BENEFITS'],
    });
    expect(incomplete.errors?.[0]?.message).toContain('李财政的评审意见和评分');
    expect(await stageOf(id)).toEqual({ stage: 'JOINT_EVALUATION', version: 2 });

    data(await as(reviewer('rev-cz'), EVALUATE, { id, o: '资金安排合理', s: '90' }));
    expect(errorCode(await as(reviewer('rev-other'), INSPECT, { id, i: { inspectedOn: '2026-01-05', inspectors: '张发改', findings: '场地已投入使用', conclusion: '符合' } }))).toBe('FORBIDDEN');
    const inspection = { inspectedOn: '2026-01-05', inspectors: '张发改、李财政', findings: '场地已投入使用', conclusion: '符合' };
    expect(data(await as<{ recordSiteInspection: Row }>(reviewer('rev-fg'), INSPECT, { id, i: inspection })).recordSiteInspection).toMatchObject({ inspectedOn: '2026-01-05', recordedBy: 'rev-fg' });
    for (const criterion of ['PLANNING_REPORT', 'OPERATING_TEAM', 'SOCIAL_BENEFITS']) {
      data(await as(city, FINDING, { id, c: criterion, i: { finding: '满足', evidence: '见材料 3、4', satisfied: true } }));
    }
    expect(errorCode(await as(city, CONCLUDE, { id, v: 1 }))).toBe('CONFLICT');
    expect(await isEvaluationConcluded(subgraph.service.dataSource, id)).toBe(false);
    const concluded = data(await as<{ concludeEvaluation: Row }>(city, CONCLUDE, { id, v: 2 })).concludeEvaluation;
    // (85.33 + 90) / 2 = 87.665, rounded half away from zero in exact decimal arithmetic.
    expect(concluded).toMatchObject({ stage: 'JOINT_EVALUATION', version: 3, evaluationConclusion: { averageScore: '87.67', concludedBy: 'city-1' } });
    expect(await isEvaluationConcluded(subgraph.service.dataSource, id)).toBe(true);
    expect(errorCode(await as(reviewer('rev-cz'), EVALUATE, { id, o: '改', s: '10' }))).toBe('CONFLICT');
    expect(errorCode(await as(city, CONCLUDE, { id, v: 3 }))).toBe('CONFLICT');
    expect(await countOf(`applications.evaluation_score_change WHERE application_id = $1`, [id])).toBe(3);
    expect(await countOf(`applications.audit_log WHERE target_id = $1 AND operation IN ('application.panel.assign', 'application.evaluate', 'application.inspect', 'application.qualitative-finding', 'application.evaluation.conclude') AND outcome = 'SUCCEEDED'`, [id])).toBe(9);

    const mine = data(await as<{ applications: { totalCount: number; edges: Array<{ node: Row }> } }>(reviewer('rev-cz'), ASSIGNED, {})).applications;
    expect(mine.totalCount).toBe(1);
    expect(mine.edges[0].node).toMatchObject({ id, panel: [{ subject: 'rev-cz' }, { subject: 'rev-fg' }], evaluationConclusion: { averageScore: '87.67' } });
    expect((mine.edges[0].node.evaluations as Row[]).map((evaluation) => evaluation.score)).toEqual(['85.33', '90.00']);
    expect(data(await as<{ applications: { totalCount: number } }>(reviewer('rev-other'), ASSIGNED, {})).applications.totalCount).toBe(0);
    // The same list serves everyone: the city bureau sees all applications, a reviewer only its panels'.
    expect(data(await as<{ applications: { totalCount: number } }>(city, ASSIGNED, {})).applications.totalCount).toBeGreaterThan(1);
  });

  it('starts a new round when a resubmitted application re-enters joint evaluation: the old conclusion no longer stands', async () => {
    const { id } = await createApplication('140404', 'CITY_REVIEW');
    await query(`INSERT INTO applications.evaluation_conclusion (application_id, concluded_by, concluded_at, average_score) VALUES ($1, 'city-1', now() - interval '60 days', 75)`, [id]);
    expect(await isEvaluationConcluded(subgraph.service.dataSource, id)).toBe(true);
    // The bureau may record qualitative findings while it reviews the materials.
    data(await as(city, FINDING, { id, c: 'PLANNING_REPORT', i: { finding: '规划可行', evidence: '材料 3', satisfied: true } }));
    data(await as(city, REVIEW('cityReview'), { id, v: 1, d: { decision: 'PASS' } }));
    expect(await isEvaluationConcluded(subgraph.service.dataSource, id)).toBe(false);
    expect(await query(`SELECT action, actor_subject FROM applications.application_transition WHERE application_id = $1`, [id])).toEqual([{ action: 'cityPass', actor_subject: 'city-1' }]);
    expect(await countOf(`applications.audit_log WHERE target_id = $1 AND operation = 'application.cityPass'`, [id])).toBe(1);
    expect(await notifications(id)).toEqual([expect.objectContaining({ dedupeKey: `application:${id}:cityPass:2`, audience: { role: 'CITY_BUREAU' } })]);
  });

  it('approves from awaiting approval: the approval event with the frozen facts, a notice to the park, history and audit', async () => {
    const { id, parkId } = await createApplication('140403', 'AWAITING_APPROVAL', 'SUB_PARK');
    expect((await as(city, APPROVE, { id, v: 1, no: '长人社函〔2026〕12号', on: '2999-01-01' })).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'approvedOn' });
    expect((await as(city, APPROVE, { id, v: 1, no: '  ', on: '2026-01-10' })).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'approvalDocumentNo' });
    expect(errorCode(await as(luzhou, APPROVE, { id, v: 1, no: '长人社函〔2026〕12号', on: '2026-01-10' }))).toBe('FORBIDDEN');

    const approved = data(await as<{ approveApplication: Row }>(city, APPROVE, { id, v: 1, no: '长人社函〔2026〕12号', on: '2026-01-10' })).approveApplication;
    expect(approved).toMatchObject({ stage: 'APPROVED', version: 2, decidedAt: expect.any(String), approval: { approvalDocumentNo: '长人社函〔2026〕12号', approvedOn: '2026-01-10', approvedBy: 'city-1' } });
    const events = await query(`SELECT payload FROM applications.outbox_event WHERE type = 'applications.application-approved' AND aggregate_id = $1`, [id]);
    expect(events).toEqual([
      { payload: { applicationId: id, parkId, kind: 'SUB_PARK', approvalDocumentNo: '长人社函〔2026〕12号', approvedOn: '2026-01-10', facts: FACTS, subPark: FACTS.sites[1], recognitionAwardFen: null, policyVersionCode: 'CZ-HRSIP-2024-TRIAL' } },
    ]);
    expect(await notifications(id)).toEqual([expect.objectContaining({ dedupeKey: `application:${id}:approve:2`, audience: { role: 'PARK_OPERATOR', parkId } })]);
    expect(await query(`SELECT action, from_stage, to_stage FROM applications.application_transition WHERE application_id = $1`, [id])).toEqual([{ action: 'approve', from_stage: 'AWAITING_APPROVAL', to_stage: 'APPROVED' }]);
    expect(await countOf(`applications.audit_log WHERE target_id = $1 AND operation = 'application.approve' AND outcome = 'SUCCEEDED'`, [id])).toBe(1);
    // 潞州's refused attempt above is on the record too, as DENIED.
    expect(await countOf(`applications.audit_log WHERE target_id = $1 AND operation = 'application.approve' AND outcome = 'DENIED'`, [id])).toBe(1);
    expect(errorCode(await as(city, APPROVE, { id, v: 2, no: '长人社函〔2026〕13号', on: '2026-01-10' }))).toBe('CONFLICT');

    const early = await createApplication('140403', 'JOINT_EVALUATION');
    expect(errorCode(await as(city, APPROVE, { id: early.id, v: 1, no: '长人社函〔2026〕14号', on: '2026-01-10' }))).toBe('CONFLICT');
    expect(await countOf(`applications.outbox_event WHERE aggregate_id = $1`, [early.id])).toBe(0);
  });

  it('reads the review fields of many applications in a fixed number of statements', async () => {
    const ids: string[] = [];
    for (let index = 0; index < 12; index += 1) ids.push((await createApplication('140403', 'JOINT_EVALUATION')).id);
    const statementsFor = async (some: string[]) => {
      const before = statementTotals.inRequests;
      const response = await as<{ _entities: Row[] }>(city, ENTITIES, { r: some.map((id) => ({ __typename: 'Application', id })) });
      expect(data(response)._entities).toHaveLength(some.length);
      return statementTotals.inRequests - before;
    };
    expect(await statementsFor(ids)).toBe(await statementsFor(ids.slice(0, 2)));
  });
});
