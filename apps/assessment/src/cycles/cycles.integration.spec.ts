import { randomUUID } from 'node:crypto';
import { type Identity, SYSTEM_IDENTITY } from '@cz/auth';
import { packageCalendar } from '@cz/calendar';
import type { EventEnvelope } from '@cz/queue-contracts';
import { asGateway, createParkRefs, createTestDatabase, errorCode, type GraphQLResponse, startTestSubgraph, TestEventQueue, type TestDatabase, type TestSubgraph } from '@cz/testing';
import { assessmentService } from '../service';

jest.setTimeout(60_000);

/**
 * The 2025 cycle in time, each step on a service whose clock shows the instant of the step (one
 * database, one service per instant). Under the package calendar it opens on Sunday 2026-01-04
 * (the make-up working day after New Year), submission ends 2026-01-30 (20 working days), review
 * 2026-02-27 (15 more, across the Spring Festival); reminders on 01-16, 01-23 and 01-29. A
 * calendar correction (2026-01-20 declared a holiday) then moves what has not run yet.
 */
const city: Identity = { subject: 'city-1', role: 'CITY_BUREAU' };
const QINXIAN = '140426';
const LUZHOU = '140403';

const OPEN_DUE = `mutation { openDueAssessmentCycle { outcome detail cycle { id year openedOn submissionDeadline reviewDeadline status } } }`;
const OPEN_BY_HAND = `mutation($year: Int!) { openAssessmentCycle(year: $year) { outcome detail cycle { id } } }`;
const PENDING = `{ pendingAssessmentDeadlines { kind targetId dueAt } }`;
const RUN = `mutation($kind: AssessmentDeadlineKind!, $targetId: ID!) { runAssessmentDeadline(kind: $kind, targetId: $targetId) { outcome detail recipients } }`;
const RUN_FOR = `mutation($kind: AssessmentDeadlineKind!, $targetId: ID!, $recipientId: ID!) { runAssessmentDeadlineFor(kind: $kind, targetId: $targetId, recipientId: $recipientId) { outcome detail recipients } }`;

interface Opening {
  outcome: string;
  detail: string | null;
  cycle: { id: string; year: number; openedOn: string; submissionDeadline: string; reviewDeadline: string; status: string } | null;
}
interface Run {
  outcome: string;
  detail: string | null;
  recipients: string[];
}
interface Pending {
  kind: string;
  targetId: string;
  dueAt: string;
}

