import { JOBS, type JobName } from '@cz/queue-contracts';
import type { Job } from 'bullmq';
import { assessmentCycleOpenJob } from '../assessment/assessment-cycle-open.job';
import { deadlineJob } from '../deadlines/deadline.job';
import { deadlineSweepJob } from '../deadlines/deadline-sweep.job';
import { heartbeatJob } from './heartbeat.job';
import type { JobDeps, JobHandler } from './job-handler';

/** Every job name in JOBS, each with its one handler. The type makes a missing entry a compile error. */
export const JOB_HANDLERS: { readonly [N in JobName]: JobHandler } = {
  heartbeat: heartbeatJob,
  'deadline-sweep': deadlineSweepJob,
  deadline: deadlineJob,
  'assessment-cycle-open': assessmentCycleOpenJob,
};

/**
 * Checked at start-up too, because handler maps can be built at run time (tests, plug-ins): the
 * worker refuses to start rather than leave a job that nobody runs, or run one nobody enqueues.
 */
export function assertEveryJobHasOneHandler(handlers: Readonly<Record<string, JobHandler | undefined>>): void {
  const known = new Set<string>(Object.keys(JOBS));
  const missing = [...known].filter((name) => typeof handlers[name] !== 'function');
  const unknown = Object.keys(handlers).filter((name) => !known.has(name));
  const problems = [
    ...(missing.length > 0 ? [`jobs without a handler: ${missing.join(', ')}`] : []),
    ...(unknown.length > 0 ? [`handlers for unknown jobs: ${unknown.join(', ')}`] : []),
  ];
  if (problems.length > 0) throw new Error(`job registry is inconsistent: ${problems.join('; ')}`);
}

/**
 * The processor of one queue. A job whose name is unknown, or that sits on another job's queue,
 * fails loudly: it is a producer's bug, and silently completing it would hide lost work.
 */
export function dispatcherFor(queue: string, handlers: Readonly<Record<string, JobHandler>>, deps: JobDeps) {
  return async (job: Job): Promise<unknown> => {
    const contract = (JOBS as Record<string, { queue: string } | undefined>)[job.name];
    const handler = Object.hasOwn(handlers, job.name) ? handlers[job.name] : undefined;
    if (!contract || !handler) throw new Error(`no handler for job "${job.name}" (id ${job.id}) on queue "${queue}"`);
    if (contract.queue !== queue) throw new Error(`job "${job.name}" (id ${job.id}) belongs on queue "${contract.queue}", not "${queue}"`);
    return handler(job, deps);
  };
}
