import type { ServiceName } from './services';

/** Queues served by apps/worker. */
export const WORKER_QUEUES = {
  maintenance: 'maintenance',
  /** Deadlines kept in the services' PostgreSQL tables; jobs here only wake the services up. */
  deadlines: 'deadlines',
  /** The yearly assessment cycle (Art 18): opening it in Q1. */
  assessment: 'assessment',
} as const;
export type WorkerQueue = (typeof WORKER_QUEUES)[keyof typeof WORKER_QUEUES];

/**
 * Every job the worker knows, keyed by its name, with the queue it runs on. Each must have exactly
 * one handler.
 */
export const JOBS = {
  heartbeat: { name: 'heartbeat', queue: WORKER_QUEUES.maintenance },
  /** Recurring: asks every deadline-owning service for its open deadlines and keeps one `deadline` job per deadline. */
  'deadline-sweep': { name: 'deadline-sweep', queue: WORKER_QUEUES.deadlines },
  /** Delayed until one deadline is due; asks the owning service to run it (`runDeadline`). */
  deadline: { name: 'deadline', queue: WORKER_QUEUES.deadlines },
  /**
   * Recurring in Q1: asks the assessment service to open the cycle of the previous year when its
   * opening day (configuration; default the first working day of January) has come. Idempotent.
   */
  'assessment-cycle-open': { name: 'assessment-cycle-open', queue: WORKER_QUEUES.assessment },
} as const;
export type JobName = (typeof JOBS)[keyof typeof JOBS]['name'];

/**
 * Deterministic job ids: scheduling the same work twice is one job. BullMQ refuses ids with ':'
 * and treats all-digit ids as its own counters, so parts are checked and a name leads.
 */
export function deterministicJobId(name: string, ...parts: Array<string | number>): string {
  for (const part of [name, ...parts]) {
    const text = String(part);
    if (text.length === 0 || text.includes(':')) throw new Error(`invalid job id part "${text}"`);
  }
  return [name, ...parts].join('.');
}

/** A worker job's id: its name, then the parts that make the work unique. */
export function jobId(job: JobName, ...parts: Array<string | number>): string {
  return deterministicJobId(job, ...parts);
}

/** Queues a service serves itself (not apps/worker). */
export const SERVICE_QUEUES = {
  /** The notifications service sends e-mail from its own queue, one job per delivery. */
  notificationsEmail: 'notifications.email',
} as const;

/**
 * `deadline.<kind>.<targetId>.<dueAt epoch ms>`: the due time is part of the id, so a deadline
 * that moves gets a job of its own, and the old job finds NOT_DUE (or ALREADY_DONE) when it fires.
 */
export function deadlineJobId(kind: string, targetId: string, dueAt: Date | number): string {
  const dueAtMs = typeof dueAt === 'number' ? dueAt : dueAt.getTime();
  if (!Number.isSafeInteger(dueAtMs)) throw new Error(`invalid due time of deadline ${kind} ${targetId}`);
  return jobId(JOBS.deadline.name, kind, targetId, dueAtMs);
}

/** The data of a `deadline` job: which service owns it, and what `runDeadline` is called with. */
export interface DeadlineJobData {
  service: ServiceName;
  /** A `DeadlineKind` of the owning service's schema, e.g. PUBLICITY_CLOSE; the worker passes it through. */
  kind: string;
  targetId: string;
  /** ISO 8601, as the service reported it when the job was made. */
  dueAt: string;
}

/**
 * What `runDeadline` answers. PENDING_RECIPIENTS: a fan-out deadline (reminders) with recipients
 * still to serve, listed in `recipients`; the worker calls `runDeadlineFor` for each (each call is
 * idempotent in the service) and then `runDeadline` again, which answers DONE once none remain.
 * A worker that dies mid-fan-out leaves the job to be retried, and the retry gets only the rest.
 */
export type DeadlineOutcome = 'DONE' | 'NOT_DUE' | 'ALREADY_DONE' | 'BLOCKED' | 'PENDING_RECIPIENTS';
