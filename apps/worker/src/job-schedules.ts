import { TIME_ZONE } from '@cz/calendar';
import { JOBS, jobId, type JobName, type WorkerQueue } from '@cz/queue-contracts';
import type { JobsOptions, Queue } from 'bullmq';
import type { WorkerConfig } from './config';

export type WorkerQueues = Readonly<Record<WorkerQueue, Queue>>;

interface Schedule {
  /** Stable scheduler id: upserting it again replaces, never duplicates. */
  id: string;
  job: JobName;
  pattern: string;
}

/** Recurring work. Later schedules (publicity deadlines, assessment cycles, reminders) go here. */
export function schedulesFor(config: Pick<WorkerConfig, 'HEARTBEAT_PATTERN'>): Schedule[] {
  return [{ id: 'heartbeat', job: JOBS.heartbeat.name, pattern: config.HEARTBEAT_PATTERN }];
}

/**
 * Upserts every schedule, and removes schedulers the code no longer declares, so Redis holds what
 * this code says. It runs at every start: Redis here keeps nothing on disk, so a restarted Redis
 * has forgotten every scheduler.
 */
export async function upsertSchedules(queues: WorkerQueues, schedules: Schedule[]): Promise<void> {
  for (const schedule of schedules) {
    await queues[JOBS[schedule.job].queue].upsertJobScheduler(
      schedule.id,
      { pattern: schedule.pattern, tz: TIME_ZONE },
      {
        name: schedule.job,
        data: {},
        // A missed tick is redone by the next one, so no retries; keep a day of history to look at.
        opts: { attempts: 1, removeOnComplete: { age: 24 * 3600, count: 1000 }, removeOnFail: { age: 7 * 24 * 3600 } },
      },
    );
  }
  for (const queue of Object.values(queues)) {
    const declared = new Set(schedules.filter((schedule) => JOBS[schedule.job].queue === queue.name).map((schedule) => schedule.id));
    for (const scheduler of await queue.getJobSchedulers()) {
      if (scheduler.key && !declared.has(scheduler.key)) await queue.removeJobScheduler(scheduler.key);
    }
  }
}

/** Retries and retention of one-off jobs. Completed ids stay a week so a re-add within it stays one job. */
const ONE_OFF_OPTIONS: JobsOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 5000 },
  removeOnComplete: { age: 7 * 24 * 3600 },
  removeOnFail: false,
};

/**
 * Enqueues a one-off job on its own queue under the deterministic id `jobId(job, ...idParts)`.
 * Adding it again stores nothing new (and the Job BullMQ returns then shows the new data, not the
 * stored one: do not read it back from there).
 */
export async function enqueueOnce(queues: WorkerQueues, job: JobName, idParts: Array<string | number>, data: Record<string, unknown> = {}, opts: Omit<JobsOptions, 'jobId'> = {}): Promise<string> {
  const id = jobId(job, ...idParts);
  await queues[JOBS[job].queue].add(job, data, { ...ONE_OFF_OPTIONS, ...opts, jobId: id });
  return id;
}
