import { TIME_ZONE } from '@cz/calendar';
import { JOBS, jobId, type JobName, type WorkerQueue } from '@cz/queue-contracts';
import type { JobsOptions, Queue } from 'bullmq';
import type { WorkerConfig } from './config';

export type WorkerQueues = Readonly<Record<WorkerQueue, Queue>>;

export interface Schedule {
  /** Stable scheduler id: upserting it again replaces, never duplicates. */
  id: string;
  job: JobName;
  pattern: string;
  /** Attempts of one tick; 1 when the next tick redoes a missed one soon enough. */
  attempts?: number;
}

/** Recurring work. Reminders and escalations are deadlines (the sweep keeps their jobs), not schedules. */
export function schedulesFor(config: Pick<WorkerConfig, 'HEARTBEAT_PATTERN' | 'DEADLINE_SWEEP_PATTERN' | 'ASSESSMENT_CYCLE_PATTERN'>): Schedule[] {
  return [
    { id: 'heartbeat', job: JOBS.heartbeat.name, pattern: config.HEARTBEAT_PATTERN },
    // A service restarting during a tick should not leave a lost deadline job waiting for the next one.
    { id: 'deadline-sweep', job: JOBS['deadline-sweep'].name, pattern: config.DEADLINE_SWEEP_PATTERN, attempts: 3 },
    // Daily in Q1: a tick the service is down for is retried, and the next day's tick opens it anyway.
    { id: 'assessment-cycle-open', job: JOBS['assessment-cycle-open'].name, pattern: config.ASSESSMENT_CYCLE_PATTERN, attempts: 3 },
  ];
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
        // Keep a day of history to look at; backoff stays well inside a tick of every minute.
        opts: { attempts: schedule.attempts ?? 1, backoff: { type: 'exponential', delay: 1000 }, removeOnComplete: { age: 24 * 3600, count: 1000 }, removeOnFail: { age: 7 * 24 * 3600 } },
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

/**
 * Puts back schedulers that vanished while the worker kept running (Redis restarted or flushed
 * under it): without them no sweep would ever come to recreate the deadline jobs. Returns the ids
 * it found missing.
 */
export async function restoreMissingSchedules(queues: WorkerQueues, schedules: Schedule[]): Promise<string[]> {
  const missing: string[] = [];
  for (const schedule of schedules) {
    if (!(await queues[JOBS[schedule.job].queue].getJobScheduler(schedule.id))) missing.push(schedule.id);
  }
  if (missing.length > 0) await upsertSchedules(queues, schedules);
  return missing;
}

/** Retries and retention of one-off jobs. Completed ids stay a week so a re-add within it stays one job. */
export const ONE_OFF_OPTIONS: JobsOptions = {
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
