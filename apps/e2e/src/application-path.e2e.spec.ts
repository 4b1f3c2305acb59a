import type { Identity } from '@cz/auth';
import { DEMO_PARKS } from '@cz/demo-data';
import { createTestDatabase, deleteQueueKeys, postGraphQL, type TestDatabase, TestSmtpServer, testQueuePrefix, waitFor } from '@cz/testing';
import { expectNoPersonalData } from './support/personal-data-check';
import { type RunningSystem, startSystem } from './support/system';
import { as, bearer, gql } from './support/tokens';

/**
 * The whole Art 7 path through the gateway, as each department would walk it, with the deadline
 * job running through Redis. Run 1 (clock: Monday 2026-09-28) goes from registration to a dismissed
 * objection and a calendar correction; Redis then loses every key; run 2 (clock: seconds before the
 * corrected end of the period) must recreate the deadline job from PostgreSQL, close the period,
 * and carry the approval through to the registry.
 */
const QINYUAN = '140431';
const countyOfficer = as.county(QINYUAN);
const reviewers: Identity[] = [
  { subject: 'e2e-panel-fgw', role: 'REVIEWER', name: '发改委评审员' },
  { subject: 'e2e-panel-cz', role: 'REVIEWER', name: '财政局评审员' },
];
/** Personal data the run enters; with the demo parks' contacts, none of it may reach a log line. */
const PARK_CONTACT = { name: '孙丽', phone: '13734550987' };
const OBJECTION_FILER = { name: '周建华', contact: '13900001111' };
const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from('长治申报材料 '.repeat(200)), Buffer.from('\n%%EOF\n')]);
const REQUIRED_MATERIALS = ['LETTER', 'APPROVAL_FORM', 'FEASIBILITY_STUDY', 'OPERATION_REPORT', 'INSTITUTION_ROSTER'];

function eligibleFacts(institutionCount: number) {
  return {
    revenueYear: 2025,
    sites: [{ name: '沁源园区主楼', address: '沁源县沁河镇育才路 21 号', buildingAreaM2: '3600.00', isCore: true }],
    institutions: Array.from({ length: institutionCount }, (_, index) => ({
      name: `沁源人力资源服务机构${index + 1}`,
      creditCode: `91140431MA0${String(index).padStart(7, '0')}`,
      licenceKind: 'LICENCE',
      licenceNo: `晋人服证字〔2024〕${1000 + index}号`,
      licenceValidUntil: '2029-12-31',
      operating: true,
      revenueFen: '350000000',
    })),
    publicServices: ['EMPLOYMENT_ENTREPRENEURSHIP', 'VOCATIONAL_TRAINING', 'SOCIAL_SECURITY', 'PERSONNEL_TALENT'],
    subParkJustification: null,
  };
}

