import { randomUUID } from 'node:crypto';
import { ANONYMOUS, type Identity, SYSTEM_IDENTITY } from '@cz/auth';
import { packageCalendar } from '@cz/calendar';
import type { CalendarChangedPayload, EventEnvelope } from '@cz/queue-contracts';
import { asGateway, errorCode, startTestSubgraph, TestEventQueue, type TestSubgraph } from '@cz/testing';
import { applicationsService } from '../service';

const city: Identity = { subject: 'city-1', role: 'CITY_BUREAU' };
const luzhou: Identity = { subject: 'county-1', role: 'COUNTY_BUREAU', countyCode: '140403' };
const publicFrom = (sourceAddress: string): Identity => ({ ...ANONYMOUS, sourceAddress });

/** A service clock that reads `instant` now (Beijing time given in the string). */
const clockAt = (instant: string) => Date.parse(instant) - Date.now();

const OPEN = `mutation($input: OpenPublicityInput!) { openPublicity(input: $input) { id title postedOn workingDays endsOn endsAt status items { applicationId parkName countyCode kind outcome } } }`;
const NOTICE = `query($id: ID!) { publicNotice(id: $id) { id title postedOn endsOn endsAt status items { applicationId parkName countyCode kind outcome } } }`;
const NOTICES = `query { publicNotices(first: 100) { totalCount edges { node { id status endsOn } } } }`;
const FILE = `mutation($input: FileObjectionInput!) { fileObjection(input: $input) { id filedAt status } }`;
const OBJECTIONS = `query($publicityId: ID, $status: ObjectionStatus) { objections(publicityId: $publicityId, status: $status) { totalCount edges { node { id applicationId filerName contact reason status } } } }`;
const RESOLVE = `mutation($id: ID!, $decision: ObjectionDecision!, $resolution: String!, $outcome: ObjectionOutcome) {
  resolveObjection(objectionId: $id, decision: $decision, resolution: $resolution, outcome: $outcome) { id status resolution resolvedBy resolvedAt } }`;
const RUN = `mutation($id: ID!) { runDeadline(kind: PUBLICITY_CLOSE, targetId: $id) { outcome detail } }`;
const PENDING = `query { pendingDeadlines { kind targetId dueAt } }`;

interface Notice {
  id: string;
  postedOn: string;
  workingDays: number;
  endsOn: string;
  endsAt: string;
  status: string;
  items: Array<{ applicationId: string; parkName: string; countyCode: string; kind: string; outcome: string | null }>;
}

