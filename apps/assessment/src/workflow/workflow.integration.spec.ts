import { ANONYMOUS, type Identity } from '@cz/auth';
import { statementTotals } from '@cz/db';
import { DEFAULT_ASSESSMENT_TEMPLATE } from '@cz/policy';
import type { AssessmentGradedPayload, ParkRevocationDecidedPayload } from '@cz/queue-contracts';
import { asGateway, createParkRefs, type GraphQLResponse, startTestSubgraph, type TestSubgraph } from '@cz/testing';
import { DEFAULT_TEMPLATE_ID } from '../migrations/1765000000000-assessment-cycles';
import { assessmentService } from '../service';
import { evidenceClient, pdf } from './evidence.test-support';
import { insertAssessments, insertCycle } from './workflow.test-support';

const COUNTY = '140426';
const city: Identity = { subject: 'city-1', role: 'CITY_BUREAU' };
const county: Identity = { subject: 'county-1', role: 'COUNTY_BUREAU', countyCode: COUNTY };
const otherCounty: Identity = { subject: 'county-2', role: 'COUNTY_BUREAU', countyCode: '140427' };
const lead: Identity = { subject: 'reviewer-lead', role: 'REVIEWER' };
const member: Identity = { subject: 'reviewer-member', role: 'REVIEWER' };
const outsider: Identity = { subject: 'reviewer-outsider', role: 'REVIEWER' };
const operatorOf = (parkId: string): Identity => ({ subject: `operator-${parkId}`, role: 'PARK_OPERATOR', parkId });

const CODES = DEFAULT_ASSESSMENT_TEMPLATE.indicators.map((indicator) => indicator.code);
type Scores = Record<string, string>;
// Default template (E1–E4, R1, R3, R4, O2 out of 10; R2 out of 5; O1 out of 15), each scored in points.
const QUALIFIED: Scores = { E1: '9', E2: '8.5', E3: '7', E4: '6', R1: '9', R2: '4.5', R3: '8', R4: '7', O1: '13.5', O2: '9' }; // 30.5 + 28.5 + 22.5 = 81.50
const EXCELLENT: Scores = { E1: '9', E2: '10', E3: '10', E4: '10', R1: '10', R2: '5', R3: '10', R4: '10', O1: '15', O2: '10' }; // 99.00
const UNQUALIFIED: Scores = { E1: '5', E2: '5', E3: '5', E4: '5', R1: '5', R2: '2.5', R3: '5', R4: '5', O1: '7.5', O2: '5' }; // 20 + 17.5 + 12.5 = 50.00
const JUST_QUALIFIED: Scores = { ...UNQUALIFIED, E1: '10', E2: '10', R2: '3' }; // 50 + 5 + 5 + 0.5 = 60.50

const FIELDS = `id year status version totalScore grade initialTotalScore initialGrade commended finalisedAt submittedAt checkedAt returnReason
  cycle { year } rectification { status deadline requirements report submittedAt overdueFlaggedAt }`;
const ONE = `query($id: ID!) { assessment(id: $id) { ${FIELDS} } }`;
const SAVE = `mutation($id: ID!, $entries: [SelfAssessmentEntryInput!]!) { saveSelfAssessment(assessmentId: $id, entries: $entries) { id selfAssessment { indicatorCode narrative evidenceFiles { id fileName sizeBytes downloadPath } figures { name value unit } } } }`;
const SUBMIT = `mutation($id: ID!, $v: Int!) { submitSelfAssessment(assessmentId: $id, expectedVersion: $v) { ${FIELDS} } }`;
const CHECK = `mutation($id: ID!, $v: Int!, $decision: SelfAssessmentDecision!, $reason: String) { checkSelfAssessment(assessmentId: $id, expectedVersion: $v, decision: $decision, reason: $reason) { ${FIELDS} } }`;
const ASSIGN = `mutation($id: ID!, $reviewers: [AssessmentReviewerInput!]!) { assignAssessmentReviewers(assessmentId: $id, reviewers: $reviewers) { id reviewers { subject name lead } } }`;
const SCORE = `mutation($id: ID!, $input: IndicatorScoreInput!) { scoreIndicator(assessmentId: $id, input: $input) { indicatorCode phase score justification } }`;
const FINALISE = `mutation($id: ID!, $v: Int!, $deadline: Date, $requirements: String) {
  finaliseAssessment(assessmentId: $id, expectedVersion: $v, rectificationDeadline: $deadline, rectificationRequirements: $requirements) { ${FIELDS} } }`;
