import { SYSTEM_IDENTITY } from '@cz/auth';
import { LOCAL_DEFAULTS } from '@cz/config';
import { createLogger } from '@cz/logging';
import { createClock } from '@cz/runtime';
import { deleteQueueKeys, TEST_REDIS_URL, testQueuePrefix, waitFor } from '@cz/testing';
import { readConfig } from '../config';
import { ASSESSMENT_OPERATIONS, StubDeadlineService } from '../deadlines/deadline-service.stub';
import { type RunningWorker, startWorker } from '../worker-runtime';

jest.setTimeout(30_000);

describe('assessment cycle opening (scheduler through real Redis, a stub assessment service over HTTP)', () => {
  const prefix = testQueuePrefix('cycle-open');
  let assessment: StubDeadlineService;
  let worker: RunningWorker | undefined;

  beforeAll(async () => {
    assessment = await StubDeadlineService.start([LOCAL_DEFAULTS.internalIdentityKey], createClock(0), ASSESSMENT_OPERATIONS);
  });
  afterAll(async () => {
    await worker?.stop();
    await assessment?.stop();
    await deleteQueueKeys(prefix);
  });

  it('defaults to 01:00 every day of January to March, Beijing time', () => {
    expect(readConfig({}).ASSESSMENT_CYCLE_PATTERN).toBe('0 1 * 1-3 *');
  });

  it('asks the assessment service as SYSTEM on every tick of its schedule and keeps what it answered', async () => {
    const cycle = { id: '5d2c6e1a-0b3f-4c8d-9e7a-000000002025', year: 2025 };
    assessment.cycleOpening = { outcome: 'OPENED', detail: '2025 年度考核已开启', cycle };
    const config = readConfig({ REDIS_URL: TEST_REDIS_URL, QUEUE_PREFIX: prefix, DEADLINE_SWEEP_PATTERN: '0 0 1 1 *', ASSESSMENT_CYCLE_PATTERN: '*/1 * * * * *', ASSESSMENT_URL: assessment.url });
    worker = await startWorker({ ...config, WORKER_PORT: 0 }, createLogger('worker-test', 'silent'));
    const queue = worker.queues.assessment;
    expect(await queue.getJobScheduler('assessment-cycle-open')).toMatchObject({ pattern: '*/1 * * * * *', tz: 'Asia/Shanghai' });

    const done = await waitFor(async () => (await queue.getCompleted()).find((job) => job.name === 'assessment-cycle-open'), 'a cycle-open tick to complete', 10_000, 100);
    expect(done.returnvalue).toEqual({ outcome: 'OPENED', detail: '2025 年度考核已开启', cycle });

    // Later ticks ask again; the service answers ALREADY_OPEN and nothing else happens.
    assessment.cycleOpening = { outcome: 'ALREADY_OPEN', detail: null, cycle };
    await waitFor(async () => ((await queue.getCompleted()).some((job) => job.returnvalue?.outcome === 'ALREADY_OPEN') ? true : undefined), 'a later tick', 10_000, 100);
    const calls = assessment.calls.filter((call) => call.operation === 'openDueAssessmentCycle');
    expect(calls.length).toBeGreaterThanOrEqual(2);
    for (const call of calls) expect(call.identity).toEqual(SYSTEM_IDENTITY);
    expect(assessment.rejected).toEqual([]);
  });
});
