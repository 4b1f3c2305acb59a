import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRedisConnection } from '@cz/events';
import type { Logger } from '@cz/logging';
import { type JobName, WORKER_QUEUES, type WorkerQueue } from '@cz/queue-contracts';
import { closeServer, createClock, createHttpService, listen, withTimeout } from '@cz/runtime';
import { type JobsOptions, Queue, Worker } from 'bullmq';
import type { WorkerConfig } from './config';
import { longestGapMs } from './cron';
import { deadlineSources } from './deadlines/deadline-sources';
import { heartbeatHealth } from './heartbeat-health';
import { JobMetrics } from './job-metrics';
import { enqueueOnce, restoreMissingSchedules, schedulesFor, upsertSchedules, type WorkerQueues } from './job-schedules';
import { readLastHeartbeat } from './jobs/heartbeat.job';
import type { JobDeps, JobHandler } from './jobs/job-handler';
import { assertEveryJobHasOneHandler, dispatcherFor, JOB_HANDLERS } from './jobs/job-registry';

export interface RunningWorker {
  url: string;
  queues: WorkerQueues;
  metrics: JobMetrics;
  enqueueOnce: (job: JobName, idParts: Array<string | number>, data?: Record<string, unknown>, opts?: Omit<JobsOptions, 'jobId'>) => Promise<string>;
  stop: () => Promise<void>;
}

/** How long start-up waits for Redis before giving up, so a wrong REDIS_URL fails instead of hanging. */
const REDIS_START_TIMEOUT_MS = 10_000;
/** How often at most the worker checks that Redis still holds its schedulers. */
const SCHEDULE_CHECK_MAX_MS = 60_000;

/**
 * Starts the scheduled-jobs process: one BullMQ worker per queue, the schedulers upserted, and a
 * health server. `stop` closes workers first (letting running jobs finish), then queues, HTTP and
 * Redis. If any step of start-up fails, what was already started is closed again.
 */
export async function startWorker(config: WorkerConfig, logger: Logger, handlers: Readonly<Record<string, JobHandler>> = JOB_HANDLERS): Promise<RunningWorker> {
  assertEveryJobHasOneHandler(handlers);
  const startedAt = new Date();
  const heartbeatIntervalMs = longestGapMs(config.HEARTBEAT_PATTERN);
  const prefix = config.QUEUE_PREFIX;
  const metrics = new JobMetrics();
  const sources = deadlineSources(config);

  const redis = createRedisConnection(config.REDIS_URL);
  redis.on('error', (error) => logger.warn({ err: error.message }, 'redis connection problem'));
  const queueNames = Object.values(WORKER_QUEUES) as WorkerQueue[];
  const queues = {} as Record<WorkerQueue, Queue>;
  const workers: Worker[] = [];
  let server: Server | undefined;
  let scheduleCheck: NodeJS.Timeout | undefined;

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      clearInterval(scheduleCheck);
      await Promise.all(workers.map((worker) => worker.close()));
      await Promise.all(Object.values(queues).map((queue) => queue.close()));
      if (server) await closeServer(server);
      // QUIT would wait forever in the offline queue of a connection that never came up.
      if (redis.status === 'ready') await redis.quit();
      else redis.disconnect();
    })());

  try {
    await withTimeout(redis.ping(), REDIS_START_TIMEOUT_MS, `Redis did not answer within ${REDIS_START_TIMEOUT_MS / 1000} s (check REDIS_URL)`);
    for (const name of queueNames) queues[name] = new Queue(name, { connection: redis, prefix });
    const schedules = schedulesFor(config);
    await upsertSchedules(queues, schedules);

    const deps: JobDeps = {
      redis,
      queuePrefix: prefix,
      logger,
      heartbeatIntervalMs,
      clock: createClock(config.CLOCK_OFFSET_MS),
      queues,
      deadlineSources: sources,
      reminderSendIntervalMs: config.REMINDER_SEND_INTERVAL_MS,
      assessment: { service: 'assessment', url: config.ASSESSMENT_URL },
      signingKey: config.INTERNAL_IDENTITY_KEYS[0],
    };
    for (const name of queueNames) {
      // A job whose worker died (its lock not renewed) is found by the stalled check and run again.
      const lock = { lockDuration: config.WORKER_LOCK_DURATION_MS, stalledInterval: config.WORKER_LOCK_DURATION_MS };
      const worker = new Worker(name, dispatcherFor(name, handlers, deps), { connection: redis, prefix, concurrency: 4, ...lock });
      worker.on('error', (error) => logger.error({ err: error, queue: name }, 'worker error'));
      worker.on('failed', (job, error) => {
        metrics.record('failed', name, job?.name ?? 'unknown');
        logger.error({ err: error, queue: name, job: job?.name, jobId: job?.id, attempt: job?.attemptsMade }, 'job failed');
      });
      worker.on('completed', (job) => metrics.record('completed', name, job.name));
      workers.push(worker);
    }

    const app = createHttpService({
      service: 'worker',
      readiness: {
        redis: async () => {
          await redis.ping();
        },
        heartbeat: async () => {
          const health = heartbeatHealth(await readLastHeartbeat(redis, prefix), startedAt, new Date(), heartbeatIntervalMs);
          if (health.stale) throw new Error(`no heartbeat for over ${health.staleAfterSeconds} s (last: ${health.lastHeartbeat ?? 'never'})`);
        },
      },
      metrics: () => metrics.lines(),
    });
    // The age itself, for people and dashboards; /ready only says whether it is too old.
    app.get('/heartbeat', async (_req, res) => {
      res.json(heartbeatHealth(await readLastHeartbeat(redis, prefix), startedAt, new Date(), heartbeatIntervalMs));
    });
    server = await listen(app, config.WORKER_PORT);

    // Within a heartbeat interval, so a flushed Redis is repaired before /ready calls the worker dead.
    let checking = false;
    scheduleCheck = setInterval(() => {
      if (checking) return;
      checking = true;
      restoreMissingSchedules(queues, schedules)
        .then((missing) => {
          if (missing.length > 0) logger.warn({ schedulers: missing }, 'schedulers were missing from Redis (restarted or flushed?): restored');
        })
        .catch((error) => logger.warn({ err: (error as Error).message }, 'could not check the schedulers'))
        .finally(() => (checking = false));
    }, Math.min(heartbeatIntervalMs, SCHEDULE_CHECK_MAX_MS));
    scheduleCheck.unref();
  } catch (error) {
    await stop().catch((stopError) => logger.error({ err: stopError }, 'cleanup after a failed start failed'));
    throw error;
  }

  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  logger.info({ url, queues: queueNames, heartbeatPattern: config.HEARTBEAT_PATTERN, deadlineSweepPattern: config.DEADLINE_SWEEP_PATTERN, assessmentCyclePattern: config.ASSESSMENT_CYCLE_PATTERN, deadlineSources: sources }, 'worker ready');
  return { url, queues, metrics, enqueueOnce: (job, idParts, data, opts) => enqueueOnce(queues, job, idParts, data, opts), stop };
}