describe('publicity and objections (real PostgreSQL and Redis)', () => {
  let early: TestSubgraph; // the service on 2026-10-05, during the periods
  let late: TestSubgraph; // the same database on 2026-12-28, after them
  let events: TestEventQueue;
  const query = (sql: string, parameters: unknown[] = []) => early.service.dataSource.query(sql, parameters);
  const stageOf = async (applicationId: string) => (await query(`SELECT stage FROM applications.application WHERE id = $1`, [applicationId]))[0].stage;
  const count = async (table: string) => (await query(`SELECT count(*)::int AS n FROM applications.${table}`))[0].n as number;

  /** Factory: an application in joint evaluation whose evaluation the city bureau has concluded. */
  async function evaluatedApplication(countyCode = '140403', concluded = true): Promise<string> {
    const parkId = randomUUID();
    await query(`INSERT INTO applications.park_ref (park_id, name, county_code, status, source_version) VALUES ($1, $2, $3, 'CANDIDATE', 1)`, [parkId, `测试${parkId.slice(0, 4)}人力资源服务产业园`, countyCode]);
    const [{ id }] = await query(`INSERT INTO applications.application (park_id, kind, stage, year, submitted_at) VALUES ($1, 'RECOGNITION', 'JOINT_EVALUATION', 2026, '2026-06-01') RETURNING id`, [parkId]);
    if (concluded) await query(`INSERT INTO applications.evaluation_conclusion (application_id, concluded_by, concluded_at, average_score) VALUES ($1, 'city-1', '2026-09-20', 88.5)`, [id]);
    return id;
  }

  async function open(input: Record<string, unknown>, on: TestSubgraph = early): Promise<Notice> {
    const response = await asGateway<{ openPublicity: Notice }>(on.url, city, OPEN, { input: { title: '2026年度市级人力资源服务产业园拟认定名单公示', ...input } });
    expect(response.errors).toBeUndefined();
    return response.data!.openPublicity;
  }

  async function file(publicityId: string, applicationId: string, identity: Identity, overrides: Record<string, unknown> = {}) {
    return asGateway<{ fileObjection: { id: string; filedAt: string; status: string } }>(early.url, identity, FILE, {
      input: { publicityId, applicationId, filerName: '张三', contact: '13912345678', reason: '该园区申报的入驻机构中有三家并未实际运营，请核查。', ...overrides },
    });
  }

  const outboxKeys = async (prefix: string) =>
    (await query(`SELECT payload->>'dedupeKey' AS key FROM applications.outbox_event WHERE type = 'notification.requested' AND payload->>'dedupeKey' LIKE $1 ORDER BY 1`, [`${prefix}%`])).map((row: { key: string }) => row.key);

  beforeAll(async () => {
    early = await startTestSubgraph(applicationsService, { seedDemo: true, clockOffsetMs: clockAt('2026-10-05T10:00:00+08:00') });
    late = await startTestSubgraph(applicationsService, { database: early.database, clockOffsetMs: clockAt('2026-12-28T10:00:00+08:00') });
    events = TestEventQueue.open('applications', early.queuePrefix);
  });
  afterAll(async () => {
    await events?.close();
    await late?.close();
    await early?.close();
  });

  // Shared by the steps below, which follow one period from opening to close.
  let period: Notice;
  let [blockedApp, freeApp] = ['', ''];
  let objectionId = '';

  it('opens a period posted 2026-09-28 for 5 working days that ends 2026-10-10 at 24:00 Beijing time', async () => {
    [blockedApp, freeApp] = [await evaluatedApplication(), await evaluatedApplication('140423')];
    period = await open({ applicationIds: [blockedApp, freeApp], postedOn: '2026-09-28', workingDays: 5 });
    expect(period).toMatchObject({ postedOn: '2026-09-28', workingDays: 5, endsOn: '2026-10-10', endsAt: '2026-10-10T16:00:00.000Z', status: 'OPEN' });
    expect(period.items.map((item) => item.applicationId).sort()).toEqual([blockedApp, freeApp].sort());
    expect(period.items.every((item) => item.parkName.startsWith('长治测试') && item.outcome === null && item.kind === 'RECOGNITION')).toBe(true);
    expect([await stageOf(blockedApp), await stageOf(freeApp)]).toEqual(['PUBLICITY', 'PUBLICITY']);
    expect(await outboxKeys(`publicity:${period.id}:open:`)).toHaveLength(4);
    expect(await query(`SELECT action, actor_subject FROM applications.application_transition WHERE application_id = $1`, [blockedApp])).toEqual([{ action: 'openPublicity', actor_subject: 'city-1' }]);
  });

  it('defaults to today and the policy minimum, and refuses fewer days, early stages, unconcluded evaluations and other roles', async () => {
    const application = await evaluatedApplication();
    const before = await count('publicity');
    const refuse = async (input: Record<string, unknown>, identity: Identity = city) => asGateway(early.url, identity, OPEN, { input: { title: '公示', ...input } });

    const fewer = await refuse({ applicationIds: [application], workingDays: 4 });
    expect(fewer.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'workingDays', minimum: 5 });
    expect((await refuse({ applicationIds: [application], postedOn: '2026-10-06' })).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'postedOn' });
    const unconcluded = await evaluatedApplication('140403', false);
    expect((await refuse({ applicationIds: [application, unconcluded] })).errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', applicationId: unconcluded });
    const draft = (await query(`SELECT id FROM applications.application WHERE stage = 'DRAFT' LIMIT 1`))[0].id;
    expect((await refuse({ applicationIds: [draft] })).errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', applicationId: draft });
    expect((await refuse({ applicationIds: [randomUUID()] })).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'applicationIds' });
    expect(errorCode(await refuse({ applicationIds: [application] }, luzhou))).toBe('FORBIDDEN');
    expect(await count('publicity')).toBe(before);
    expect(await stageOf(application)).toBe('JOINT_EVALUATION');

    const defaulted = await open({ applicationIds: [application] });
    expect(defaulted).toMatchObject({ postedOn: '2026-10-05', workingDays: 5, endsOn: '2026-10-13', endsAt: '2026-10-13T16:00:00.000Z' });
  });

  it('refuses a period that would end in a year the calendar does not cover, writing nothing', async () => {
    const application = await evaluatedApplication();
    const [publicities, transitions] = [await count('publicity'), await count('application_transition')];
    const response = await asGateway(late.url, city, OPEN, { input: { title: '跨年公示', applicationIds: [application] } });
    expect(response.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'workingDays', year: 2027 });
    expect([await count('publicity'), await count('application_transition'), await stageOf(application)]).toEqual([publicities, transitions, 'JOINT_EVALUATION']);
  });

  it('files an anonymous objection, answering only a receipt; the contact is masked, and whole for the city bureau only through a logged reveal', async () => {
    const filed = await file(period.id, blockedApp, publicFrom('203.0.113.7'), { filerName: null });
    expect(filed.errors).toBeUndefined();
    expect(Object.keys(filed.data!.fileObjection).sort()).toEqual(['filedAt', 'id', 'status']);
    expect(filed.data!.fileObjection).toMatchObject({ status: 'OPEN', filedAt: expect.stringMatching(/^2026-10-05T02:/) });
    objectionId = filed.data!.fileObjection.id;

    const seen = await asGateway<{ objections: { edges: Array<{ node: Record<string, unknown> }> } }>(early.url, city, OBJECTIONS, { publicityId: period.id });
    expect(seen.data?.objections.edges.map((edge) => edge.node)).toEqual([{ id: objectionId, applicationId: blockedApp, filerName: null, contact: '139****5678', reason: expect.any(String), status: 'OPEN' }]);
    expect(errorCode(await asGateway(early.url, luzhou, OBJECTIONS, {}))).toBe('FORBIDDEN');
    expect(errorCode(await asGateway(early.url, ANONYMOUS, OBJECTIONS, {}))).toBe('UNAUTHENTICATED');
    // Whole only through the reveal: the city bureau, a reason, and an access-log row without the values.
    const REVEAL = `mutation($id: ID!, $reason: String!) { revealObjectionContact(objectionId: $id, reason: $reason) { objectionId filerName contact } }`;
    const revealed = await asGateway<{ revealObjectionContact: Record<string, unknown> }>(early.url, city, REVEAL, { id: objectionId, reason: '电话联系异议人核实情况' });
    expect(revealed.data?.revealObjectionContact).toEqual({ objectionId, filerName: null, contact: '13912345678' });
    expect(errorCode(await asGateway(early.url, luzhou, REVEAL, { id: objectionId, reason: '电话联系异议人核实情况' }))).toBe('FORBIDDEN');
    expect((await asGateway(early.url, city, REVEAL, { id: objectionId, reason: '' })).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    expect(await query(`SELECT actor, outcome, target_id, changes FROM applications.audit_log WHERE operation = 'objection.contact.reveal' ORDER BY id`)).toEqual([
      { actor: 'city-1', outcome: 'SUCCEEDED', target_id: objectionId, changes: { reason: '电话联系异议人核实情况', fields: ['filerName', 'contact'] } },
      { actor: 'county-1', outcome: 'DENIED', target_id: objectionId, changes: { path: 'revealObjectionContact' } },
    ]);
    // Neither the filing's audit row nor the access log ever holds the contact itself.
    expect(JSON.stringify(await query(`SELECT changes FROM applications.audit_log`))).not.toContain('13912345678');
    expect(await outboxKeys(`objection:${objectionId}`)).toEqual([`objection:${objectionId}:filed`]);

    for (const [overrides, field] of [
      [{ contact: '12345' }, 'contact'],
      [{ reason: '不同意' }, 'reason'],
      [{ applicationId: randomUUID() }, 'applicationId'],
    ] as const) {
      expect((await file(period.id, blockedApp, publicFrom('203.0.113.7'), overrides)).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    expect(errorCode(await file(randomUUID(), blockedApp, publicFrom('203.0.113.7')))).toBe('NOT_FOUND');
  });

  it('shows the public the notice with the parks’ official names and no personal data', async () => {
    const one = await asGateway<{ publicNotice: Notice }>(early.url, ANONYMOUS, NOTICE, { id: period.id });
    expect(one.errors).toBeUndefined();
    expect(one.data?.publicNotice).toMatchObject({ id: period.id, endsOn: '2026-10-10', endsAt: '2026-10-10T16:00:00.000Z', status: 'OPEN' });
    expect(one.data?.publicNotice.items.find((item) => item.applicationId === blockedApp)).toMatchObject({ countyCode: '140403', kind: 'RECOGNITION', parkName: expect.stringMatching(/^长治测试.{4}人力资源服务产业园$/) });
    expect(JSON.stringify(one)).not.toMatch(/13912345678|张三|203\.0\.113\.7/);
    const list = await asGateway<{ publicNotices: { edges: Array<{ node: { id: string; status: string } }> } }>(early.url, ANONYMOUS, NOTICES);
    expect(list.data?.publicNotices.edges.map((edge) => edge.node.id)).toContain(period.id);
    expect(list.data?.publicNotices.edges.every((edge) => edge.node.status === 'OPEN')).toBe(true);
    const missing = await asGateway<{ publicNotice: null }>(early.url, ANONYMOUS, NOTICE, { id: randomUUID() });
    expect(missing.data?.publicNotice).toBeNull();
  });

  it('refuses the 6th objection from one address within an hour', async () => {
    const application = await evaluatedApplication();
    const other = await open({ applicationIds: [application] });
    const flooder = publicFrom('198.51.100.9');
    for (let index = 0; index < 5; index += 1) expect((await file(other.id, application, flooder)).errors).toBeUndefined();
    const sixth = await file(other.id, application, flooder);
    expect(errorCode(sixth)).toBe('RATE_LIMITED');
    expect(sixth.errors?.[0].message).toMatch(/过于频繁/);
    expect((await file(other.id, application, publicFrom('198.51.100.10'))).errors).toBeUndefined();
  });

  it('is not due before the end; pendingDeadlines is the scheduler’s alone', async () => {
    expect((await asGateway(early.url, SYSTEM_IDENTITY, RUN, { id: period.id })).data).toEqual({ runDeadline: { outcome: 'NOT_DUE', detail: expect.any(String) } });
    expect(errorCode(await asGateway(early.url, city, PENDING))).toBe('FORBIDDEN');
    expect(errorCode(await asGateway(early.url, city, RUN, { id: period.id }))).toBe('FORBIDDEN');
    const pending = await asGateway<{ pendingDeadlines: Array<{ kind: string; targetId: string; dueAt: string }> }>(early.url, SYSTEM_IDENTITY, PENDING);
    expect(pending.data?.pendingDeadlines).toContainEqual({ kind: 'PUBLICITY_CLOSE', targetId: period.id, dueAt: '2026-10-10T16:00:00.000Z' });
  });

  it('after the end, holds the application with an open objection (BLOCKED) and lets the other proceed', async () => {
    const first = await asGateway<{ runDeadline: { outcome: string } }>(late.url, SYSTEM_IDENTITY, RUN, { id: period.id });
    expect(first.data?.runDeadline.outcome).toBe('BLOCKED');
    expect([await stageOf(blockedApp), await stageOf(freeApp)]).toEqual(['PUBLICITY', 'AWAITING_APPROVAL']);
    expect(await outboxKeys(`publicity:${period.id}:closed:`)).toEqual([`publicity:${period.id}:closed:${freeApp}`]);

    const transitions = await count('application_transition');
    const second = await asGateway<{ runDeadline: { outcome: string } }>(late.url, SYSTEM_IDENTITY, RUN, { id: period.id });
    expect(second.data?.runDeadline.outcome).toBe('BLOCKED');
    expect(await count('application_transition')).toBe(transitions);
    expect(await outboxKeys(`publicity:${period.id}:blocked:`)).toEqual([`publicity:${period.id}:blocked:${blockedApp}`]);

    const tooLate = await asGateway(late.url, publicFrom('203.0.113.8'), FILE, { input: { publicityId: period.id, applicationId: blockedApp, contact: 'a@b.cn', reason: '公示期结束后提出的异议，请核查。' } });
    expect(tooLate.errors?.[0]).toMatchObject({ message: '公示期已结束', extensions: { code: 'CONFLICT' } });
  });

  it('lets the application proceed when its objection is dismissed after the end; the deadline is then done', async () => {
    const dismissed = await asGateway<{ resolveObjection: Record<string, unknown> }>(late.url, city, RESOLVE, { id: objectionId, decision: 'DISMISSED', resolution: '经核实，入驻机构均在正常运营，异议不成立。' });
    expect(dismissed.errors).toBeUndefined();
    expect(dismissed.data?.resolveObjection).toMatchObject({ status: 'DISMISSED', resolvedBy: 'city-1' });
    expect(await stageOf(blockedApp)).toBe('AWAITING_APPROVAL');
    expect(await query(`SELECT status FROM applications.publicity WHERE id = $1`, [period.id])).toEqual([{ status: 'CLOSED' }]);
    expect((await asGateway(late.url, SYSTEM_IDENTITY, RUN, { id: period.id })).data).toEqual({ runDeadline: { outcome: 'ALREADY_DONE', detail: expect.any(String) } });
    expect(errorCode(await asGateway(late.url, city, RESOLVE, { id: objectionId, decision: 'DISMISSED', resolution: '再次处理' }))).toBe('CONFLICT');
  });

  it('returns the application when an objection is upheld with RETURN', async () => {
    const application = await evaluatedApplication();
    const notice = await open({ applicationIds: [application] });
    const filed = await file(notice.id, application, publicFrom('192.0.2.1'));
    const id = filed.data!.fileObjection.id;
    expect((await asGateway(early.url, city, RESOLVE, { id, decision: 'UPHELD', resolution: '异议属实' })).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'outcome' });
    const upheld = await asGateway(early.url, city, RESOLVE, { id, decision: 'UPHELD', resolution: '经核实，三家入驻机构未实际运营，退回补正。', outcome: 'RETURN' });
    expect(upheld.errors).toBeUndefined();
    expect(await stageOf(application)).toBe('RETURNED');
    expect(await query(`SELECT i.outcome, p.status FROM applications.publicity_item i JOIN applications.publicity p ON p.id = i.publicity_id WHERE i.application_id = $1`, [application])).toEqual([{ outcome: 'RETURNED', status: 'CLOSED' }]);
    expect(await outboxKeys(`objection:${id}:upheld`)).toEqual([`objection:${id}:upheld`]);
  });

  it('moves a running period’s end when the calendar changes, applying the event once', async () => {
    const application = await evaluatedApplication();
    const running = await open({ applicationIds: [application], postedOn: '2026-09-28' });
    expect(running.endsOn).toBe('2026-10-10');
    const calendar = packageCalendar();
    const entries = (days: Readonly<Record<string, string>>) => Object.entries(days).filter(([date]) => date.startsWith('2026-')).map(([date, name]) => ({ date, name }));
    const change = (version: number): EventEnvelope<'registry.calendar-changed'> => {
      const payload: CalendarChangedPayload = { year: 2026, covered: true, holidays: [...entries(calendar.holidays), { date: '2026-10-09', name: '测试调整' }], makeUpWorkdays: entries(calendar.makeUpWorkdays), version };
      return { id: randomUUID(), type: 'registry.calendar-changed', source: 'registry', aggregateId: '2026', occurredAt: new Date().toISOString(), payload };
    };

    const event = change(2);
    expect([await events.deliver(event), await events.deliver(event, `${event.id}-redelivered`)]).toEqual([true, false]);
    const after = await asGateway<{ publicNotice: Notice }>(early.url, ANONYMOUS, NOTICE, { id: running.id });
    expect(after.data?.publicNotice).toMatchObject({ endsOn: '2026-10-12', endsAt: '2026-10-12T16:00:00.000Z' });
    expect(await query(`SELECT version FROM applications.publicity WHERE id = $1`, [running.id])).toEqual([{ version: 2 }]);
    expect(await query(`SELECT role FROM applications.audit_log WHERE operation = 'publicity.recompute-end' AND target_id = $1`, [running.id])).toEqual([{ role: 'SYSTEM' }]);
    expect(await outboxKeys(`publicity:${running.id}:moved:`)).toEqual([`publicity:${running.id}:moved:2`]);

    // Another event carrying a version the copy already holds changes nothing.
    expect(await events.deliver(change(2))).toBe(true);
    expect(await query(`SELECT version, ends_on::text FROM applications.publicity WHERE id = $1`, [running.id])).toEqual([{ version: 2, ends_on: '2026-10-12' }]);
    expect(await query(`SELECT version FROM applications.calendar_year WHERE year = 2026`)).toEqual([{ version: 2 }]);
  });

  it('lists only the open periods as pending deadlines', async () => {
    const pending = await asGateway<{ pendingDeadlines: Array<{ targetId: string; dueAt: string }> }>(early.url, SYSTEM_IDENTITY, PENDING);
    const open: Array<{ id: string; ends_at: Date }> = await query(`SELECT id, ends_at FROM applications.publicity WHERE status = 'OPEN' ORDER BY ends_at, id`);
    expect(pending.data?.pendingDeadlines.map((deadline) => [deadline.targetId, deadline.dueAt])).toEqual(open.map((row) => [row.id, row.ends_at.toISOString()]));
    expect(pending.data?.pendingDeadlines.map((deadline) => deadline.targetId)).not.toContain(period.id);
  });
});