describe('the application path: declaration → reviews → publicity → recognition', () => {
  let database: TestDatabase;
  let smtp: TestSmtpServer;
  const queuePrefix = testQueuePrefix('path');
  let system: RunningSystem | undefined;
  let parkId: string;
  let operator: Identity;
  let applicationId: string;
  let publicityId: string;
  /** The log lines of the finished runs (a running system's are read from it). */
  const runLogs: string[] = [];

  const sweepEverySecond = () => ({ DEADLINE_SWEEP_PATTERN: '*/1 * * * * *', SMTP_URL: smtp.url });
  const call = async <T = Record<string, unknown>>(identity: Identity | null, query: string, variables: Record<string, unknown> = {}) => {
    if (!system) throw new Error('system not running');
    const response = await gql<T>(system.gatewayUrl, identity, query, variables);
    if (response.errors) throw new Error(`${query.slice(0, 60)}…: ${JSON.stringify(response.errors)}`);
    return response.data as T;
  };
  const application = () => call<{ application: { stage: string; version: number } }>(as.city, `query($id: ID!) { application(id: $id) { stage version } }`, { id: applicationId }).then((data) => data.application);

  beforeAll(async () => {
    database = await createTestDatabase('path');
    smtp = await TestSmtpServer.start();
  });

  afterAll(async () => {
    await system?.stop();
    await smtp?.stop();
    await database?.drop();
    await deleteQueueKeys(queuePrefix);
  });

  it('run 1: a park declares, is returned, resubmits, passes the reviews and the panel, and goes on publicity', async () => {
    system = await startSystem('path', { database, queuePrefix, clockAt: '2026-09-28T10:00:00+08:00', extraEnv: sweepEverySecond() });

    // The county bureau registers the park; its operator gets a token for it.
    const registered = await call<{ registerPark: { id: string } }>(countyOfficer, `mutation($input: RegisterParkInput!) { registerPark(input: $input) { id } }`, {
      input: { name: '沁源县人力资源服务产业园（二期）', countyCode: QINYUAN, address: '沁源县沁河镇育才路 21 号', contactName: PARK_CONTACT.name, contactPhone: PARK_CONTACT.phone, propertyOwnership: '国有', registeredOn: '2025-04-22', constructionInvestmentFen: '420000000', buildingAreaM2: '3600.00', managementTeamSize: 6, constructionMode: 'NEW', servicesOffered: ['INFORMATION'] },
    });
    parkId = registered.registerPark.id;
    operator = { subject: 'e2e-operator', role: 'PARK_OPERATOR', parkId };
    // The applications service learns of the park through the registry's event.
    const created = await waitFor(async () => {
      const response = await gql<{ createApplication: { id: string; version: number } }>(system!.gatewayUrl, operator, `mutation($parkId: ID!) { createApplication(parkId: $parkId, kind: RECOGNITION, year: 2026) { id version } }`, { parkId });
      return response.data?.createApplication;
    }, 'the park to reach the applications service');
    applicationId = created.id;

    // Declaration with only 9 institutions: submitted, and the rules explain why it is short.
    let version = (await call<{ declareFacts: { version: number } }>(operator, `mutation($id: ID!, $v: Int!, $facts: DeclaredFactsInput!) { declareFacts(applicationId: $id, expectedVersion: $v, facts: $facts) { version } }`, { id: applicationId, v: created.version, facts: eligibleFacts(9) })).declareFacts.version;
    for (const item of REQUIRED_MATERIALS) {
      const response = await fetch(`${system.gatewayUrl.replace('/graphql', '')}/files/applications/applications/${applicationId}/materials/${item}`, {
        method: 'POST',
        headers: { ...(await bearer(operator)), 'content-type': 'application/pdf', 'x-file-name': encodeURIComponent(`${item}.pdf`) },
        body: PDF,
      });
      expect(response.status).toBe(201);
    }
    const submitted = await call<{ submitApplication: { stage: string; version: number; eligibility: Array<{ rule: string; outcome: string }> } }>(operator, `mutation($id: ID!, $v: Int!) { submitApplication(applicationId: $id, expectedVersion: $v) { stage version eligibility { rule outcome } } }`, { id: applicationId, v: version });
    expect(submitted.submitApplication.stage).toBe('COUNTY_REVIEW');
    expect(submitted.submitApplication.eligibility).toContainEqual({ rule: 'INSTITUTION_COUNT', outcome: 'FAIL' });

    // The county returns it with a reason; the park corrects and resubmits.
    const returned = await call<{ countyReview: { stage: string; version: number } }>(countyOfficer, `mutation($id: ID!, $v: Int!) { countyReview(applicationId: $id, expectedVersion: $v, decision: { decision: RETURN, reasons: [{ item: FACTS, reason: "入驻机构不足 10 家，请补充机构名册" }] }) { stage version } }`, { id: applicationId, v: submitted.submitApplication.version });
    expect(returned.countyReview.stage).toBe('RETURNED');
    version = (await call<{ declareFacts: { version: number } }>(operator, `mutation($id: ID!, $v: Int!, $facts: DeclaredFactsInput!) { declareFacts(applicationId: $id, expectedVersion: $v, facts: $facts) { version } }`, { id: applicationId, v: returned.countyReview.version, facts: eligibleFacts(12) })).declareFacts.version;
    const resubmitted = await call<{ submitApplication: { version: number; eligibility: Array<{ outcome: string }> } }>(operator, `mutation($id: ID!, $v: Int!) { submitApplication(applicationId: $id, expectedVersion: $v) { version eligibility { outcome } } }`, { id: applicationId, v: version });
    expect(resubmitted.submitApplication.eligibility.every((result) => result.outcome === 'PASS')).toBe(true);

    // Another county's officer cannot decide; this county and the city pass it.
    const foreign = await gql(system.gatewayUrl, as.county('140403'), `mutation($id: ID!, $v: Int!) { countyReview(applicationId: $id, expectedVersion: $v, decision: { decision: PASS, reasons: [] }) { stage } }`, { id: applicationId, v: resubmitted.submitApplication.version });
    expect(foreign.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const passed = await call<{ countyReview: { version: number } }>(countyOfficer, `mutation($id: ID!, $v: Int!) { countyReview(applicationId: $id, expectedVersion: $v, decision: { decision: PASS, reasons: [] }) { version } }`, { id: applicationId, v: resubmitted.submitApplication.version });
    const toPanel = await call<{ cityReview: { stage: string } }>(as.city, `mutation($id: ID!, $v: Int!) { cityReview(applicationId: $id, expectedVersion: $v, decision: { decision: PASS, reasons: [] }) { stage } }`, { id: applicationId, v: passed.countyReview.version });
    expect(toPanel.cityReview.stage).toBe('JOINT_EVALUATION');

    // Joint evaluation: the panel scores, the site is inspected, the findings are recorded.
    await call(as.city, `mutation($id: ID!, $members: [PanelMemberInput!]!) { assignPanel(applicationId: $id, members: $members) { panel { subject } } }`, { id: applicationId, members: reviewers.map((reviewer, index) => ({ subject: reviewer.subject, name: reviewer.name, department: index === 0 ? '发改' : '财政' })) });
    for (const [index, reviewer] of reviewers.entries()) {
      await call(reviewer, `mutation($id: ID!, $score: String!) { submitEvaluation(applicationId: $id, opinion: "规划论证充分，同意认定", score: $score) { score } }`, { id: applicationId, score: index === 0 ? '88.50' : '91.00' });
    }
    await call(as.city, `mutation($id: ID!) { recordSiteInspection(applicationId: $id, input: { inspectedOn: "2026-09-28", inspectors: "市人社局、发改委、财政局", findings: "场地、设施与申报一致", conclusion: "符合" }) { id } }`, { id: applicationId });
    for (const criterion of ['PLANNING_REPORT', 'OPERATING_TEAM', 'SOCIAL_BENEFITS']) {
      await call(as.city, `mutation($id: ID!, $criterion: QualitativeCriterion!) { recordQualitativeFinding(applicationId: $id, criterion: $criterion, input: { finding: "符合要求", evidence: "见申报材料第 3 项", satisfied: true }) { criterion } }`, { id: applicationId, criterion });
    }
    await call(as.city, `mutation($id: ID!, $v: Int!) { concludeEvaluation(applicationId: $id, expectedVersion: $v) { evaluationConclusion { averageScore } } }`, { id: applicationId, v: (await application()).version });

    // Publicity for five working days from the posting day: ends 2026-10-10 (a make-up Saturday).
    const opened = await call<{ openPublicity: { id: string; endsOn: string } }>(as.city, `mutation($ids: [ID!]!) { openPublicity(input: { title: "2026 年第一批市级人力资源服务产业园拟认定名单公示", applicationIds: $ids, workingDays: 5 }) { id endsOn } }`, { ids: [applicationId] });
    publicityId = opened.openPublicity.id;
    expect(opened.openPublicity.endsOn).toBe('2026-10-10');
    expect((await application()).stage).toBe('PUBLICITY');

    // The public reads the notice and objects without an account; the bureau dismisses it.
    const notice = await call<{ publicNotices: { edges: Array<{ node: { id: string } }> } }>(null, `{ publicNotices(first: 10) { edges { node { id title endsOn } } } }`);
    expect(notice.publicNotices.edges.map((edge) => edge.node.id)).toContain(publicityId);
    const objection = await call<{ fileObjection: { id: string } }>(null, `mutation($p: ID!, $a: ID!, $filer: String, $contact: String!) { fileObjection(input: { publicityId: $p, applicationId: $a, filerName: $filer, contact: $contact, reason: "该园区部分入驻机构实际并未在园区经营，请核实。" }) { id } }`, { p: publicityId, a: applicationId, filer: OBJECTION_FILER.name, contact: OBJECTION_FILER.contact });
    // The bureau calls the filer back: the contact is masked everywhere but in this logged reveal.
    const filer = await call<{ revealObjectionContact: { filerName: string; contact: string } }>(as.city, `mutation($id: ID!) { revealObjectionContact(objectionId: $id, reason: "电话联系异议人核实情况") { filerName contact } }`, { id: objection.fileObjection.id });
    expect(filer.revealObjectionContact).toEqual({ filerName: OBJECTION_FILER.name, contact: OBJECTION_FILER.contact });
    await call(as.city, `mutation($id: ID!) { resolveObjection(objectionId: $id, decision: DISMISSED, resolution: "经核实，入驻机构均在园区经营，异议不成立。") { status } }`, { id: objection.fileObjection.id });

    // The bureau corrects the calendar (a holiday on 2026-10-09): the running period now ends 2026-10-12.
    const year = await call<{ workingCalendar: { version: number; covered: boolean; holidays: Array<{ date: string; name: string }>; makeUpWorkdays: Array<{ date: string; name: string }> } }>(null, `{ workingCalendar(year: 2026) { version covered holidays { date name } makeUpWorkdays { date name } } }`);
    const calendar = year.workingCalendar;
    await call(as.city, `mutation($v: Int!, $input: CalendarYearInput!) { setCalendarYear(year: 2026, expectedVersion: $v, input: $input) { version } }`, {
      v: calendar.version,
      input: { covered: calendar.covered, holidays: [...calendar.holidays, { date: '2026-10-09', name: '临时调整' }], makeUpWorkdays: calendar.makeUpWorkdays },
    });
    await waitFor(async () => ((await call<{ publicNotice: { endsOn: string } }>(null, `query($id: ID!) { publicNotice(id: $id) { endsOn } }`, { id: publicityId })).publicNotice.endsOn === '2026-10-12' ? true : undefined), 'the publicity end to move to 2026-10-12');

    expect(await system.stop()).toBe(0);
    runLogs.push(...system.logs());
    system = undefined;
  });

  it('run 2: after Redis lost every job, the sweep recreates the deadline and the job closes the period; approval recognises the park', async () => {
    // If run 1 failed midway its system is still up: stop it rather than leave it behind.
    await system?.stop();
    // Redis keeps nothing here: the deadline must come back from PostgreSQL.
    await deleteQueueKeys(queuePrefix);
    system = await startSystem('path', { database, queuePrefix, clockAt: '2026-10-12T23:59:56+08:00', extraEnv: sweepEverySecond() });

    await waitFor(async () => ((await application()).stage === 'AWAITING_APPROVAL' ? true : undefined), 'the deadline job to close the publicity', 30_000, 250);

    const { version } = await application();
    const approved = await call<{ approveApplication: { stage: string } }>(as.city, `mutation($id: ID!, $v: Int!) { approveApplication(applicationId: $id, expectedVersion: $v, approvalDocumentNo: "长人社函〔2026〕35号", approvedOn: "2026-10-13") { stage } }`, { id: applicationId, v: version });
    expect(approved.approveApplication.stage).toBe('APPROVED');

    const park = await waitFor(async () => {
      const data = await call<{ park: { status: string; officialName: string; sites: Array<{ name: string; isCore: boolean }>; institutions: Array<{ name: string }> } }>(as.city, `query($id: ID!) { park(id: $id) { status officialName sites { name isCore } institutions { name } } }`, { id: parkId });
      return data.park.status === 'RECOGNISED' ? data.park : undefined;
    }, 'the registry to recognise the park');
    expect(park.officialName).toBe('长治沁源县人力资源服务产业园（二期）');
    expect(park.sites).toEqual([{ name: '沁源园区主楼', isCore: true }]);
    expect(park.institutions).toHaveLength(12);

    // Everyone who had to act was told: in the inbox, and the county bureau by e-mail.
    const inbox = async (identity: Identity) => (await call<{ myNotifications: { edges: Array<{ node: { title: string } }> } }>(identity, `{ myNotifications(first: 50) { edges { node { title } } } }`)).myNotifications.edges.map((edge) => edge.node.title);
    await waitFor(async () => ((await inbox(operator)).length >= 2 ? true : undefined), 'the operator to be notified of the return and the approval');
    expect((await inbox(countyOfficer)).length).toBeGreaterThanOrEqual(2);
    expect(await inbox(as.county('140403'))).toEqual([]);
    await waitFor(async () => (smtp.received.some((mail) => mail.to.includes(`rsj-${QINYUAN}@changzhi.example`)) ? true : undefined), 'an e-mail to the county bureau');
    const messageIds = smtp.received.map((mail) => mail.parsed.messageId);
    expect(new Set(messageIds).size).toBe(messageIds.length);

    // A second close of the same period changes nothing.
    const direct = await postGraphQL(system.gatewayUrl, `{ application(id: "${applicationId}") { stage } }`, {}, await bearer(as.city));
    expect(direct.data).toEqual({ application: { stage: 'APPROVED' } });
  });

  it('wrote no personal data to any log of either run: not what was entered, not what was seeded (Art 17)', () => {
    const logs = [...runLogs, ...(system?.logs() ?? [])];
    // Every process's output was captured (the launcher prefixes each line with its app).
    const apps = new Set(logs.map((line) => /^\[([\w-]+)\]/.exec(line)?.[1]));
    expect([...apps]).toEqual(expect.arrayContaining(['gateway', 'park-registry', 'applications', 'funding', 'assessment', 'notifications', 'worker']));
    const seeded = DEMO_PARKS.flatMap((park) => [park.contactName, park.contactPhone]);
    expectNoPersonalData(logs, [PARK_CONTACT.name, PARK_CONTACT.phone, OBJECTION_FILER.name, OBJECTION_FILER.contact, ...seeded]);
  });
});
