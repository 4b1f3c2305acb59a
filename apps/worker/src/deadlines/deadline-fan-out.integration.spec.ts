import { SYSTEM_IDENTITY } from '@cz/auth';
import { LOCAL_DEFAULTS } from '@cz/config';
import { deadlineJobId } from '@cz/queue-contracts';
import { createClock } from '@cz/runtime';
import { createLogger } from '@cz/logging';
import { deleteQueueKeys, TEST_REDIS_URL, testQueuePrefix, waitFor } from '@cz/testing';
import type { Job, Queue } from 'bullmq';
import { readConfig } from '../config';
import { type RunningWorker, startWorker } from '../worker-runtime';
import { APPLICATIONS_OPERATIONS, ASSESSMENT_OPERATIONS, StubDeadlineService } from './deadline-service.stub';
import type { SourceSweep } from './deadline-sweep.job';

jest.setTimeout(30_000);

const KIND = 'SUBMISSION_REMINDER_5';
const INTERVAL_MS = 100;
const clock = createClock(0);
const target = (name: string) => `3c1f4b2a-7d6e-4f0a-8b9c-${name.padStart(12, '0')}`;
const park = (n: number) => `0b6f1d2e-5a4c-4c1e-9a51-${String(n).padStart(12, '0')}`;

describe('deadline fan-out (PENDING_RECIPIENTS; real Redis, stub services over HTTP)', () => {
  const prefix = testQueuePrefix('fan-out');
  let applications: StubDeadlineService;
  let assessment: StubDeadlineService;
  let worker: RunningWorker;
  let queue: Queue;
  let sweeps = 0;

  async function sweep(): Promise<Record<string, SourceSweep>> {
    sweeps += 1;
    const id = await worker.enqueueOnce('deadline-sweep', ['manual', sweeps], {}, { attempts: 1 });
    const job = await waitFor(async () => ((await queue.getJob(id))?.finishedOn ? queue.getJob(id) : undefined), `sweep ${sweeps} to finish`);
    if (job?.failedReason) throw new Error(job.failedReason);
    return job?.returnvalue as Record<string, SourceSweep>;
  }

  const completed = (id: string, what: string, timeoutMs?: number): Promise<Job> =>
    waitFor(async () => {
      const job = await queue.getJob(id);
      return job?.finishedOn && (await job.isCompleted()) ? job : undefined;
    }, what, timeoutMs);

  beforeAll(async () => {
    applications = await StubDeadlineService.start([LOCAL_DEFAULTS.internalIdentityKey], clock, APPLICATIONS_OPERATIONS);
    assessment = await StubDeadlineService.start([LOCAL_DEFAULTS.internalIdentityKey], clock, ASSESSMENT_OPERATIONS);
    const config = readConfig({
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: prefix,
      DEADLINE_SWEEP_PATTERN: '0 0 1 1 *',
      ASSESSMENT_CYCLE_PATTERN: '0 0 1 1 *',
      APPLICATIONS_URL: applications.url,
      ASSESSMENT_URL: assessment.url,
      REMINDER_SEND_INTERVAL_MS: String(INTERVAL_MS),
    });
    worker = await startWorker({ ...config, WORKER_PORT: 0 }, createLogger('worker-test', 'silent'));
    queue = worker.queues.deadlines;
  });
  afterAll(async () => {
    await worker?.stop();
    await applications?.stop();
    await assessment?.stop();
    await deleteQueueKeys(prefix);
  });
  afterEach(() => {
    for (const service of [applications, assessment]) {
      expect(service.rejected).toEqual([]);
      for (const call of service.calls) expect(call.identity).toEqual(SYSTEM_IDENTITY);
    }
  });

  it('serves every recipient once, paced, then asks again and finishes DONE', async () => {
    const reminder = { kind: KIND, targetId: target('a'), dueAt: new Date(clock().getTime() - 1000), recipients: [park(1), park(2), park(3), park(4)] };
    assessment.open(reminder);
    expect(await sweep()).toEqual({ applications: { found: 0, created: 0, rerun: 0 }, assessment: { found: 1, created: 1, rerun: 0 } });

    const job = await completed(deadlineJobId(KIND, reminder.targetId, reminder.dueAt), 'the reminder fan-out to finish');
    expect(job.data).toMatchObject({ service: 'assessment', kind: KIND, targetId: reminder.targetId });
    expect(job.returnvalue).toEqual({ outcome: 'DONE', detail: null, served: 4 });
    expect(assessment.served).toEqual(reminder.recipients.map((recipient) => `${reminder.targetId}/${recipient}`));

    // run → PENDING_RECIPIENTS, one run-for per recipient with the kind and target, run → DONE.
    const calls = assessment.calls.filter((call) => call.variables.targetId === reminder.targetId);
    expect(calls.map((call) => call.operation)).toEqual(['runAssessmentDeadline', ...reminder.recipients.map(() => 'runAssessmentDeadlineFor'), 'runAssessmentDeadline']);
    expect(assessment.runsForOf(reminder.targetId).map((call) => call.variables)).toEqual(reminder.recipients.map((recipientId) => ({ kind: KIND, targetId: reminder.targetId, recipientId })));
    const times = assessment.calls.flatMap((call, index) => (call.operation === 'runAssessmentDeadlineFor' && call.variables.targetId === reminder.targetId ? [assessment.callTimes[index]] : []));
    expect(times[times.length - 1] - times[0]).toBeGreaterThanOrEqual(3 * INTERVAL_MS - 10);
  });

  it('after a failure mid-fan-out, the retry serves only the recipients not yet served', async () => {
    const reminder = { kind: KIND, targetId: target('b'), dueAt: new Date(clock().getTime() - 1000), recipients: [park(1), park(2), park(3)] };
    assessment.open(reminder);
    assessment.failNextFor.add(park(2));
    expect((await sweep()).assessment).toEqual({ found: 1, created: 1, rerun: 0 });

    // The first retry comes after the 5 s backoff.
    const job = await completed(deadlineJobId(KIND, reminder.targetId, reminder.dueAt), 'the retried fan-out to finish', 15_000);
    expect(job.attemptsMade).toBe(2);
    expect(job.returnvalue).toMatchObject({ outcome: 'DONE', served: 2 });
    expect(assessment.served.filter((entry) => entry.startsWith(reminder.targetId)).sort()).toEqual(reminder.recipients.map((recipient) => `${reminder.targetId}/${recipient}`).sort());
    // park 1 served in the first attempt is not asked again; park 2 failed once and was asked twice.
    const asked = assessment.runsForOf(reminder.targetId).map((call) => call.variables.recipientId);
    expect(asked).toEqual([park(1), park(2), park(2), park(3)]);
  });

  it('a second run of a finished fan-out finds ALREADY_DONE and serves nobody', async () => {
    const reminder = { kind: KIND, targetId: target('a'), dueAt: new Date(clock().getTime() - 1000) };
    const before = assessment.served.length;
    const id = await worker.enqueueOnce('deadline', ['again', reminder.targetId], { service: 'assessment', kind: KIND, targetId: reminder.targetId, dueAt: reminder.dueAt.toISOString() });
    expect((await completed(id, 'the repeated run')).returnvalue).toEqual({ outcome: 'ALREADY_DONE', detail: null });
    expect(assessment.served).toHaveLength(before);
  });
});
