/** Queues served by apps/worker. */
export const WORKER_QUEUES = {
  maintenance: 'maintenance',
} as const;
export type WorkerQueue = (typeof WORKER_QUEUES)[keyof typeof WORKER_QUEUES];

/** Every job the worker knows, with the queue it runs on. Each must have exactly one handler. */
export const JOBS = {
  heartbeat: { name: 'heartbeat', queue: WORKER_QUEUES.maintenance },
} as const;
export type JobName = (typeof JOBS)[keyof typeof JOBS]['name'];

/**
 * Deterministic job ids: scheduling the same work twice is one job. BullMQ refuses ids with ':'
 * and treats all-digit ids as its own counters, so parts are checked and the job name leads.
 */
export function jobId(job: JobName, ...parts: Array<string | number>): string {
  for (const part of parts) {
    const text = String(part);
    if (text.length === 0 || text.includes(':')) throw new Error(`invalid job id part "${text}"`);
  }
  return [job, ...parts].join('.');
}
