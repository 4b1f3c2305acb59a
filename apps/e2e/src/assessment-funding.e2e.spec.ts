import type { Identity } from '@cz/auth';
import { DEMO_PARKS } from '@cz/demo-data';
import { createTestDatabase, deleteQueueKeys, type TestDatabase, testQueuePrefix, waitFor } from '@cz/testing';
import { type RunningSystem, startSystem } from './support/system';
import { as, bearer, gql } from './support/tokens';

/**
 * Issue 5's yearly cycle and issue 4's subsidies together, through the gateway, with the scheduled
 * jobs running through Redis. The clock moves by restarting the system at a chosen instant, as
 * the application path does:
 * 1. 2026-11-27: the city enters the 2027 and 2028 calendars and the 2026 targets; both recognised
 *    demo parks report their 2026 employment with evidence files; their county bureaus verify it.
 * 2. 2027-01-04, the first working day: the scheduler's job opens the 2026 cycle; parks are told;
 *    潞州 submits its self-assessment and its county accepts it.
 * 3. 2027-01-18, ten working days before the deadline: only 高新区 is reminded. Both are scored:
 *    潞州 excellent (commended; its subsidy approved, paid, spent, the statement balances), 高新区
 *    unqualified, rectifies, is still unqualified (its subsidy cancelled).
 * 4. 2028-01-04: the 2027 cycle opens; 高新区 is unqualified again after rectification, and the
 *    registry revokes it (Art 20(二)).
 */
const [luzhou, gaoxin] = DEMO_PARKS;
const operatorOf = (park: (typeof DEMO_PARKS)[number]): Identity => ({ subject: `e2e-operator-${park.countyCode}`, role: 'PARK_OPERATOR', parkId: park.id });
const reviewer: Identity = { subject: 'e2e-assessor', role: 'REVIEWER', name: '考核评审专家' };
const INDICATORS = ['E1', 'E2', 'E3', 'E4', 'R1', 'R2', 'R3', 'R4', 'O1', 'O2'];
const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from('就业花名册 '.repeat(100)), Buffer.from('\n%%EOF\n')]);

interface AssessmentView {
  id: string;
  year: number;
  status: string;
  version: number;
  totalScore: string | null;
  grade: string | null;
}
interface SubsidyView {
  id: string;
  status: string;
  amount: string;
  amountYuan: string;
}