describe('assessment cycles in time (real PostgreSQL and Redis)', () => {
  let database: TestDatabase;
  let qinxian: string[];
  let luzhou: string[];
  let candidate: string;
  let historyId: string;
  let cycleId: string;
  let rectificationId: string;

  /** Runs `work` against a service whose clock shows `instant`. */
  async function at<T>(instant: string, work: (service: TestSubgraph) => Promise<T>): Promise<T> {
    const service = await startTestSubgraph(assessmentService, { database, clockOffsetMs: Date.parse(instant) - Date.now() });
    try {
      return await work(service);
    } finally {
      await service.close();
    }
  }
  const sql = <T = Record<string, unknown>>(service: TestSubgraph, text: string, parameters: unknown[] = []): Promise<T[]> => service.service.dataSource.query(text, parameters);
  async function call<T>(service: TestSubgraph, identity: Identity, query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const response: GraphQLResponse<Record<string, T>> = await asGateway(service.url, identity, query, variables);
    if (response.errors) throw new Error(JSON.stringify(response.errors));
    return Object.values(response.data!)[0];
  }
  const run = (service: TestSubgraph, kind: string, targetId: string) => call<Run>(service, SYSTEM_IDENTITY, RUN, { kind, targetId });
  const runFor = (service: TestSubgraph, kind: string, targetId: string, recipientId: string) => call<Run>(service, SYSTEM_IDENTITY, RUN_FOR, { kind, targetId, recipientId });
  const pending = (service: TestSubgraph) => call<Pending[]>(service, SYSTEM_IDENTITY, PENDING);
  /** The notification events whose dedupe key contains `fragment`, as (audience, dedupe key, body). */
  const notices = (service: TestSubgraph, fragment: string) =>
    sql<{ audience: Record<string, string>; dedupeKey: string; body: string }>(
      service,
      `SELECT payload->'audience' AS audience, payload->>'dedupeKey' AS "dedupeKey", payload->>'body' AS body FROM assessment.outbox_event
       WHERE type = 'notification.requested' AND payload->>'dedupeKey' LIKE $1 ORDER BY payload->>'dedupeKey'`,
      [`%${fragment}%`],
    );

  beforeAll(async () => {
    database = await createTestDatabase('assessment_cycles');
    await at('2026-01-02T12:00:00+08:00', async (service) => {
      const dataSource = service.service.dataSource;
      qinxian = await createParkRefs(dataSource, 'assessment', { count: 3, namePrefix: '沁县园区', countyCode: QINXIAN });
      luzhou = await createParkRefs(dataSource, 'assessment', { count: 2, namePrefix: '潞州园区', countyCode: LUZHOU });
      [candidate] = await createParkRefs(dataSource, 'assessment', { count: 1, namePrefix: '候选园区', countyCode: LUZHOU, status: 'CANDIDATE' });
      // An assessment of 2025 recorded before the cycle existed: the cycle takes it in.
      [{ id: historyId }] = await sql<{ id: string }>(service, `INSERT INTO assessment.assessment (park_id, year, status) VALUES ($1, 2025, 'OPEN') RETURNING id`, [luzhou[1]]);
    });
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('is not due on Saturday 2026-01-03, still in the New Year holiday; only last year can be opened by hand', async () => {
    await at('2026-01-03T23:00:00+08:00', async (service) => {
      expect(await call<Opening>(service, SYSTEM_IDENTITY, OPEN_DUE)).toEqual({ outcome: 'NOT_DUE', detail: '2025 年度考核将于 2026-01-04 开启', cycle: null });
      const parkOperator: Identity = { subject: 'op', role: 'PARK_OPERATOR', parkId: qinxian[0] };
      expect(errorCode(await asGateway(service.url, parkOperator, OPEN_DUE))).toBe('FORBIDDEN');
      const wrongYear = await asGateway(service.url, city, OPEN_BY_HAND, { year: 2024 });
      expect(wrongYear.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'year' });
      expect(await sql(service, `SELECT id FROM assessment.assessment_cycle`)).toEqual([]);
    });
  });

  it('opens once on the first working day, however many ask at the same time, and notifies every recognised park', async () => {
    await at('2026-01-04T01:00:00+08:00', async (service) => {
      const openings = await Promise.all([1, 2, 3].map(() => call<Opening>(service, SYSTEM_IDENTITY, OPEN_DUE)));
      expect(openings.map((opening) => opening.outcome).sort()).toEqual(['ALREADY_OPEN', 'ALREADY_OPEN', 'OPENED']);
      const opened = openings.find((opening) => opening.outcome === 'OPENED')!;
      expect(opened.cycle).toMatchObject({ year: 2025, openedOn: '2026-01-04', submissionDeadline: '2026-01-30', reviewDeadline: '2026-02-27', status: 'OPEN' });
      cycleId = opened.cycle!.id;
      for (const opening of openings) expect(opening.cycle?.id).toBe(cycleId);
      expect(await call<Opening>(service, city, OPEN_BY_HAND, { year: 2025 })).toMatchObject({ outcome: 'ALREADY_OPEN', cycle: { id: cycleId } });

      expect(await sql(service, `SELECT year, reminder_days, submission_working_days, review_working_days, opened_by FROM assessment.assessment_cycle`)).toEqual([
        { year: 2025, reminder_days: { 10: '2026-01-16', 5: '2026-01-23', 1: '2026-01-29' }, submission_working_days: 20, review_working_days: 15, opened_by: SYSTEM_IDENTITY.subject },
      ]);
      // One assessment per recognised park, the recorded one taken in; the candidate park has none.
      const assessments = await sql<{ id: string; park_id: string; cycle_id: string; status: string }>(service, `SELECT id, park_id, cycle_id, status FROM assessment.assessment WHERE year = 2025 ORDER BY park_id`);
      expect(assessments.map((row) => row.park_id).sort()).toEqual([...qinxian, ...luzhou].sort());
      expect(assessments.every((row) => row.cycle_id === cycleId && row.status === 'OPEN')).toBe(true);
      expect(assessments.find((row) => row.park_id === luzhou[1])?.id).toBe(historyId);
      expect(assessments.some((row) => row.park_id === candidate)).toBe(false);

      const openedNotices = await notices(service, `${cycleId}:opened`);
      expect(openedNotices.map((notice) => notice.audience).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))).toEqual(
        [{ role: 'CITY_BUREAU' }, ...[...qinxian, ...luzhou].map((parkId) => ({ role: 'PARK_OPERATOR', parkId }))].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
      );
      expect(openedNotices.find((notice) => notice.audience.role === 'CITY_BUREAU')?.body).toContain('共 5 个已认定园区参加');
      expect(await sql(service, `SELECT operation, target_id FROM assessment.audit_log WHERE operation = 'assessment.cycle.open' AND outcome = 'SUCCEEDED'`)).toEqual([{ operation: 'assessment.cycle.open', target_id: cycleId }]);
    });
  });

  it('lists every deadline of the cycle for the worker, to SYSTEM only', async () => {
    await at('2026-01-05T10:00:00+08:00', async (service) => {
      expect(await pending(service)).toEqual([
        { kind: 'SUBMISSION_REMINDER_10', targetId: cycleId, dueAt: '2026-01-16T01:00:00.000Z' },
        { kind: 'SUBMISSION_REMINDER_5', targetId: cycleId, dueAt: '2026-01-23T01:00:00.000Z' },
        { kind: 'SUBMISSION_REMINDER_1', targetId: cycleId, dueAt: '2026-01-29T01:00:00.000Z' },
        { kind: 'SUBMISSION_OVERDUE', targetId: cycleId, dueAt: '2026-01-30T16:00:00.000Z' },
        { kind: 'REVIEW_OVERDUE', targetId: cycleId, dueAt: '2026-02-27T16:00:00.000Z' },
      ]);
      expect(errorCode(await asGateway(service.url, city, PENDING))).toBe('FORBIDDEN');
      expect((await run(service, 'SUBMISSION_REMINDER_10', cycleId)).outcome).toBe('NOT_DUE');
    });
  });

  it('reminds only the parks that have not submitted, each once, however often it runs', async () => {
    await at('2026-01-16T09:30:00+08:00', async (service) => {
      // The first park has submitted its self-assessment.
      await sql(service, `UPDATE assessment.assessment SET status = 'SELF_ASSESSED', submitted_at = now() WHERE park_id = $1 AND year = 2025`, [qinxian[0]]);
      const waiting = [qinxian[1], qinxian[2], ...luzhou].sort();

      const first = await run(service, 'SUBMISSION_REMINDER_10', cycleId);
      expect(first).toMatchObject({ outcome: 'PENDING_RECIPIENTS', recipients: waiting });
      for (const parkId of waiting.slice(0, 2)) expect((await runFor(service, 'SUBMISSION_REMINDER_10', cycleId, parkId)).outcome).toBe('DONE');
      // A run after a crash lists only the rest.
      expect((await run(service, 'SUBMISSION_REMINDER_10', cycleId)).recipients).toEqual(waiting.slice(2));
      for (const parkId of waiting) await runFor(service, 'SUBMISSION_REMINDER_10', cycleId, parkId);
      expect(await runFor(service, 'SUBMISSION_REMINDER_10', cycleId, waiting[0])).toMatchObject({ outcome: 'ALREADY_DONE' });
      expect(await runFor(service, 'SUBMISSION_REMINDER_10', cycleId, qinxian[0])).toMatchObject({ outcome: 'ALREADY_DONE', detail: '已提交自评，无需提醒' });
      expect(await run(service, 'SUBMISSION_REMINDER_10', cycleId)).toEqual({ outcome: 'DONE', detail: '已提醒 4 个未提交自评的园区', recipients: [] });
      expect((await run(service, 'SUBMISSION_REMINDER_10', cycleId)).outcome).toBe('ALREADY_DONE');

      const reminders = await notices(service, 'SUBMISSION_REMINDER_10');
      expect(reminders.map((notice) => notice.audience.parkId).sort()).toEqual(waiting);
      expect(reminders[0].body).toContain('2026-01-30 24:00（还剩 10 个工作日）');
      expect(await sql(service, `SELECT count(*)::int AS n FROM assessment.reminder_delivery WHERE target_id = $1`, [cycleId])).toEqual([{ n: 4 }]);
      expect((await pending(service)).map((deadline) => deadline.kind)).not.toContain('SUBMISSION_REMINDER_10');

      // Only reminders fan out to recipients.
      expect((await asGateway(service.url, SYSTEM_IDENTITY, RUN_FOR, { kind: 'SUBMISSION_OVERDUE', targetId: cycleId, recipientId: waiting[0] })).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'kind' });
    });
  });

  it('moves what has not run yet when the registry corrects the calendar (2026-01-20 declared a holiday)', async () => {
    await at('2026-01-17T10:00:00+08:00', async (service) => {
      const events = TestEventQueue.open('assessment', service.queuePrefix);
      try {
        const calendar = packageCalendar();
        const of2026 = (days: Readonly<Record<string, string>>) => Object.entries(days).filter(([date]) => date.startsWith('2026-')).map(([date, name]) => ({ date, name }));
        const payload = { year: 2026, covered: true, holidays: [...of2026(calendar.holidays), { date: '2026-01-20', name: '测试假日' }], makeUpWorkdays: of2026(calendar.makeUpWorkdays), version: 2 };
        const event: EventEnvelope<'registry.calendar-changed'> = { id: randomUUID(), type: 'registry.calendar-changed', source: 'registry', aggregateId: '2026', occurredAt: new Date().toISOString(), payload };
        expect(await events.deliver(event)).toBe(true);
        expect(await events.deliver(event, `${event.id}-again`)).toBe(false);
      } finally {
        await events.close();
      }
      // Submission: 01-20 no longer counts, so the 20th working day is Mon 02-02; review: 02-03..13
      // are 1–9, Sat 02-14 is 10, 02-24..27 are 11–14, Sat 02-28 is 15. The 10-day reminder was
      // sent and stays; the others count back from 02-02.
      expect(await sql(service, `SELECT submission_deadline::text AS s, review_deadline::text AS r, reminder_days FROM assessment.assessment_cycle WHERE id = $1`, [cycleId])).toEqual([
        { s: '2026-02-02', r: '2026-02-28', reminder_days: { 10: '2026-01-16', 5: '2026-01-26', 1: '2026-01-30' } },
      ]);
      expect((await pending(service)).filter((deadline) => deadline.kind === 'SUBMISSION_OVERDUE')).toEqual([{ kind: 'SUBMISSION_OVERDUE', targetId: cycleId, dueAt: '2026-02-02T16:00:00.000Z' }]);
      // The city bureau and the four parks still to submit are told of the new deadline.
      expect((await notices(service, `${cycleId}:moved`)).map((notice) => notice.audience.role).sort()).toEqual(['CITY_BUREAU', 'PARK_OPERATOR', 'PARK_OPERATOR', 'PARK_OPERATOR', 'PARK_OPERATOR']);
      expect(await sql(service, `SELECT changes->'submissionDeadline' AS change FROM assessment.audit_log WHERE operation = 'assessment.cycle.recompute-deadlines'`)).toEqual([{ change: ['2026-01-30', '2026-02-02'] }]);
    });
  });

  it('refuses to remind a park outside the cycle', async () => {
    await at('2026-01-26T09:00:01+08:00', async (service) => {
      const response = await asGateway(service.url, SYSTEM_IDENTITY, RUN_FOR, { kind: 'SUBMISSION_REMINDER_5', targetId: cycleId, recipientId: candidate });
      expect(response.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'recipientId' });
      expect(await notices(service, 'SUBMISSION_REMINDER_5')).toEqual([]);
    });
  });

  it('escalates overdue submissions once: each county bureau its own parks, the city bureau all', async () => {
    await at('2026-01-31T00:00:05+08:00', async (service) => {
      // The old end of the period has passed, the new one has not.
      expect((await run(service, 'SUBMISSION_OVERDUE', cycleId)).outcome).toBe('NOT_DUE');
    });
    await at('2026-02-03T00:00:05+08:00', async (service) => {
      // A reminder the worker could not send before the deadline is not sent after it.
      for (const kind of ['SUBMISSION_REMINDER_5', 'SUBMISSION_REMINDER_1']) expect(await run(service, kind, cycleId)).toEqual({ outcome: 'DONE', detail: '自评提交期限已过，不再提醒', recipients: [] });
      expect(await run(service, 'SUBMISSION_OVERDUE', cycleId)).toEqual({ outcome: 'DONE', detail: '逾期未提交自评：4 个园区', recipients: [] });
      expect((await run(service, 'SUBMISSION_OVERDUE', cycleId)).outcome).toBe('ALREADY_DONE');
      const escalations = await notices(service, `${cycleId}:submission-overdue`);
      expect(escalations.map((notice) => notice.audience)).toEqual([{ role: 'CITY_BUREAU' }, { role: 'COUNTY_BUREAU', countyCode: LUZHOU }, { role: 'COUNTY_BUREAU', countyCode: QINXIAN }]);
      const [toCity, toLuzhou, toQinxian] = escalations.map((notice) => notice.body);
      expect(toQinxian).toContain('2 个园区未提交：沁县园区2、沁县园区3');
      expect(toLuzhou).toContain('2 个园区未提交：潞州园区1、潞州园区2');
      expect(toCity).toContain('4 个园区未提交');
      expect(await notices(service, 'SUBMISSION_REMINDER_5')).toEqual([]);
      expect(await notices(service, ':SUBMISSION_REMINDER_1:')).toEqual([]);
    });
  });

  it('escalates overdue reviews to the city bureau once, naming the assessments not yet graded', async () => {
    await at('2026-03-01T00:00:05+08:00', async (service) => {
      await sql(service, `UPDATE assessment.assessment SET status = 'FINAL', total_score = 92, grade = 'EXCELLENT' WHERE park_id = $1 AND year = 2025`, [qinxian[0]]);
      await sql(service, `UPDATE assessment.assessment SET status = 'RECTIFYING', total_score = 50, grade = 'UNQUALIFIED' WHERE park_id = $1 AND year = 2025`, [qinxian[1]]);
      expect(await run(service, 'REVIEW_OVERDUE', cycleId)).toEqual({ outcome: 'DONE', detail: '逾期未完成评审：3 个园区', recipients: [] });
      expect((await run(service, 'REVIEW_OVERDUE', cycleId)).outcome).toBe('ALREADY_DONE');
      const escalations = await notices(service, `${cycleId}:review-overdue`);
      expect(escalations).toHaveLength(1);
      expect(escalations[0]).toMatchObject({ audience: { role: 'CITY_BUREAU' } });
      expect(escalations[0].body).toContain('2026-02-28 24:00 截止，3 个园区尚未完成评审定级：潞州园区1、潞州园区2、沁县园区3');
      expect((await pending(service)).filter((deadline) => deadline.targetId === cycleId)).toEqual([]);

      // An unqualified park's rectification, due Fri 2026-03-13.
      const [{ id: assessmentId }] = await sql<{ id: string }>(service, `SELECT id FROM assessment.assessment WHERE park_id = $1 AND year = 2025`, [qinxian[1]]);
      [{ id: rectificationId }] = await sql<{ id: string }>(service, `INSERT INTO assessment.rectification (assessment_id, ordered_on, deadline, requirements) VALUES ($1, '2026-02-27', '2026-03-13', '完善服务体系') RETURNING id`, [assessmentId]);
      // Five working days before 03-13 is Fri 03-06.
      expect(await pending(service)).toEqual([
        { kind: 'RECTIFICATION_REMINDER', targetId: rectificationId, dueAt: '2026-03-06T01:00:00.000Z' },
        { kind: 'RECTIFICATION_OVERDUE', targetId: rectificationId, dueAt: '2026-03-13T16:00:00.000Z' },
      ]);
    });
  });

  it('reminds the park of its rectification deadline once, then flags it overdue and tells the county and the city', async () => {
    await at('2026-03-06T09:30:00+08:00', async (service) => {
      expect((await run(service, 'RECTIFICATION_OVERDUE', rectificationId)).outcome).toBe('NOT_DUE');
      expect((await run(service, 'RECTIFICATION_REMINDER', rectificationId)).outcome).toBe('DONE');
      expect((await run(service, 'RECTIFICATION_REMINDER', rectificationId)).outcome).toBe('ALREADY_DONE');
      expect((await notices(service, `rectification:${rectificationId}:reminder`)).map((notice) => notice.audience)).toEqual([{ role: 'PARK_OPERATOR', parkId: qinxian[1] }]);
    });
    await at('2026-03-14T00:00:01+08:00', async (service) => {
      expect(await run(service, 'RECTIFICATION_OVERDUE', rectificationId)).toEqual({ outcome: 'DONE', detail: '已标记逾期并上报', recipients: [] });
      expect((await run(service, 'RECTIFICATION_OVERDUE', rectificationId)).outcome).toBe('ALREADY_DONE');
      const [row] = await sql<{ flagged: Date; version: number }>(service, `SELECT overdue_flagged_at AS flagged, version FROM assessment.rectification WHERE id = $1`, [rectificationId]);
      expect(row.flagged.toISOString()).toMatch(/^2026-03-13T16:00:0/);
      expect(row.version).toBe(2);
      expect((await notices(service, `rectification:${rectificationId}:overdue`)).map((notice) => notice.audience)).toEqual([{ role: 'CITY_BUREAU' }, { role: 'COUNTY_BUREAU', countyCode: QINXIAN }]);
      expect(await pending(service)).toEqual([]);
    });
  });
});
