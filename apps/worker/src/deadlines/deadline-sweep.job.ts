import { type DeadlineJobData, deadlineJobId, JOBS } from '@cz/queue-contracts';
import type { JobsOptions } from 'bullmq';
import { ONE_OFF_OPTIONS } from '../job-schedules';
import type { JobDeps, JobHandler } from '../jobs/job-handler';
import { type DeadlineSource, type PendingDeadline, pendingDeadlinesOf } from './deadline-sources';

/**
 * Ten attempts with exponential backoff from 5 s span about 40 minutes of a service being down;
 * after that the job stays failed and the sweep runs it again while the deadline is still open.
 */
const DEADLINE_JOB_OPTIONS: JobsOptions = { ...ONE_OFF_OPTIONS, attempts: 10 };

/** What the sweep did with one deadline. */
type Kept = 'created' | 'scheduled' | 'rerun';

export interface SourceSweep {
  found: number;
  created: number;
  rerun: number;
}

/**
 * Keeps exactly one job per open deadline. Deadlines live in the services' PostgreSQL tables and
 * Redis keeps nothing on disk, so this sweep is also how deadline jobs come back after Redis lost
 * them. A deadline that is due yet still open although its job has finished (it found BLOCKED by
 * an objection since resolved, or NOT_DUE by a clock a little behind, or gave up while the
 * service was down) is run again: the service's `runDeadline` does nothing twice.
 */
export const deadlineSweepJob: JobHandler = async (_job, deps) => {
  const results: Record<string, SourceSweep> = {};
  const failures: string[] = [];
  for (const source of deps.deadlineSources) {
    try {
      results[source.service] = await sweepSource(source, deps);
      deps.logger.info({ service: source.service, ...results[source.service] }, `deadline sweep: ${results[source.service].created} new deadline job(s)`);
    } catch (error) {
      failures.push(`${source.service}: ${(error as Error).message}`);
      deps.logger.error({ err: error, service: source.service }, 'deadline sweep could not read the open deadlines');
    }
  }
  // The other sources were still swept; failing the job makes BullMQ retry it and shows up in metrics.
  if (failures.length > 0) throw new Error(`deadline sweep failed for ${failures.join('; ')}`);
  return results;
};

async function sweepSource(source: DeadlineSource, deps: JobDeps): Promise<SourceSweep> {
  const pendingDeadlines = await pendingDeadlinesOf(source, deps.signingKey);
  const counts: SourceSweep = { found: pendingDeadlines.length, created: 0, rerun: 0 };
  const problems: string[] = [];
  for (const deadline of pendingDeadlines) {
    try {
      const kept = await keepDeadlineJob(source, deadline, deps);
      if (kept !== 'scheduled') counts[kept] += 1;
    } catch (error) {
      problems.push(`${deadline.kind} ${deadline.targetId}: ${(error as Error).message}`);
    }
  }
  if (problems.length > 0) throw new Error(`${problems.length} deadline(s) not scheduled (${problems.join('; ')}); ${counts.created} created`);
  return counts;
}

async function keepDeadlineJob(source: DeadlineSource, deadline: PendingDeadline, deps: JobDeps): Promise<Kept> {
  const dueAt = new Date(deadline.dueAt);
  const id = deadlineJobId(deadline.kind, deadline.targetId, dueAt);
  const queue = deps.queues[JOBS.deadline.queue];
  const now = deps.clock().getTime();
  const state = await queue.getJobState(id);
  if (state === 'unknown') {
    const data: DeadlineJobData = { service: source.service, kind: deadline.kind, targetId: deadline.targetId, dueAt: dueAt.toISOString() };
    // Adding an id that appeared meanwhile (a concurrent sweep) stores nothing: still one job.
    await queue.add(JOBS.deadline.name, data, { ...DEADLINE_JOB_OPTIONS, jobId: id, delay: Math.max(0, dueAt.getTime() - now) });
    return 'created';
  }
  if ((state === 'completed' || state === 'failed') && dueAt.getTime() <= now) {
    const job = await queue.getJob(id);
    await job?.retry(state, { resetAttemptsMade: true, resetAttemptsStarted: true });
    deps.logger.info({ jobId: id, previously: state }, 'deadline still open after its job finished: running it again');
    return 'rerun';
  }
  if (state === 'delayed' && dueAt.getTime() <= now) {
    // Its delay was reckoned against an earlier notion of now (the clock was corrected, or shifted
    // for a demo): the deadline is due, so waiting out the old delay would be late. A job in a
    // retry backoff has attempts behind it and keeps its backoff.
    const job = await queue.getJob(id);
    if (job && job.attemptsMade === 0) {
      await job.promote();
      deps.logger.info({ jobId: id }, 'deadline due while its job still waited: promoted');
      return 'rerun';
    }
  }
  return 'scheduled';
}