const REPORT = `mutation($id: ID!, $v: Int!, $report: String!) { submitRectificationReport(assessmentId: $id, expectedVersion: $v, report: $report) { ${FIELDS} } }`;
const TEMPLATE_FIELDS = 'id code title version usedByCycleYears cutoffs { excellent qualified } indicators { code dimension maxScore weight }';

type Assessment = {
  id: string;
  status: string;
  version: number;
  totalScore: string | null;
  grade: string | null;
  initialTotalScore: string | null;
  initialGrade: string | null;
  commended: boolean;
  finalisedAt: string | null;
  rectification: { status: string; deadline: string; requirements: string; report: string | null } | null;
};

describe('assessment workflow: self-assessment, scoring, grading and Art 20 (real PostgreSQL)', () => {
  let assessment: TestSubgraph;
  const sql = <T = Record<string, unknown>>(text: string, parameters: unknown[] = []): Promise<T[]> => assessment.service.dataSource.query(text, parameters);

  /** The response's data, failing the test with the errors when there are any. */
  async function call<T = Record<string, unknown>>(identity: Identity, query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const response = await asGateway<T>(assessment.url, identity, query, variables);
    if (response.errors) throw new Error(`${identity.role} ${query.slice(0, 60)}: ${JSON.stringify(response.errors)}`);
    return response.data as T;
  }
  const refused = async (identity: Identity, query: string, variables: Record<string, unknown>) => {
    const response: GraphQLResponse = await asGateway(assessment.url, identity, query, variables);
    expect(response.errors).toBeDefined();
    return response.errors![0];
  };
  const current = async (id: string) => (await call<{ assessment: Assessment }>(city, ONE, { id })).assessment;
  const gradedEvents = async (id: string) =>
    (await sql<{ payload: AssessmentGradedPayload }>(`SELECT "payload" FROM "assessment"."outbox_event" WHERE "type" = 'assessment.assessment-graded' AND "aggregate_id" = $1 ORDER BY "occurred_at", "payload"->>'phase'`, [id])).map((row) => row.payload);
  const revocations = async (parkId: string) =>
    (await sql<{ payload: ParkRevocationDecidedPayload }>(`SELECT "payload" FROM "assessment"."outbox_event" WHERE "type" = 'assessment.park-revocation-decided' AND "aggregate_id" = $1`, [parkId])).map((row) => row.payload);

  const entries = (codes: readonly string[], evidenceFileIds: string[] = []) => codes.map((code) => ({ indicatorCode: code, figures: [{ name: '营业收入', value: '3200', unit: '万元' }], narrative: `${code} 年度情况说明`, evidenceFileIds }));

  /** The park fills in every indicator and submits; its county bureau accepts. */
  async function selfAssessedAndChecked(parkId: string, id: string): Promise<void> {
    await call(operatorOf(parkId), SAVE, { id, entries: entries(CODES) });
    await call(operatorOf(parkId), SUBMIT, { id, v: (await current(id)).version });
    await call(county, CHECK, { id, v: (await current(id)).version, decision: 'ACCEPT' });
  }
  const assignPanel = (id: string) =>
    call(city, ASSIGN, { id, reviewers: [{ subject: lead.subject, name: '张组长', lead: true }, { subject: member.subject, name: '李专家' }] });
  async function scoreAll(id: string, scores: Scores, by: Identity = member): Promise<void> {
    for (const code of CODES) await call(by, SCORE, { id, input: { indicatorCode: code, score: scores[code], justification: `${code} 依据自评材料及核查情况评分` } });
  }
  const finalise = async (id: string, order: { deadline?: string; requirements?: string } = {}) =>
    (await call<{ finaliseAssessment: Assessment }>(city, FINALISE, { id, v: (await current(id)).version, ...order })).finaliseAssessment;
  const ORDER = { deadline: '2099-06-30', requirements: '完善服务体系建设，补齐安全管理制度' };
  async function reportRectification(parkId: string, id: string): Promise<Assessment> {
    return (await call<{ submitRectificationReport: Assessment }>(operatorOf(parkId), REPORT, { id, v: (await current(id)).version, report: '已按要求完成整改：制度已印发，服务窗口已增设。' })).submitRectificationReport;
  }
  /** Self-assessment to the initial grading, with the given scores. */
  async function gradeInitially(parkId: string, id: string, scores: Scores, order: { deadline?: string; requirements?: string } = {}): Promise<Assessment> {
    await selfAssessedAndChecked(parkId, id);
    await assignPanel(id);
    await scoreAll(id, scores);
    return finalise(id, order);
  }

  let parks: string[];
  let cycle2030: string;
  let assessments2030: string[];

  beforeAll(async () => {
    assessment = await startTestSubgraph(assessmentService);
    parks = await createParkRefs(assessment.service.dataSource, 'assessment', { count: 8, namePrefix: '考核测试园区', countyCode: COUNTY });
    cycle2030 = await insertCycle(assessment.service.dataSource, 2030, '2031-03-31');
    assessments2030 = await insertAssessments(assessment.service.dataSource, cycle2030, 2030, parks);
  });
  afterAll(async () => {
    await assessment?.close();
  });

  it('grades a park from self-assessment to FINAL with the total computed from the scores, and tells funding', async () => {
    const [parkId, id] = [parks[0], assessments2030[0]];
    const saved = await call<{ saveSelfAssessment: { selfAssessment: Array<{ indicatorCode: string; evidenceFiles: unknown[] }> } }>(operatorOf(parkId), SAVE, { id, entries: entries(['O1', 'E1']) });
    // Entries come back in the template's order, whatever the order they were saved in.
    expect(saved.saveSelfAssessment.selfAssessment.map((entry) => entry.indicatorCode)).toEqual(['E1', 'O1']);
    expect(saved.saveSelfAssessment.selfAssessment[0].evidenceFiles).toEqual([]);

    const incomplete = await refused(operatorOf(parkId), SUBMIT, { id, v: 1 });
    expect(incomplete.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'entries.E2' });

    await call(operatorOf(parkId), SAVE, { id, entries: entries(CODES) });
    const submitted = (await call<{ submitSelfAssessment: Assessment & { submittedAt: string } }>(operatorOf(parkId), SUBMIT, { id, v: 1 })).submitSelfAssessment;
    expect(submitted).toMatchObject({ status: 'SELF_ASSESSED', version: 2 });
    expect(submitted.submittedAt).toEqual(expect.any(String));

    expect((await refused(otherCounty, CHECK, { id, v: 2, decision: 'ACCEPT' })).extensions?.code).toBe('FORBIDDEN');
    expect((await call<{ checkSelfAssessment: Assessment }>(county, CHECK, { id, v: 2, decision: 'ACCEPT' })).checkSelfAssessment).toMatchObject({ status: 'CHECKED', version: 3 });

    const assigned = await assignPanel(id);
    expect(assigned).toEqual({ assignAssessmentReviewers: { id, reviewers: [{ subject: lead.subject, name: '张组长', lead: true }, { subject: member.subject, name: '李专家', lead: false }] } });
    await scoreAll(id, QUALIFIED);

    const graded = await finalise(id);
    expect(graded).toMatchObject({ status: 'FINAL', totalScore: '81.50', grade: 'QUALIFIED', initialTotalScore: '81.50', initialGrade: 'QUALIFIED', commended: false, rectification: null });
    expect(graded.finalisedAt).toEqual(expect.any(String));
    expect(await gradedEvents(id)).toEqual([
      { assessmentId: id, cycleId: cycle2030, parkId, year: 2030, phase: 'INITIAL', totalScore: '81.50', grade: 'QUALIFIED', outcome: 'FINAL', rectificationDeadline: null, gradedOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) },
    ]);
    // The park and its county are told the result once each.
    const notices = await sql<{ audience: { role: string } }>(`SELECT "payload"->'audience' AS "audience" FROM "assessment"."outbox_event" WHERE "type" = 'notification.requested' AND "aggregate_id" = $1 AND "payload"->>'dedupeKey' LIKE '%graded%'`, [id]);
    expect(notices.map((notice) => notice.audience.role).sort()).toEqual(['COUNTY_BUREAU', 'PARK_OPERATOR']);

    // A second finalise finds the assessment final: CONFLICT, and nothing more is written.
    const again = await refused(city, FINALISE, { id, v: graded.version });
    expect(again.extensions?.code).toBe('CONFLICT');
    expect(await gradedEvents(id)).toHaveLength(1);

    const park = await call<{ _entities: Array<{ latestGrade: string; assessments: Array<{ id: string }> }> }>(city, `query($r: [_Any!]!) { _entities(representations: $r) { ... on Park { latestGrade assessments { id } } } }`, { r: [{ __typename: 'Park', id: parkId }] });
    expect(park._entities[0]).toEqual({ latestGrade: 'QUALIFIED', assessments: [{ id }] });
  });

  it('lets the county bureau return a self-assessment with a reason, and the park submit again', async () => {
    const [parkId, id] = [parks[1], assessments2030[1]];
    await call(operatorOf(parkId), SAVE, { id, entries: entries(CODES) });
    await call(operatorOf(parkId), SUBMIT, { id, v: 1 });
    expect((await refused(county, CHECK, { id, v: 2, decision: 'RETURN' })).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    const returned = (await call<{ checkSelfAssessment: Assessment & { returnReason: string } }>(county, CHECK, { id, v: 2, decision: 'RETURN', reason: 'E1 营业收入缺少佐证' })).checkSelfAssessment;
    expect(returned).toMatchObject({ status: 'OPEN', returnReason: 'E1 营业收入缺少佐证' });
    // The stale version of before the return is refused.
    expect((await refused(operatorOf(parkId), SUBMIT, { id, v: 2 })).extensions?.code).toBe('CONFLICT');
    expect((await call<{ submitSelfAssessment: Assessment }>(operatorOf(parkId), SUBMIT, { id, v: 3 })).submitSelfAssessment.status).toBe('SELF_ASSESSED');
  });

  it('puts an excellent park on the commendation and recommendation list, public to read', async () => {
    const [parkId, id] = [parks[2], assessments2030[2]];
    const graded = await gradeInitially(parkId, id, EXCELLENT);
    expect(graded).toMatchObject({ status: 'FINAL', totalScore: '99.00', grade: 'EXCELLENT', commended: true });
    expect((await gradedEvents(id)).map((event) => [event.phase, event.grade, event.outcome])).toEqual([['INITIAL', 'EXCELLENT', 'FINAL']]);
    const list = `query($year: Int!) { commendedParks(year: $year) { totalCount edges { node { park { id } parkName year totalScore } } } }`;
    const commended = await call<{ commendedParks: { totalCount: number; edges: Array<{ node: unknown }> } }>(ANONYMOUS, list, { year: 2030 });
    expect(commended.commendedParks).toEqual({ totalCount: 1, edges: [{ node: { park: { id: parkId }, parkName: '长治考核测试园区3', year: 2030, totalScore: '99.00' } }] });
    expect((await call<{ commendedParks: { totalCount: number } }>(ANONYMOUS, list, { year: 2029 })).commendedParks.totalCount).toBe(0);
  });

  it('orders a rectification for an unqualified initial grade, re-assesses, and cancels the subsidy when still unqualified', async () => {
    const [parkId, id] = [parks[3], assessments2030[3]];
    await selfAssessedAndChecked(parkId, id);
    await assignPanel(id);
    await scoreAll(id, UNQUALIFIED);
    // The grade decides whether an order is needed, so the bureau learns it from the refusal.
    const noDeadline = await refused(city, FINALISE, { id, v: (await current(id)).version });
    expect(noDeadline.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'rectificationDeadline', totalScore: '50.00', grade: 'UNQUALIFIED' });
    expect((await refused(city, FINALISE, { id, v: (await current(id)).version, ...ORDER, deadline: '2020-01-01' })).extensions).toMatchObject({ field: 'rectificationDeadline' });

    const ordered = await finalise(id, ORDER);
    expect(ordered).toMatchObject({ status: 'RECTIFYING', totalScore: '50.00', grade: 'UNQUALIFIED', initialGrade: 'UNQUALIFIED', rectification: { status: 'OPEN', deadline: '2099-06-30', requirements: ORDER.requirements, report: null } });
    // Scores of the initial phase are closed while the park rectifies.
    expect((await refused(lead, SCORE, { id, input: { indicatorCode: 'E1', score: '9', justification: '复核', reason: '复核' } })).extensions?.code).toBe('CONFLICT');

    const reported = await reportRectification(parkId, id);
    expect(reported).toMatchObject({ status: 'REASSESSING', rectification: { status: 'SUBMITTED', report: expect.stringContaining('整改') } });
    await scoreAll(id, { ...UNQUALIFIED, O1: '10' });
    const final = await finalise(id);
    expect(final).toMatchObject({ status: 'FINAL', totalScore: '52.50', grade: 'UNQUALIFIED', initialTotalScore: '50.00', initialGrade: 'UNQUALIFIED', commended: false, rectification: { status: 'CLOSED' } });
    expect((await gradedEvents(id)).map((event) => [event.phase, event.totalScore, event.grade, event.outcome, event.rectificationDeadline])).toEqual([
      ['INITIAL', '50.00', 'UNQUALIFIED', 'RECTIFICATION_ORDERED', '2099-06-30'],
      ['REASSESSMENT', '52.50', 'UNQUALIFIED', 'FINAL', null],
    ]);
    // The first unqualified year revokes nothing.
    expect(await revocations(parkId)).toEqual([]);

    // The park's initial scores stay visible to it beside the re-assessment's.
    const scores = await call<{ assessment: { scores: Array<{ phase: string; indicatorCode: string; score: string }> } }>(operatorOf(parkId), `query($id: ID!) { assessment(id: $id) { scores { phase indicatorCode score } } }`, { id });
    expect(scores.assessment.scores.filter((score) => score.indicatorCode === 'O1')).toEqual([
      { phase: 'INITIAL', indicatorCode: 'O1', score: '7.50' },
      { phase: 'REASSESSMENT', indicatorCode: 'O1', score: '10.00' },
    ]);
  });

  it('revokes a park whose second consecutive yearly cycle ends unqualified, with the reason', async () => {
    const parkId = parks[3];
    const cycle2031 = await insertCycle(assessment.service.dataSource, 2031, '2032-03-31');
    const [id] = await insertAssessments(assessment.service.dataSource, cycle2031, 2031, [parkId]);
    await gradeInitially(parkId, id, UNQUALIFIED, ORDER);
    // Only the final grade counts: a rectification under way decides nothing yet.
    expect(await revocations(parkId)).toEqual([]);
    await reportRectification(parkId, id);
    await scoreAll(id, UNQUALIFIED);
    expect(await finalise(id)).toMatchObject({ status: 'FINAL', grade: 'UNQUALIFIED' });
    expect(await revocations(parkId)).toEqual([
      { parkId, years: [2030, 2031], assessmentId: id, reason: expect.stringContaining('连续两次考核评估不合格（2030、2031年度）'), decidedOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) },
    ]);
  });

  it('makes a qualified re-assessment the final grade, keeping the initial one', async () => {
    const [parkId, id] = [parks[4], assessments2030[4]];
    await gradeInitially(parkId, id, UNQUALIFIED, ORDER);
    await reportRectification(parkId, id);
    await scoreAll(id, JUST_QUALIFIED);
    expect(await finalise(id)).toMatchObject({ status: 'FINAL', totalScore: '60.50', grade: 'QUALIFIED', initialTotalScore: '50.00', initialGrade: 'UNQUALIFIED', rectification: { status: 'CLOSED' } });
    expect((await gradedEvents(id)).at(-1)).toMatchObject({ phase: 'REASSESSMENT', totalScore: '60.50', grade: 'QUALIFIED', outcome: 'FINAL' });
    expect(await revocations(parkId)).toEqual([]);
  });

  describe('scoring rules', () => {
    let parkId: string;
    let id: string;
    beforeAll(async () => {
      [parkId, id] = [parks[5], assessments2030[5]];
      await selfAssessedAndChecked(parkId, id);
      await assignPanel(id);
    });
    const score = (identity: Identity, input: Record<string, unknown>) => asGateway(assessment.url, identity, SCORE, { id, input: { indicatorCode: 'E1', score: '8', justification: '营业收入增长稳定', ...input } });

    it('lets only assigned reviewers score, within the maximum and with a justification', async () => {
      expect((await score(outsider, {})).errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect((await score(city, {})).errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect((await score(member, { indicatorCode: 'R2', score: '5.5' })).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.score', maxScore: '5' });
      expect((await score(member, { score: '8.555' })).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.score' });
      expect((await score(member, { justification: '  ' })).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.justification' });
      expect((await score(member, { indicatorCode: 'X9' })).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.indicatorCode' });
      // An outsider cannot read the assessment either.
      expect((await asGateway(assessment.url, outsider, ONE, { id })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect((await score(member, {})).data).toEqual({ scoreIndicator: { indicatorCode: 'E1', phase: 'INITIAL', score: '8.00', justification: '营业收入增长稳定' } });
    });

    it('lets only the lead change a given score, with a reason, and keeps every change', async () => {
      // FORBIDDEN, not CONFLICT: the member may score, but changing the panel's given score is the lead's authority.
      expect((await score(member, { score: '9', reason: '补充材料' })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect((await score(lead, { score: '7' })).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.reason' });
      expect((await score(lead, { score: '7', justification: '增速低于园区平均', reason: '核查发现营业收入含一次性收入' })).errors).toBeUndefined();
      // A retry of the same change leaves no second row.
      expect((await score(lead, { score: '7', justification: '增速低于园区平均', reason: '核查发现营业收入含一次性收入' })).errors).toBeUndefined();

      const history = await call<{ assessment: { scoreHistory: unknown[] } }>(city, `query($id: ID!) { assessment(id: $id) { scoreHistory { indicatorCode phase changedBy changedRole lead scoreBefore scoreAfter justification reason } } }`, { id });
      expect(history.assessment.scoreHistory).toEqual([
        { indicatorCode: 'E1', phase: 'INITIAL', changedBy: member.subject, changedRole: 'REVIEWER', lead: false, scoreBefore: null, scoreAfter: '8.00', justification: '营业收入增长稳定', reason: null },
        { indicatorCode: 'E1', phase: 'INITIAL', changedBy: lead.subject, changedRole: 'REVIEWER', lead: true, scoreBefore: '8.00', scoreAfter: '7.00', justification: '增速低于园区平均', reason: '核查发现营业收入含一次性收入' },
      ]);
      // The history is the panel's working paper: not the park's; and the database keeps it append-only.
      expect((await asGateway(assessment.url, operatorOf(parkId), `query($id: ID!) { assessment(id: $id) { scoreHistory { id } } }`, { id })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
      await expect(sql(`UPDATE "assessment"."score_change" SET "score_after" = 10 WHERE "assessment_id" = $1`, [id])).rejects.toThrow(/append-only/);
      await expect(sql(`DELETE FROM "assessment"."score_change" WHERE "assessment_id" = $1`, [id])).rejects.toThrow(/append-only/);
    });

    it('hides scores from the park until the phase is graded, and refuses to grade with an indicator unscored', async () => {
      const parkScores = await call<{ assessment: { scores: unknown[] } }>(operatorOf(parkId), `query($id: ID!) { assessment(id: $id) { scores { indicatorCode } } }`, { id });
      expect(parkScores.assessment.scores).toEqual([]);
      const unscored = await refused(city, FINALISE, { id, v: (await current(id)).version });
      expect(unscored.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'scores.E2' });
      expect(unscored.message).toContain('发展速度');
      expect((await current(id)).status).toBe('CHECKED');
    });
  });

  it('lets a park upload evidence, cite it in its self-assessment, and whoever may read the assessment download it', async () => {
    const [parkId, id] = [parks[6], assessments2030[6]];
    const files = evidenceClient(assessment.url);
    const bytes = pdf('营业收入台账');
    const uploaded = await files.upload(operatorOf(parkId), bytes, '2030年度营业收入台账.pdf');
    expect(uploaded.status).toBe(201);
    const fileId = uploaded.body.id;
    expect(uploaded.body).toMatchObject({ fileName: '2030年度营业收入台账.pdf', contentType: 'application/pdf', sizeBytes: bytes.length, downloadPath: `/files/assessment/evidence/${fileId}` });
    expect((await files.upload(county, pdf(), '县区.pdf')).status).toBe(403);

    // Before any entry cites it, only the uploading park may read it.
    expect((await files.download(county, uploaded.body.downloadPath)).status).toBe(403);
    const saved = await call<{ saveSelfAssessment: { selfAssessment: Array<{ indicatorCode: string; evidenceFiles: Array<{ id: string; downloadPath: string }> }> } }>(operatorOf(parkId), SAVE, { id, entries: entries(['E1'], [fileId]) });
    expect(saved.saveSelfAssessment.selfAssessment).toEqual([expect.objectContaining({ indicatorCode: 'E1', evidenceFiles: [{ id: fileId, fileName: '2030年度营业收入台账.pdf', sizeBytes: bytes.length, downloadPath: `/files/assessment/evidence/${fileId}` }] })]);

    for (const reader of [operatorOf(parkId), county, city]) {
      const download = await files.download(reader, uploaded.body.downloadPath);
      expect([reader.role, download.status]).toEqual([reader.role, 200]);
      expect(download.bytes.equals(bytes)).toBe(true);
    }
    expect((await files.download(otherCounty, uploaded.body.downloadPath)).status).toBe(403);
    expect((await files.download(operatorOf(parks[7]), uploaded.body.downloadPath)).status).toBe(403);
    expect((await files.download(outsider, uploaded.body.downloadPath)).status).toBe(403);
  });

  it('refuses another park’s file as evidence, writing nothing', async () => {
    const [parkId, id] = [parks[7], assessments2030[7]];
    const files = evidenceClient(assessment.url);
    const own = (await files.upload(operatorOf(parkId), pdf('own'), '本园区材料.pdf')).body.id;
    const foreign = (await files.upload(operatorOf(parks[6]), pdf('foreign'), '他园区材料.pdf')).body.id;
    const counts = async () => (await sql<{ entries: number; cited: number; audit: number }>(
      `SELECT (SELECT count(*)::int FROM assessment.self_assessment_entry WHERE assessment_id = $1) AS entries,
              (SELECT count(*)::int FROM assessment.self_assessment_entry_evidence WHERE assessment_id = $1) AS cited,
              (SELECT count(*)::int FROM assessment.audit_log WHERE target_id = $1::text) AS audit`, [id]))[0];
    const before = await counts();
    const refusal = await refused(operatorOf(parkId), SAVE, { id, entries: [...entries(['E1'], [own]), ...entries(['E2'], [own, foreign])] });
    expect(refusal.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'entries.1.evidenceFileIds', foreignFileIds: [foreign] });
    expect(await counts()).toEqual(before);
    expect((await files.download(operatorOf(parkId), `/files/assessment/evidence/${foreign}`)).status).toBe(403);
  });

  it('refuses a self-assessment submitted after 24:00 of the deadline day', async () => {
    const [late] = await createParkRefs(assessment.service.dataSource, 'assessment', { count: 1, namePrefix: '逾期园区', countyCode: COUNTY });
    const cycle = await insertCycle(assessment.service.dataSource, 2024, '2025-02-28');
    const [id] = await insertAssessments(assessment.service.dataSource, cycle, 2024, [late]);
    await call(operatorOf(late), SAVE, { id, entries: entries(CODES) });
    const refusal = await refused(operatorOf(late), SUBMIT, { id, v: 1 });
    expect(refusal.extensions).toMatchObject({ code: 'CONFLICT', submissionDeadline: '2025-02-28' });
    expect(refusal.message).toContain('2025-02-28');
    expect((await current(id)).status).toBe('OPEN');
  });

  describe('templates', () => {
    const CREATE = `mutation($input: AssessmentTemplateInput!) { createAssessmentTemplate(input: $input) { ${TEMPLATE_FIELDS} } }`;
    const UPDATE = `mutation($id: ID!, $v: Int!, $input: AssessmentTemplateInput!) { updateAssessmentTemplate(id: $id, expectedVersion: $v, input: $input) { ${TEMPLATE_FIELDS} } }`;
    const input = (code: string, weightOfC = '30') => ({
      code,
      title: '2031 年度考核指标',
      indicators: [
        { code: 'A', dimension: 'ECONOMIC_DEVELOPMENT', name: '营业收入', description: '', maxScore: '20', weight: '40' },
        { code: 'B', dimension: 'ROLE_PLAYED', name: '促进就业', description: '', maxScore: '10', weight: '30' },
        { code: 'C', dimension: 'OPERATIONS_MANAGEMENT', name: '安全管理', description: '', maxScore: '5', weight: weightOfC },
      ],
      cutoffs: { excellent: '85', qualified: '60' },
    });

    it('creates a validated template for the city bureau only and edits it while no cycle uses it', async () => {
      expect((await refused(county, CREATE, { input: input('T-COUNTY') })).extensions?.code).toBe('FORBIDDEN');
      expect((await refused(city, CREATE, { input: input('T-BAD', '29.99') })).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'indicators', weightTotal: '99.99' });
      const created = (await call<{ createAssessmentTemplate: { id: string; version: number; usedByCycleYears: number[] } }>(city, CREATE, { input: input('T-2031') })).createAssessmentTemplate;
      expect(created).toMatchObject({ version: 1, usedByCycleYears: [] });
      expect((await refused(city, CREATE, { input: input('T-2031') })).extensions).toMatchObject({ code: 'CONFLICT', field: 'code' });
      const edited = (await call<{ updateAssessmentTemplate: { version: number; title: string } }>(city, UPDATE, { id: created.id, v: 1, input: { ...input('T-2031'), title: '修订后的指标' } })).updateAssessmentTemplate;
      expect(edited).toMatchObject({ version: 2, title: '修订后的指标' });
      expect((await refused(city, UPDATE, { id: created.id, v: 1, input: input('T-2031') })).extensions?.code).toBe('CONFLICT');
    });

    it('refuses to change a template once a cycle uses it, in the service and in the database', async () => {
      const refusal = await refused(city, UPDATE, { id: DEFAULT_TEMPLATE_ID, v: 1, input: input('CZ-ART19-DEFAULT') });
      expect(refusal.extensions).toMatchObject({ code: 'CONFLICT', usedByCycleYears: [2024, 2030, 2031] });
      expect(refusal.message).toBe('该指标模板已用于 2024、2030、2031 年度考核周期，不能修改；请新建模板');
      await expect(sql(`UPDATE "assessment"."assessment_template" SET "title" = 'x' WHERE "id" = $1`, [DEFAULT_TEMPLATE_ID])).rejects.toThrow(/used by a cycle/);
      const read = await call<{ assessmentCycle: { template: { code: string; usedByCycleYears: number[]; indicators: unknown[] } } }>(county, `query { assessmentCycle(year: 2030) { template { code usedByCycleYears indicators { code } } } }`);
      expect(read.assessmentCycle.template).toMatchObject({ code: 'CZ-ART19-DEFAULT', usedByCycleYears: [2024, 2030, 2031] });
      expect(read.assessmentCycle.template.indicators).toHaveLength(10);
    });
  });

  it('shows a cycle with the caller’s assessments and counts by status', async () => {
    const query = `{ assessmentCycles(first: 10) { totalCount edges { node { year openedOn submissionDeadline status statusCounts { status count } assessments { id } } } } }`;
    type Cycles = { assessmentCycles: { edges: Array<{ node: { year: number; statusCounts: Array<{ status: string; count: number }>; assessments: Array<{ id: string }> } }> } };
    const asCity = (await call<Cycles>(city, query)).assessmentCycles.edges.find((edge) => edge.node.year === 2030)!.node;
    expect(asCity.assessments).toHaveLength(parks.length);
    expect(asCity.statusCounts.reduce((sum, each) => sum + each.count, 0)).toBe(parks.length);
    const asPark = (await call<Cycles>(operatorOf(parks[0]), query)).assessmentCycles.edges.find((edge) => edge.node.year === 2030)!.node;
    expect(asPark).toMatchObject({ statusCounts: [{ status: 'FINAL', count: 1 }], assessments: [{ id: assessments2030[0] }] });
    // A reviewer sees the assessments assigned to them.
    const asOutsider = (await call<Cycles>(outsider, query)).assessmentCycles.edges.find((edge) => edge.node.year === 2030)!.node;
    expect(asOutsider.assessments).toEqual([]);
    // The _entities path runs the same guard as the Query fields.
    const entities = `query($r: [_Any!]!) { _entities(representations: $r) { ... on AssessmentCycle { year assessments { id } } } }`;
    expect((await call<{ _entities: unknown[] }>(operatorOf(parks[0]), entities, { r: [{ __typename: 'AssessmentCycle', id: cycle2030 }] }))._entities).toEqual([{ year: 2030, assessments: [{ id: assessments2030[0] }] }]);
    expect((await refused(ANONYMOUS, entities, { r: [{ __typename: 'AssessmentCycle', id: cycle2030 }] })).extensions?.code).toBe('UNAUTHENTICATED');
    const assignedList = await call<{ assessments: { totalCount: number } }>(member, `query($cycleId: ID) { assessments(filter: { cycleId: $cycleId }) { totalCount } }`, { cycleId: cycle2030 });
    expect(assignedList.assessments.totalCount).toBe(5);
  });

  it('runs as many SQL statements for a cycle of 20 parks’ assessments, with their workflow fields, as for 5', async () => {
    const dataSource = assessment.service.dataSource;
    const listOf = async (year: number, count: number) => {
      const ids = await createParkRefs(dataSource, 'assessment', { count, namePrefix: `批量${year}-`, countyCode: COUNTY });
      const cycleId = await insertCycle(dataSource, year, `${year + 1}-03-31`);
      const assessmentIds = await insertAssessments(dataSource, cycleId, year, ids);
      await sql(`INSERT INTO "assessment"."assessment_reviewer" ("assessment_id", "subject", "name", "lead", "assigned_by", "assigned_at") SELECT id, 'reviewer-lead', '张组长', true, 'city-1', now() FROM unnest($1::uuid[]) AS id`, [assessmentIds]);
      return cycleId;
    };
    const query = `query($cycleId: ID) { assessments(first: 100, filter: { cycleId: $cycleId }) { edges { node { id cycle { year template { code } } selfAssessment { indicatorCode evidenceFiles { id } } scores { score } scoreHistory { id } reviewers { subject } rectification { status } park { id } } } } }`;
    const statementsFor = async (cycleId: string, expected: number) => {
      const before = statementTotals.inRequests;
      const response = await asGateway<{ assessments: { edges: unknown[] } }>(assessment.url, city, query, { cycleId });
      expect(response.errors).toBeUndefined();
      expect(response.data?.assessments.edges).toHaveLength(expected);
      return statementTotals.inRequests - before;
    };
    const five = await statementsFor(await listOf(2034, 5), 5);
    expect(await statementsFor(await listOf(2035, 20), 20)).toBe(five);
  });
});
