import { authorize } from '@cz/auth';
import { BadUserInputError } from '@cz/errors';
import { SCHEMA } from '../config';
import type { Context } from '../context';
import type { AssessmentDeadlineKind } from '../generated/graphql';
import { cycleDueTimes, doneDeadlines, type DueDeadline, reminderOccasion } from './cycle-deadlines';
import { runReviewOverdue, runSubmissionOverdue } from './cycle-escalations';
import { openCycles } from './cycle-rows';
import type { DeadlineRun } from './deadline-run';
import { pendingRectificationDeadlines, runRectificationOverdue, runRectificationReminder } from './rectification-deadlines';
import { remindPark, runSubmissionReminder } from './submission-reminders';

/**
 * Every deadline not yet run to the end, due or not: the reminders and escalations of open cycles
 * and the deadlines of open rectifications, from the stored dates and the calendar copy. Deadlines
 * live here; the worker's jobs only wake the service at them.
 */
export async function pendingAssessmentDeadlines({ identity, dataSource }: Context): Promise<DueDeadline[]> {
  authorize(identity, 'deadline.run');
  return dataSource.transaction('REPEATABLE READ', async (manager) => {
    const cycles = await openCycles(manager);
    const rectificationIds: Array<{ id: string }> = await manager.query(`SELECT "id" FROM "${SCHEMA}"."rectification" WHERE "status" = 'OPEN'`);
    const done = await doneDeadlines(manager, [...cycles.map((cycle) => cycle.id), ...rectificationIds.map((row) => row.id)]);
    const cycleDeadlines = cycles.flatMap(cycleDueTimes).filter((deadline) => !done.has(`${deadline.targetId}|${deadline.kind}`));
    const rectificationDeadlines = await pendingRectificationDeadlines(manager, (id) => done.has(`${id}|RECTIFICATION_REMINDER`));
    return [...cycleDeadlines, ...rectificationDeadlines].sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.targetId.localeCompare(b.targetId));
  });
}

export async function runAssessmentDeadline(kind: AssessmentDeadlineKind, targetId: string, context: Context): Promise<DeadlineRun> {
  authorize(context.identity, 'deadline.run');
  switch (kind) {
    case 'SUBMISSION_REMINDER_10':
    case 'SUBMISSION_REMINDER_5':
    case 'SUBMISSION_REMINDER_1':
      return runSubmissionReminder(kind, targetId, context);
    case 'SUBMISSION_OVERDUE':
      return runSubmissionOverdue(targetId, context);
    case 'REVIEW_OVERDUE':
      return runReviewOverdue(targetId, context);
    case 'RECTIFICATION_REMINDER':
      return runRectificationReminder(targetId, context);
    case 'RECTIFICATION_OVERDUE':
      return runRectificationOverdue(targetId, context);
  }
}

/** Only the submission reminders fan out to many recipients; every other kind runs whole. */
export async function runAssessmentDeadlineFor(kind: AssessmentDeadlineKind, targetId: string, recipientId: string, context: Context): Promise<DeadlineRun> {
  authorize(context.identity, 'deadline.run');
  if (reminderOccasion(kind) === undefined) throw new BadUserInputError('kind', '该期限不逐个接收人执行', { kind });
  return remindPark(kind, targetId, recipientId, context);
}
