import { SYSTEM_IDENTITY } from '@cz/auth';
import { LOCAL_DEFAULTS } from '@cz/config';
import { deadlineJobId } from '@cz/queue-contracts';
import { createClock } from '@cz/runtime';
import { deleteQueueKeys, freePort, TEST_REDIS_URL, testQueuePrefix, waitFor } from '@cz/testing';
import type { Job, Queue } from 'bullmq';
import pino from 'pino';
import { readConfig } from '../config';
import { type RunningWorker, startWorker } from '../worker-runtime';
import { ASSESSMENT_OPERATIONS, StubDeadlineService } from './deadline-service.stub';
import type { SourceSweep } from './deadline-sweep.job';

jest.setTimeout(30_000);

const KIND = 'PUBLICITY_CLOSE';
const HOUR = 3_600_000;
/** The worker and the stub service share one shifted clock, as the real processes share CLOCK_OFFSET_MS. */
const OFFSET_MS = 30 * 24 * HOUR;
const clock = createClock(OFFSET_MS);
const target = (name: string) => `0b9e6a3c-5d1f-4e2a-9c7b-${name.padStart(12, '0')}`;

interface LogLine {
  level: number;
  msg: string;
  [field: string]: unknown;
}

describe('deadline jobs (real Redis, a stub deadline service over HTTP)', () => {
  const logs: LogLine[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => logs.push(JSON.parse(line) as LogLine) });
  const prefixes: string[] = [];
  let stub: StubDeadlineService;
  /** The assessment service's deadlines; these tests keep it empty (deadline-fan-out tests it). */
  let assessmentStub: StubDeadlineService;
  let worker: RunningWorker;
  let queue: Queue;
  let prefix: string;
  let sweeps = 0;

  const configFor = (label: string, env: NodeJS.ProcessEnv) => {
    const queuePrefix = testQueuePrefix(label);
    prefixes.push(queuePrefix);
    // Sweeps run when a test asks, unless a test chooses a pattern: a tick at a random moment would blur the counts.
    return { ...readConfig({ REDIS_URL: TEST_REDIS_URL, QUEUE_PREFIX: queuePrefix, HEARTBEAT_PATTERN: '*/1 * * * * *', DEADLINE_SWEEP_PATTERN: '0 0 1 1 *', ASSESSMENT_CYCLE_PATTERN: '0 0 1 1 *', ASSESSMENT_URL: assessmentStub.url, CLOCK_OFFSET_MS: String(OFFSET_MS), ...env }), WORKER_PORT: 0 };
  };

  /** Runs one sweep through the queue, as the scheduler would, and returns what it reported. */
  async function sweep(): Promise<Record<string, SourceSweep>> {
    sweeps += 1;
    const id = await worker.enqueueOnce('deadline-sweep', ['manual', sweeps], {}, { attempts: 1 });
    const job = await waitFor(async () => ((await queue.getJob(id))?.finishedOn ? queue.getJob(id) : undefined), `sweep ${sweeps} to finish`);
    if (job?.failedReason) throw new Error(job.failedReason);
    return job?.returnvalue as Record<string, SourceSweep>;
  }

  const finished = (id: string, what: string, timeoutMs?: number): Promise<Job> =>
    waitFor(async () => {
      const job = await queue.getJob(id);
      return job?.finishedOn && (await job.isCompleted()) ? job : undefined;
    }, what, timeoutMs);

  const deadlineJobs = async () => (await queue.getDelayed()).filter((job) => job.name === 'deadline');

  beforeAll(async () => {
    stub = await StubDeadlineService.start([LOCAL_DEFAULTS.internalIdentityKey], clock);
    assessmentStub = await StubDeadlineService.start([LOCAL_DEFAULTS.internalIdentityKey], clock, ASSESSMENT_OPERATIONS);
    const config = configFor('deadlines', { APPLICATIONS_URL: stub.url });
    prefix = config.QUEUE_PREFIX;
    worker = await startWorker(config, logger);
    queue = worker.queues.deadlines;
  });
  afterAll(async () => {
    await worker?.stop();
    await stub?.stop();
    await assessmentStub?.stop();
    for (const prefix of prefixes) await deleteQueueKeys(prefix);
  });
  afterEach(() => {
    // Every call the worker made carried a valid SYSTEM identity signed with the first key.
    for (const service of [stub, assessmentStub]) {
      expect(service.rejected).toEqual([]);
      for (const call of service.calls) expect(call.identity).toEqual(SYSTEM_IDENTITY);
    }
  });

  const soon = { kind: KIND, targetId: target('a'), dueAt: new Date(clock().getTime() + HOUR) };
  const later = { kind: KIND, targetId: target('b'), dueAt: new Date(clock().getTime() + 72 * HOUR) };

  it('keeps one delayed job per open deadline, with the deterministic id and the delay to its due time by the shifted clock', async () => {
    stub.open(soon);
    stub.open(later);
    // Both deadline-owning services are asked, each under its own names.
    expect(await sweep()).toEqual({ applications: { found: 2, created: 2, rerun: 0 }, assessment: { found: 0, created: 0, rerun: 0 } });
    expect(assessmentStub.calls.map((call) => call.operation)).toEqual(['pendingAssessmentDeadlines']);

    for (const deadline of [soon, later]) {
      const id = deadlineJobId(KIND, deadline.targetId, deadline.dueAt);
      expect(id).toBe(`deadline.${KIND}.${deadline.targetId}.${deadline.dueAt.getTime()}`);
      const job = await queue.getJob(id);
      expect(await job?.getState()).toBe('delayed');
      const expectedDelay = deadline.dueAt.getTime() - clock().getTime();
      expect(job?.delay).toBeGreaterThanOrEqual(expectedDelay);
      expect(job?.delay).toBeLessThan(expectedDelay + 10_000);
      expect(job?.data).toEqual({ service: 'applications', kind: KIND, targetId: deadline.targetId, dueAt: deadline.dueAt.toISOString() });
      expect(job?.opts).toMatchObject({ attempts: 10, backoff: { type: 'exponential' }, removeOnComplete: { age: 7 * 24 * 3600 }, removeOnFail: false });
    }

    expect((await sweep()).applications).toEqual({ found: 2, created: 0, rerun: 0 });
    expect(await deadlineJobs()).toHaveLength(2);
    expect(stub.calls.filter((call) => call.operation === 'pendingDeadlines')).toHaveLength(2);
    expect(logs.some((line) => line.msg === 'deadline sweep: 0 new deadline job(s)' && line.service === 'applications')).toBe(true);
  });

  it('runs a deadline that is already due at once, calling runDeadline once as SYSTEM', async () => {
    const due = { kind: KIND, targetId: target('c'), dueAt: new Date(clock().getTime() - 60_000) };
    stub.open(due);
    expect((await sweep()).applications).toEqual({ found: 3, created: 1, rerun: 0 });

    const job = await finished(deadlineJobId(KIND, due.targetId, due.dueAt), 'the due deadline to run');
    expect(job.returnvalue).toEqual({ outcome: 'DONE', detail: null });
    expect(stub.runsOf(due.targetId)).toEqual([{ operation: 'runDeadline', identity: SYSTEM_IDENTITY, variables: { kind: KIND, targetId: due.targetId } }]);

    expect((await sweep()).applications).toEqual({ found: 2, created: 0, rerun: 0 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(stub.runsOf(due.targetId)).toHaveLength(1);
  });

  it('after Redis lost the queue keys, restores its schedulers and the next sweep recreates every pending deadline job', async () => {
    await deleteQueueKeys(prefix);
    expect(await queue.getJob(deadlineJobId(KIND, soon.targetId, soon.dueAt))).toBeUndefined();
    const restored = await waitFor(async () => queue.getJobScheduler('deadline-sweep'), 'the sweep scheduler to be restored', 5000);
    expect(restored).toMatchObject({ pattern: '0 0 1 1 *', tz: 'Asia/Shanghai' });

    expect((await sweep()).applications).toEqual({ found: 2, created: 2, rerun: 0 });
    const ids = (await deadlineJobs()).map((job) => job.id).sort();
    expect(ids).toEqual([deadlineJobId(KIND, soon.targetId, soon.dueAt), deadlineJobId(KIND, later.targetId, later.dueAt)].sort());
  });

  it('gives a moved deadline a job of its own; the old one finds NOT_DUE, logs it and is not retried', async () => {
    const first = { kind: KIND, targetId: target('d'), dueAt: new Date(clock().getTime() + 1500) };
    stub.open(first);
    expect((await sweep()).applications.created).toBe(1);
    // The bureau edits the calendar: the publicity now ends a day later.
    const moved = { ...first, dueAt: new Date(first.dueAt.getTime() + 24 * HOUR) };
    stub.open(moved);
    expect((await sweep()).applications.created).toBe(1);

    const old = await finished(deadlineJobId(KIND, first.targetId, first.dueAt), 'the old deadline job to fire', 10_000);
    expect(old.returnvalue).toMatchObject({ outcome: 'NOT_DUE' });
    expect(old.failedReason).toBeFalsy();
    expect(logs.find((line) => line.targetId === first.targetId && line.outcome === 'NOT_DUE')).toMatchObject({ level: 30, kind: KIND, jobId: old.id });
    expect(await queue.getJobState(deadlineJobId(KIND, moved.targetId, moved.dueAt))).toBe('delayed');

    await sweep();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(stub.runsOf(first.targetId)).toHaveLength(1);
  });

  it('runs a due deadline again at the next sweep when an objection held it (BLOCKED) and has been resolved', async () => {
    const held = { kind: KIND, targetId: target('e'), dueAt: new Date(clock().getTime() - 1000) };
    stub.blocked.add(held.targetId);
    stub.open(held);
    await sweep();
    const id = deadlineJobId(KIND, held.targetId, held.dueAt);
    expect((await finished(id, 'the held deadline to run')).returnvalue).toMatchObject({ outcome: 'BLOCKED' });
    expect(logs.find((line) => line.targetId === held.targetId && line.outcome === 'BLOCKED')).toMatchObject({ level: 40 });

    stub.blocked.delete(held.targetId);
    expect((await sweep()).applications.rerun).toBe(1);
    await waitFor(async () => ((await queue.getJob(id))?.returnvalue?.outcome === 'DONE' ? true : undefined), 'the freed deadline to close');
    expect(stub.runsOf(held.targetId)).toHaveLength(2);
    expect((await sweep()).applications).toMatchObject({ rerun: 0, created: 0 });
  });

  it('retries a deadline whose service answered with an error', async () => {
    const troubled = { kind: KIND, targetId: target('f'), dueAt: new Date(clock().getTime() - 1000) };
    stub.failNext.add(troubled.targetId);
    stub.open(troubled);
    await sweep();
    // The first retry comes after the 5 s backoff.
    const job = await finished(deadlineJobId(KIND, troubled.targetId, troubled.dueAt), 'the retried deadline to close', 15_000);
    expect(job.returnvalue).toMatchObject({ outcome: 'DONE' });
    expect(stub.runsOf(troubled.targetId)).toHaveLength(2);
  });

  it('fails at once a deadline job naming a service that owns no deadlines', async () => {
    const job = await queue.add('deadline', { service: 'funding', kind: KIND, targetId: target('g'), dueAt: clock().toISOString() }, { jobId: 'deadline.stray.1', attempts: 10 });
    const failed = await waitFor(async () => ((await job.isFailed()) ? queue.getJob(String(job.id)) : undefined), 'the stray deadline job to fail');
    expect(failed?.failedReason).toMatch(/"funding", which owns no deadlines/);
    expect(failed?.attemptsMade).toBe(1);
  });

  it('fails the scheduled sweep (after its retries) when a source cannot be reached, and keeps running', async () => {
    const unreachable = `http://127.0.0.1:${await freePort()}/graphql`;
    const lonely = await startWorker(configFor('deadlines-down', { APPLICATIONS_URL: unreachable, DEADLINE_SWEEP_PATTERN: '*/1 * * * * *' }), logger);
    try {
      expect(await lonely.queues.deadlines.getJobScheduler('deadline-sweep')).toMatchObject({ pattern: '*/1 * * * * *', tz: 'Asia/Shanghai' });
      const failed = await waitFor(async () => (await lonely.queues.deadlines.getFailed()).find((job) => job.name === 'deadline-sweep'), 'a sweep to fail', 15_000, 250);
      expect(failed.attemptsMade).toBe(3);
      expect(failed.failedReason).toMatch(/deadline sweep failed for applications: .*ECONNREFUSED/);

      const heartbeats = () => Number(/worker_jobs_completed_total\{queue="maintenance",job="heartbeat"\} (\d+)/.exec(lonely.metrics.lines().join('\n'))?.[1] ?? 0);
      const before = heartbeats();
      await waitFor(async () => (heartbeats() > before ? true : undefined), 'the worker to go on beating', 5000);
      expect((await fetch(`${lonely.url}/health`)).status).toBe(200);
    } finally {
      await lonely.stop();
    }
  });

  it('promotes a due deadline whose job still waits out a delay reckoned by an earlier clock', async () => {
    const due = { kind: KIND, targetId: target('99'), dueAt: new Date(clock().getTime() - 60_000) };
    const id = deadlineJobId(KIND, due.targetId, due.dueAt);
    // As left by a worker whose clock was two weeks behind when it made the job.
    await queue.add('deadline', { service: 'applications', kind: KIND, targetId: due.targetId, dueAt: due.dueAt.toISOString() }, { jobId: id, delay: 14 * 24 * HOUR });
    stub.open(due);
    expect((await sweep()).applications.rerun).toBeGreaterThanOrEqual(1);
    const job = await finished(id, 'the promoted deadline to run');
    expect(job.returnvalue).toEqual({ outcome: 'DONE', detail: null });
    expect(stub.runsOf(due.targetId)).toHaveLength(1);
  });
});
