import type { DeadlineJobData } from '@cz/queue-contracts';
import { UnrecoverableError } from 'bullmq';
import type { JobHandler } from '../jobs/job-handler';
import { callDeadlineSource } from './deadline-sources';

const RUN_DEADLINE = 'mutation($kind: DeadlineKind!, $targetId: ID!) { runDeadline(kind: $kind, targetId: $targetId) { outcome detail } }';

export interface DeadlineRun {
  outcome: 'DONE' | 'NOT_DUE' | 'ALREADY_DONE' | 'BLOCKED';
  detail: string | null;
}

/**
 * Wakes the owning service at a deadline; the service decides, from its own tables and clock,
 * whether there is anything to do. Every outcome it reports is an answer, not a failure: NOT_DUE
 * means the deadline moved (the sweep keeps a job for the new time), BLOCKED that something (an
 * open objection) holds it. Only an error response or no answer throws, so BullMQ retries.
 */
export const deadlineJob: JobHandler = async (job, { deadlineSources, signingKey, logger }) => {
  const data = job.data as DeadlineJobData;
  const source = deadlineSources.find((candidate) => candidate.service === data.service);
  // Retrying cannot make an unknown service appear: a producer's bug, failed at once.
  if (!source) throw new UnrecoverableError(`deadline job ${job.id} names service "${data.service}", which owns no deadlines here`);
  const { runDeadline } = await callDeadlineSource<{ runDeadline: DeadlineRun }>(source, signingKey, RUN_DEADLINE, { kind: data.kind, targetId: data.targetId });
  const level = runDeadline.outcome === 'BLOCKED' ? 'warn' : 'info';
  logger[level]({ jobId: job.id, service: data.service, kind: data.kind, targetId: data.targetId, dueAt: data.dueAt, outcome: runDeadline.outcome, detail: runDeadline.detail }, `deadline ${data.kind} ${data.targetId}: ${runDeadline.outcome}`);
  return runDeadline;
};
