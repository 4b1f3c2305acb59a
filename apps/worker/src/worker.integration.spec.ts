import { createLogger } from '@cz/logging';
import { deleteQueueKeys, TEST_REDIS_URL, testQueuePrefix, waitFor } from '@cz/testing';
import type { Job } from 'bullmq';
import IORedis from 'ioredis';
import { readConfig, type WorkerConfig } from './config';
import { heartbeatJob, heartbeatKey } from './jobs/heartbeat.job';
import type { JobHandler } from './jobs/job-handler';
import { JOB_HANDLERS } from './jobs/job-registry';
import { type RunningWorker, startWorker } from './worker-runtime';

const logger = createLogger('worker-test', 'silent');
const prefixes: string[] = [];

function testConfig(label: string): WorkerConfig {
  const prefix = testQueuePrefix(label);
  prefixes.push(prefix);
  // No deadline sweep during these tests (src/deadlines tests it): a failed tick would count in the metrics asserted here.
  return { ...readConfig({ REDIS_URL: TEST_REDIS_URL, QUEUE_PREFIX: prefix, HEARTBEAT_PATTERN: '*/1 * * * * *', DEADLINE_SWEEP_PATTERN: '0 0 1 1 *', ASSESSMENT_CYCLE_PATTERN: '0 0 1 1 *' }), WORKER_PORT: 0 };
}

const getJson = async (url: string) => {
  const response = await fetch(url);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

describe('worker runtime (real Redis)', () => {
  const redis = new IORedis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
  const config = testConfig('worker');
  const runs: string[] = [];
  // The real handler, counting its runs so a test can see how often a job id was processed.
  const countingHandlers: Record<string, JobHandler> = {
    ...JOB_HANDLERS,
    heartbeat: async (job: Job, deps) => {
      runs.push(String(job.id));
      return heartbeatJob(job, deps);
    },
  };
  let worker: RunningWorker | undefined;

  afterEach(async () => {
    await worker?.stop();
    worker = undefined;
  });
  afterAll(async () => {
    redis.disconnect();
    for (const prefix of prefixes) await deleteQueueKeys(prefix);
  });

  it('runs the heartbeat on its schedule and reports ready', async () => {
    worker = await startWorker(config, logger);
    const beat = await waitFor(async () => (await redis.get(heartbeatKey(config.QUEUE_PREFIX))) ?? undefined, 'the first heartbeat', 5000);
    expect(Number.isNaN(Date.parse(beat))).toBe(false);
    expect(await redis.ttl(heartbeatKey(config.QUEUE_PREFIX))).toBeGreaterThan(0);

    const ready = await getJson(`${worker.url}/ready`);
    expect(ready).toMatchObject({ status: 200, body: { checks: { redis: 'ok', heartbeat: 'ok' } } });
    expect((await getJson(`${worker.url}/heartbeat`)).body).toMatchObject({ stale: false, staleAfterSeconds: 3 });
    const metrics = await (await fetch(`${worker.url}/metrics`)).text();
    expect(metrics).toMatch(/worker_jobs_completed_total\{queue="maintenance",job="heartbeat"\} [1-9]/);
  });

  it('upserts its schedulers on every start instead of adding more', async () => {
    worker = await startWorker(config, logger);
    await worker.stop();
    worker = await startWorker(config, logger);
    const schedulers = await worker.queues.maintenance.getJobSchedulers();
    expect(schedulers).toHaveLength(1);
    expect(schedulers[0]).toMatchObject({ key: 'heartbeat', pattern: '*/1 * * * * *', tz: 'Asia/Shanghai' });
    const deadlineSchedulers = await worker.queues.deadlines.getJobSchedulers();
    expect(deadlineSchedulers).toHaveLength(1);
    expect(deadlineSchedulers[0]).toMatchObject({ key: 'deadline-sweep', pattern: '0 0 1 1 *', tz: 'Asia/Shanghai' });
    const assessmentSchedulers = await worker.queues.assessment.getJobSchedulers();
    expect(assessmentSchedulers).toHaveLength(1);
    expect(assessmentSchedulers[0]).toMatchObject({ key: 'assessment-cycle-open', pattern: '0 0 1 1 *', tz: 'Asia/Shanghai' });
  });

  it('stores and runs a one-off job once, however often it is added under its id', async () => {
    worker = await startWorker(config, logger, countingHandlers);
    const first = await worker.enqueueOnce('heartbeat', ['manual', 2026], { attempt: 1 });
    const second = await worker.enqueueOnce('heartbeat', ['manual', 2026], { attempt: 2 });
    expect(second).toBe(first);
    expect(first).toBe('heartbeat.manual.2026');
    const queue = worker.queues.maintenance;
    await waitFor(async () => ((await queue.getJob(first))?.finishedOn ? true : undefined), 'the one-off job to finish');
    expect((await queue.getJob(first))?.data).toEqual({ attempt: 1 });
    // Re-adding a finished id within its retention is still the same job.
    await worker.enqueueOnce('heartbeat', ['manual', 2026], { attempt: 3 });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(runs.filter((id) => id === first)).toHaveLength(1);
  });

  it('fails a job whose name has no handler, loudly', async () => {
    worker = await startWorker(config, logger);
    const job = await worker.queues.maintenance.add('close-publicity', {}, { jobId: 'unknown-name-1' });
    const failed = await waitFor(async () => ((await job.isFailed()) ? worker!.queues.maintenance.getJob(String(job.id)) : undefined), 'the unknown job to fail');
    expect(failed?.failedReason).toMatch(/no handler for job "close-publicity"/);
    expect(worker.metrics.total('failed')).toBe(1);
  });

  it('turns unready when the scheduler has been silent for three intervals', async () => {
    const silent = testConfig('silent');
    worker = await startWorker(silent, logger, { ...JOB_HANDLERS, heartbeat: async () => 'ticked, but recorded nothing' });
    expect((await getJson(`${worker.url}/ready`)).status).toBe(200);
    const url = worker.url;
    const unready = await waitFor(async () => {
      const ready = await getJson(`${url}/ready`);
      return ready.status === 503 ? ready.body : undefined;
    }, 'readiness to fail', 8000, 250);
    expect(unready).toMatchObject({ checks: { redis: 'ok', heartbeat: expect.stringMatching(/no heartbeat for over 3 s/) } });
  });
});
