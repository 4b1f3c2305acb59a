import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SYSTEM_IDENTITY } from '@cz/auth';
import { asGateway, createTestDatabase, deleteQueueKeys, freePort, RunningProcess, TEST_REDIS_URL, type TestDatabase, testQueuePrefix, waitFor } from '@cz/testing';
import { Client } from 'pg';

/**
 * Issue 5 "Done when": the worker is killed in the middle of a reminder fan-out and restarted, and
 * every park still gets its reminder exactly once. Real processes: the assessment service and the
 * worker (main.ts each), real PostgreSQL and Redis. The 2025 cycle opens on 2026-01-04; the
 * reminder ten working days before its 2026-01-30 deadline falls due on 2026-01-16 at 09:00.
 */
const PARKS = 20;
const REMINDER = 'SUBMISSION_REMINDER_10';
const OPENING_DAY = '2026-01-04T08:00:00+08:00';
const REMINDER_DAY = '2026-01-16T09:30:00+08:00';
/** 20 parks × 75 ms: the fan-out takes about 1.5 s, long enough to be cut in the middle. */
const SEND_INTERVAL_MS = 75;
const offsetTo = (instant: string) => String(Date.parse(instant) - Date.now());

describe('reminders survive a worker killed mid-fan-out', () => {
  let database: TestDatabase;
  const queuePrefix = testQueuePrefix('reminders');
  let db: Client;
  let applications: Server;
  const running: RunningProcess[] = [];

  function start(script: string, env: NodeJS.ProcessEnv): RunningProcess {
    const process_ = new RunningProcess(script, { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'development', LOG_LEVEL: 'warn', DATABASE_URL: database.url, REDIS_URL: TEST_REDIS_URL, QUEUE_PREFIX: queuePrefix, ...env });
    running.push(process_);
    return process_;
  }

  async function startAssessment(clockAt: string): Promise<{ process: RunningProcess; url: string }> {
    const port = await freePort();
    const assessment = start('apps/assessment/src/main.ts', { ASSESSMENT_PORT: String(port), CLOCK_OFFSET_MS: offsetTo(clockAt) });
    await waitFor(async () => ((await fetch(`http://127.0.0.1:${port}/ready`).catch(() => undefined))?.ok ? true : undefined), `the assessment service (${assessment.text.slice(-500)})`, 60_000, 200);
    return { process: assessment, url: `http://127.0.0.1:${port}/graphql` };
  }

  const deliveries = async (cycleId: string): Promise<number> => (await db.query(`SELECT count(*)::int AS n FROM assessment.reminder_delivery WHERE target_id = $1 AND occasion = $2`, [cycleId, REMINDER])).rows[0].n;

  beforeAll(async () => {
    database = await createTestDatabase('reminders');
    db = new Client({ connectionString: database.url });
    await db.connect();
    // The applications service's side of the deadline contract, with nothing due.
    applications = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data: { pendingDeadlines: [] } })));
    await new Promise<void>((resolve) => applications.listen(0, '127.0.0.1', resolve));
  });

  afterAll(async () => {
    for (const process_ of running) await process_.stop('SIGKILL');
    await new Promise((resolve) => applications?.close(resolve));
    await db?.end();
    await database?.drop();
    await deleteQueueKeys(queuePrefix);
  });

  it('delivers one reminder per park, once, across a SIGKILL and a restart', async () => {
    // The cycle opens on its first working day for 20 recognised parks.
    const opening = await startAssessment(OPENING_DAY);
    await db.query(
      `INSERT INTO assessment.park_ref (park_id, name, official_name, county_code, status, source_version)
       SELECT gen_random_uuid(), '园区' || n, '长治园区' || n, '140426', 'RECOGNISED', 1 FROM generate_series(1, $1::int) AS n`,
      [PARKS],
    );
    const opened = await asGateway<{ openDueAssessmentCycle: { outcome: string; cycle: { id: string } } }>(opening.url, SYSTEM_IDENTITY, `mutation { openDueAssessmentCycle { outcome cycle { id } } }`);
    expect(opened.data?.openDueAssessmentCycle.outcome).toBe('OPENED');
    const cycleId = opened.data!.openDueAssessmentCycle.cycle.id;
    expect(await opening.process.stop('SIGTERM')).toBe(0);

    // Twelve days later, at 09:30, the ten-day reminder is due.
    const assessment = await startAssessment(REMINDER_DAY);
    const workerEnv = {
      WORKER_PORT: String(await freePort()),
      ASSESSMENT_URL: assessment.url,
      APPLICATIONS_URL: `http://127.0.0.1:${(applications.address() as AddressInfo).port}/graphql`,
      CLOCK_OFFSET_MS: offsetTo(REMINDER_DAY),
      DEADLINE_SWEEP_PATTERN: '*/1 * * * * *',
      ASSESSMENT_CYCLE_PATTERN: '0 0 1 1 *',
      REMINDER_SEND_INTERVAL_MS: String(SEND_INTERVAL_MS),
      WORKER_LOCK_DURATION_MS: '1500',
    };
    const first = start('apps/worker/src/main.ts', workerEnv);
    await waitFor(async () => ((await deliveries(cycleId)) >= 4 ? true : undefined), `the fan-out to begin (${first.text.slice(-500)})`, 30_000, 20);
    expect(await first.stop('SIGKILL')).toBeNull();
    const beforeCrash = await deliveries(cycleId);
    expect(beforeCrash).toBeGreaterThan(0);
    expect(beforeCrash).toBeLessThan(PARKS);

    // The restarted worker takes the stalled job over once its lock has expired.
    const second = start('apps/worker/src/main.ts', { ...workerEnv, WORKER_PORT: String(await freePort()) });
    await waitFor(
      async () => ((await db.query(`SELECT 1 FROM assessment.deadline_done WHERE target_id = $1 AND kind = $2`, [cycleId, REMINDER])).rowCount === 1 ? true : undefined),
      `the reminder to be done (${second.text.slice(-500)})`,
      60_000,
      200,
    );

    const perPark = await db.query<{ park_id: string; deliveries: number; events: number }>(
      `SELECT a.park_id, (SELECT count(*)::int FROM assessment.reminder_delivery d WHERE d.target_id = $1 AND d.occasion = $2 AND d.recipient_id = a.park_id::text) AS deliveries,
              (SELECT count(*)::int FROM assessment.outbox_event e WHERE e.type = 'notification.requested' AND e.payload->>'dedupeKey' = 'assessment-cycle:' || $1 || ':' || $2 || ':' || a.park_id) AS events
       FROM assessment.assessment a WHERE a.cycle_id = $1`,
      [cycleId, REMINDER],
    );
    expect(perPark.rows).toHaveLength(PARKS);
    expect(perPark.rows.filter((row) => row.deliveries !== 1 || row.events !== 1)).toEqual([]);
    const allReminders = await db.query(`SELECT count(*)::int AS n FROM assessment.outbox_event WHERE type = 'notification.requested' AND payload->>'dedupeKey' LIKE $1`, [`%:${REMINDER}:%`]);
    expect(allReminders.rows[0].n).toBe(PARKS);

    expect(await second.stop('SIGTERM')).toBe(0);
    expect(await assessment.process.stop('SIGTERM')).toBe(0);
  }, 180_000);
});
