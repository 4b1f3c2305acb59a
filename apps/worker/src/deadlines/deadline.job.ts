import type { DeadlineJobData } from '@cz/queue-contracts';
import { UnrecoverableError } from 'bullmq';
import type { JobDeps, JobHandler } from '../jobs/job-handler';
import { type DeadlineRun, type DeadlineSource, runDeadlineAt, runDeadlineFor } from './deadline-sources';

/**
 * Rounds of "serve the recipients, ask again" one attempt makes. A service keeps answering
 * PENDING_RECIPIENTS only while recipients appear faster than they are served (parks recognised
 * mid-run); the attempt then fails and BullMQ retries it later.
 */
const MAX_FAN_OUT_ROUNDS = 5;

/**
 * Wakes the owning service at a deadline; the service decides, from its own tables and clock,
 * whether there is anything to do. Every outcome it reports is an answer, not a failure: NOT_DUE
 * means the deadline moved (the sweep keeps a job for the new time), BLOCKED that something (an
 * open objection) holds it. Only an error response or no answer throws, so BullMQ retries.
 *
 * PENDING_RECIPIENTS (reminders to many parks): the job serves each listed recipient with its own
 * call, which the service makes idempotent, then asks again until the service answers DONE. A
 * worker that dies in the middle leaves the job to stall and be taken over; the service then lists
 * only the recipients not yet served, so each is served once.
 */
export const deadlineJob: JobHandler = async (job, deps) => {
  const data = job.data as DeadlineJobData;
  const source = deps.deadlineSources.find((candidate) => candidate.service === data.service);
  // Retrying cannot make an unknown service appear: a producer's bug, failed at once.
  if (!source) throw new UnrecoverableError(`deadline job ${job.id} names service "${data.service}", which owns no deadlines here`);

  let run = await runDeadlineAt(source, deps.signingKey, data.kind, data.targetId);
  let served = 0;
  for (let round = 1; run.outcome === 'PENDING_RECIPIENTS'; round += 1) {
    if (!source.operations.runFor) throw new UnrecoverableError(`${source.service} answered PENDING_RECIPIENTS for ${data.kind} ${data.targetId} but serves no recipients`);
    if (round > MAX_FAN_OUT_ROUNDS) throw new Error(`${data.kind} ${data.targetId}: recipients still pending after ${MAX_FAN_OUT_ROUNDS} rounds`);
    served += await serveRecipients(source, data, run.recipients ?? [], deps, served > 0);
    run = await runDeadlineAt(source, deps.signingKey, data.kind, data.targetId);
  }

  const level = run.outcome === 'BLOCKED' ? 'warn' : 'info';
  deps.logger[level]({ jobId: job.id, service: data.service, kind: data.kind, targetId: data.targetId, dueAt: data.dueAt, outcome: run.outcome, detail: run.detail, served }, `deadline ${data.kind} ${data.targetId}: ${run.outcome}`);
  return served > 0 ? { outcome: run.outcome, detail: run.detail, served } : { outcome: run.outcome, detail: run.detail };
};

/** One call per recipient, paced by REMINDER_SEND_INTERVAL_MS; returns how many the service served now. */
async function serveRecipients(source: DeadlineSource, data: DeadlineJobData, recipients: readonly string[], deps: JobDeps, pauseFirst: boolean): Promise<number> {
  let served = 0;
  for (const [index, recipientId] of recipients.entries()) {
    if ((index > 0 || pauseFirst) && deps.reminderSendIntervalMs > 0) await new Promise((resolve) => setTimeout(resolve, deps.reminderSendIntervalMs));
    const result: DeadlineRun = await runDeadlineFor(source, deps.signingKey, data.kind, data.targetId, recipientId);
    if (result.outcome === 'DONE') served += 1;
    deps.logger.debug({ service: data.service, kind: data.kind, targetId: data.targetId, recipientId, outcome: result.outcome }, 'deadline recipient served');
  }
  return served;
}