describe('a yearly assessment cycle and the subsidies that follow it', () => {
  let database: TestDatabase;
  const queuePrefix = testQueuePrefix('cycle');
  let system: RunningSystem | undefined;

  const start = async (clockAt: string) => {
    await system?.stop();
    system = await startSystem('cycle', {
      database,
      queuePrefix,
      clockAt,
      extraEnv: { SEED_DEMO_ON_EMPTY: 'true', ASSESSMENT_CYCLE_PATTERN: '*/1 * * * * *', DEADLINE_SWEEP_PATTERN: '*/1 * * * * *' },
    });
  };
  const stop = async () => {
    expect(await system?.stop()).toBe(0);
    system = undefined;
  };
  const call = async <T = Record<string, unknown>>(identity: Identity | null, query: string, variables: Record<string, unknown> = {}) => {
    if (!system) throw new Error('system not running');
    const response = await gql<T>(system.gatewayUrl, identity, query, variables);
    if (response.errors) throw new Error(`${query.slice(0, 70)}…: ${JSON.stringify(response.errors)}`);
    return response.data as T;
  };
  const inbox = async (identity: Identity) => (await call<{ myNotifications: { edges: Array<{ node: { title: string } }> } }>(identity, `{ myNotifications(first: 100) { edges { node { title } } } }`)).myNotifications.edges.map((edge) => edge.node.title);
  const assessmentOf = async (parkId: string, year: number): Promise<AssessmentView | undefined> => {
    const data = await call<{ park: { assessments: AssessmentView[] } }>(as.city, `query($id: ID!) { park(id: $id) { assessments { id year status version totalScore grade } } }`, { id: parkId });
    return data.park.assessments.find((assessment) => assessment.year === year);
  };
  const subsidyOf = async (parkId: string, year: number): Promise<SubsidyView | undefined> => {
    const data = await call<{ park: { subsidies: SubsidyView[] } }>(as.finance, `query($id: ID!, $year: Int) { park(id: $id) { subsidies(year: $year) { id status amount amountYuan } } }`, { id: parkId, year });
    return data.park.subsidies[0];
  };
  const uploadEvidence = async (operator: Identity, name: string, service: 'funding' | 'assessment' = 'funding'): Promise<string> => {
    const response = await fetch(`${system!.gatewayUrl.replace('/graphql', '')}/files/${service}/evidence`, {
      method: 'POST',
      headers: { ...(await bearer(operator)), 'content-type': 'application/pdf', 'x-file-name': encodeURIComponent(name) },
      body: PDF,
    });
    expect(response.status).toBe(201);
    return ((await response.json()) as { id: string }).id;
  };

  /** The park fills in every indicator and submits; its county bureau accepts. */
  const selfAssess = async (park: (typeof DEMO_PARKS)[number], year: number) => {
    const operator = operatorOf(park);
    const assessment = (await assessmentOf(park.id, year))!;
    const evidence = await uploadEvidence(operator, `${park.name}${year}年度考核佐证材料.pdf`, 'assessment');
    const entries = INDICATORS.map((code) => ({ indicatorCode: code, figures: [{ name: '年度营业收入', value: '3200', unit: '万元' }], narrative: `${code} 指标年度工作情况说明。`, evidenceFileIds: [evidence] }));
    const saved = await call<{ saveSelfAssessment: { selfAssessment: Array<{ evidenceFiles: Array<{ id: string }> }> } }>(operator, `mutation($id: ID!, $entries: [SelfAssessmentEntryInput!]!) { saveSelfAssessment(assessmentId: $id, entries: $entries) { selfAssessment { evidenceFiles { id } } } }`, { id: assessment.id, entries });
    expect(saved.saveSelfAssessment.selfAssessment.map((entry) => entry.evidenceFiles)).toEqual(INDICATORS.map(() => [{ id: evidence }]));
    const submitted = await call<{ submitSelfAssessment: AssessmentView }>(operator, `mutation($id: ID!, $v: Int!) { submitSelfAssessment(assessmentId: $id, expectedVersion: $v) { status version } }`, { id: assessment.id, v: (await assessmentOf(park.id, year))!.version });
    expect(submitted.submitSelfAssessment.status).toBe('SELF_ASSESSED');
    const checked = await call<{ checkSelfAssessment: AssessmentView }>(as.county(park.countyCode), `mutation($id: ID!, $v: Int!) { checkSelfAssessment(assessmentId: $id, expectedVersion: $v, decision: ACCEPT) { status } }`, { id: assessment.id, v: submitted.submitSelfAssessment.version });
    expect(checked.checkSelfAssessment.status).toBe('CHECKED');
    return assessment.id;
  };
  /** The assigned reviewer gives every indicator the same share of its maximum (the default template scores in points). */
  const scoreAll = async (assessmentId: string, share: number) => {
    const maxima: Record<string, number> = { E1: 10, E2: 10, E3: 10, E4: 10, R1: 10, R2: 5, R3: 10, R4: 10, O1: 15, O2: 10 };
    for (const code of INDICATORS) {
      await call(reviewer, `mutation($id: ID!, $input: IndicatorScoreInput!) { scoreIndicator(assessmentId: $id, input: $input) { score } }`, {
        id: assessmentId,
        input: { indicatorCode: code, score: (maxima[code] * share).toFixed(2), justification: `按评分细则，${code} 指标得分率 ${share * 100}%。` },
      });
    }
  };
  const finalise = async (park: (typeof DEMO_PARKS)[number], year: number, rectificationDeadline?: string) => {
    const assessment = (await assessmentOf(park.id, year))!;
    const variables = { id: assessment.id, v: assessment.version, deadline: rectificationDeadline ?? null, requirements: rectificationDeadline ? '完善服务体系和安全管理制度，提交整改报告。' : null };
    return (await call<{ finaliseAssessment: AssessmentView }>(as.city, `mutation($id: ID!, $v: Int!, $deadline: Date, $requirements: String) { finaliseAssessment(assessmentId: $id, expectedVersion: $v, rectificationDeadline: $deadline, rectificationRequirements: $requirements) { status totalScore grade version } }`, variables)).finaliseAssessment;
  };
  /** Rectification report, then the re-assessment scored low again and finalised. */
  const failRectification = async (park: (typeof DEMO_PARKS)[number], year: number) => {
    const assessment = (await assessmentOf(park.id, year))!;
    const reported = await call<{ submitRectificationReport: AssessmentView }>(operatorOf(park), `mutation($id: ID!, $v: Int!) { submitRectificationReport(assessmentId: $id, expectedVersion: $v, report: "已按要求整改，详见整改报告。") { status } }`, { id: assessment.id, v: assessment.version });
    expect(reported.submitRectificationReport.status).toBe('REASSESSING');
    await scoreAll(assessment.id, 0.5);
    return finalise(park, year);
  };

  beforeAll(async () => {
    database = await createTestDatabase('cycle');
  });

  afterAll(async () => {
    await system?.stop();
    await database?.drop();
    await deleteQueueKeys(queuePrefix);
  });

  it('1 · before the cycle: calendars, targets, and employment reported with evidence and verified', async () => {
    await start('2026-11-27T10:00:00+08:00');
    for (const [year, holidays] of [
      [2027, [{ date: '2027-01-01', name: '元旦' }]],
      [2028, ['2028-01-01', '2028-01-02', '2028-01-03'].map((date) => ({ date, name: '元旦' }))],
    ] as const) {
      await call(as.city, `mutation($year: Int!, $input: CalendarYearInput!) { setCalendarYear(year: $year, input: $input) { version } }`, { year, input: { covered: true, holidays, makeUpWorkdays: [] } });
    }
    // T = 6,000 + 4,000 → threshold ⌈15% × 10,000⌉ = 1,500 persons.
    await call(as.city, `mutation { setYearlyTargets(year: 2026, urbanNewEmployment: 6000, ruralLabourTransfer: 4000) { year } }`);
    for (const [park, promoted] of [
      [luzhou, 1700],
      [gaoxin, 2000],
    ] as const) {
      const operator = operatorOf(park);
      const evidence = await uploadEvidence(operator, `${park.name}2026年度促进就业花名册.pdf`);
      const reported = await call<{ reportEmployment: { id: string; version: number } }>(operator, `mutation($park: ID!, $n: Int!, $files: [ID!]!) { reportEmployment(parkId: $park, year: 2026, employmentPromoted: $n, evidenceFileIds: $files) { id version } }`, { park: park.id, n: promoted, files: [evidence] });
      await call(as.county(park.countyCode), `mutation($id: ID!, $v: Int!) { verifyEmploymentReport(reportId: $id, expectedVersion: $v, decision: VERIFY) { status } }`, { id: reported.reportEmployment.id, v: reported.reportEmployment.version });
    }
    // 300,000 + 30 × (1,700 − 1,500) = 306,000; 300,000 + 30 × 500 = 315,000. Pending until assessed.
    expect(await subsidyOf(luzhou.id, 2026)).toMatchObject({ status: 'PENDING', amount: '30600000', amountYuan: '306,000.00' });
    expect(await subsidyOf(gaoxin.id, 2026)).toMatchObject({ status: 'PENDING', amount: '31500000', amountYuan: '315,000.00' });
    await stop();
  });

  it('2 · the scheduler opens the 2026 cycle on the first working day; parks are told; 潞州 submits', async () => {
    await start('2027-01-04T09:00:00+08:00');
    const cycle = await waitFor(async () => (await call<{ assessmentCycle: { id: string; openedOn: string; submissionDeadline: string; status: string } | null }>(as.city, `{ assessmentCycle(year: 2026) { id openedOn submissionDeadline status } }`)).assessmentCycle ?? undefined, 'the cycle-open job to open the 2026 cycle', 30_000, 250);
    // Opened on the first working day of 2027 (1 January a holiday, 2–3 a weekend); 20 working days to submit.
    expect(cycle).toMatchObject({ openedOn: '2027-01-04', submissionDeadline: '2027-02-01', status: 'OPEN' });
    for (const park of [luzhou, gaoxin]) {
      await waitFor(async () => ((await inbox(operatorOf(park))).includes('2026 年度考核评估已开始') ? true : undefined), `${park.name} to be told the cycle opened`);
      expect(await assessmentOf(park.id, 2026)).toMatchObject({ status: 'OPEN' });
    }
    await selfAssess(luzhou, 2026);
    await stop();
  });

  it('3 · ten working days before the deadline only the park that has not submitted is reminded; grades decide the subsidies', async () => {
    await start('2027-01-18T09:00:05+08:00');
    const reminder = '考核自评还剩 10 个工作日截止';
    await waitFor(async () => ((await inbox(operatorOf(gaoxin))).includes(reminder) ? true : undefined), 'the 10-day reminder to reach 高新区', 30_000, 250);
    // Give a stray second delivery the time to show up, then count.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect((await inbox(operatorOf(gaoxin))).filter((title) => title === reminder)).toHaveLength(1);
    expect((await inbox(operatorOf(luzhou))).filter((title) => title.startsWith('考核自评还剩'))).toEqual([]);

    await selfAssess(gaoxin, 2026);
    for (const park of [luzhou, gaoxin]) {
      const assessment = (await assessmentOf(park.id, 2026))!;
      await call(as.city, `mutation($id: ID!, $reviewers: [AssessmentReviewerInput!]!) { assignAssessmentReviewers(assessmentId: $id, reviewers: $reviewers) { id } }`, { id: assessment.id, reviewers: [{ subject: reviewer.subject, name: reviewer.name, lead: true }] });
      await scoreAll(assessment.id, park === luzhou ? 0.95 : 0.5);
    }

    // 潞州: 95.00 → excellent, commended, on the provincial recommendation list; its subsidy is approved.
    expect(await finalise(luzhou, 2026)).toMatchObject({ status: 'FINAL', totalScore: '95.00', grade: 'EXCELLENT' });
    const commended = await call<{ commendedParks: { edges: Array<{ node: { park: { id: string }; totalScore: string } }> } }>(null, `{ commendedParks(year: 2026) { edges { node { park { id } totalScore } } } }`);
    expect(commended.commendedParks.edges.map((edge) => edge.node)).toEqual([{ park: { id: luzhou.id }, totalScore: '95.00' }]);
    const approved = await waitFor(async () => {
      const subsidy = await subsidyOf(luzhou.id, 2026);
      return subsidy?.status === 'APPROVED' ? subsidy : undefined;
    }, 'the assessment result to approve 潞州’s subsidy');

    // Finance pays it in full; the park spends part of it with evidence; the statement balances to the fen.
    await call(as.finance, `mutation($id: ID!) { confirmPayment(awardId: $id, amount: "30600000", paidOn: "2027-01-18", voucherNo: "CZCZ-2027-0018", idempotencyKey: "e2e-subsidy-2026-luzhou") { kind } }`, { id: approved.id });
    const evidence = await uploadEvidence(operatorOf(luzhou), '入驻企业房租补贴发放明细.pdf');
    await call(operatorOf(luzhou), `mutation($id: ID!, $input: SpendingInput!) { recordSpending(awardId: $id, input: $input) { kind } }`, {
      id: approved.id,
      input: { category: 'RENT_SUBSIDY', amount: '12345678', spentOn: '2027-01-18', description: '2027 年一季度入驻企业房租补贴', evidenceFileIds: [evidence] },
    });
    const statement = await call<{ fundingAward: { status: string; statement: { granted: string; paid: string; spent: string; balance: string; lines: Array<{ entry: { kind: string } }> } } }>(as.finance, `query($id: ID!) { fundingAward(id: $id) { status statement { granted paid spent balance lines { entry { kind } } } } }`, { id: approved.id });
    expect(statement.fundingAward.status).toBe('PAID');
    expect(statement.fundingAward.statement).toMatchObject({ granted: '30600000', paid: '30600000', spent: '12345678', balance: '18254322' });
    expect(statement.fundingAward.statement.lines.map((line) => line.entry.kind)).toEqual(['GRANT', 'PAYMENT', 'SPENDING']);

    // 高新区: 50.00 → unqualified, rectification ordered, its subsidy held; still unqualified → cancelled.
    expect(await finalise(gaoxin, 2026, '2027-03-01')).toMatchObject({ status: 'RECTIFYING', grade: 'UNQUALIFIED' });
    await waitFor(async () => ((await subsidyOf(gaoxin.id, 2026))?.status === 'HELD' ? true : undefined), 'the rectification order to hold 高新区’s subsidy');
    expect(await failRectification(gaoxin, 2026)).toMatchObject({ status: 'FINAL', totalScore: '50.00', grade: 'UNQUALIFIED' });
    await waitFor(async () => ((await subsidyOf(gaoxin.id, 2026))?.status === 'CANCELLED' ? true : undefined), 'the failed rectification to cancel 高新区’s subsidy');
    // One unqualified year is not yet a revocation.
    expect((await call<{ park: { status: string } }>(as.city, `query($id: ID!) { park(id: $id) { status } }`, { id: gaoxin.id })).park.status).toBe('RECOGNISED');
    await stop();
  });

  it('4 · a second consecutive unqualified year revokes the park in the registry', async () => {
    await start('2028-01-04T09:00:00+08:00');
    await waitFor(async () => ((await assessmentOf(gaoxin.id, 2027))?.status === 'OPEN' ? true : undefined), 'the cycle-open job to open the 2027 cycle', 30_000, 250);
    const assessmentId = await selfAssess(gaoxin, 2027);
    await call(as.city, `mutation($id: ID!, $reviewers: [AssessmentReviewerInput!]!) { assignAssessmentReviewers(assessmentId: $id, reviewers: $reviewers) { id } }`, { id: assessmentId, reviewers: [{ subject: reviewer.subject, name: reviewer.name, lead: true }] });
    await scoreAll(assessmentId, 0.4);
    expect(await finalise(gaoxin, 2027, '2028-03-01')).toMatchObject({ status: 'RECTIFYING', totalScore: '40.00' });
    expect(await failRectification(gaoxin, 2027)).toMatchObject({ status: 'FINAL', grade: 'UNQUALIFIED' });

    const revoked = await waitFor(async () => {
      const data = await call<{ park: { status: string; statusHistory: Array<{ toStatus: string }> } }>(as.city, `query($id: ID!) { park(id: $id) { status statusHistory { toStatus } } }`, { id: gaoxin.id });
      return data.park.status === 'REVOKED' ? data.park : undefined;
    }, 'the registry to revoke 高新区');
    expect(revoked.statusHistory[0]).toEqual({ toStatus: 'REVOKED' });
    // It keeps its history: both years' assessments are still there, and the other park is untouched.
    expect((await assessmentOf(gaoxin.id, 2026))?.grade).toBe('UNQUALIFIED');
    expect((await call<{ park: { status: string } }>(as.city, `query($id: ID!) { park(id: $id) { status } }`, { id: luzhou.id })).park.status).toBe('RECOGNISED');
    await stop();
  });
});
