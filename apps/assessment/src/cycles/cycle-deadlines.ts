import { SYSTEM_IDENTITY } from '@cz/auth';
import { CalendarNotCoveredError, endOfShanghaiDay, type WorkingCalendar } from '@cz/calendar';
import { recordAudit } from '@cz/db';
import { SUBMISSION_REMINDER_WORKING_DAYS, type SubmissionReminderOccasion } from '@cz/policy';
import type { EntityManager } from 'typeorm';
import { SCHEMA } from '../config';
import type { AssessmentDeadlineKind } from '../generated/graphql';

export const REMINDER_KINDS: Readonly<Record<SubmissionReminderOccasion, AssessmentDeadlineKind>> = {
  10: 'SUBMISSION_REMINDER_10',
  5: 'SUBMISSION_REMINDER_5',
  1: 'SUBMISSION_REMINDER_1',
};

export function reminderOccasion(kind: AssessmentDeadlineKind): SubmissionReminderOccasion | undefined {
  return SUBMISSION_REMINDER_WORKING_DAYS.find((days) => REMINDER_KINDS[days] === kind);
}

/** Reminders go out at the start of the office day, Beijing time. */
export function reminderTime(day: string): Date {
  return new Date(`${day}T09:00:00+08:00`);
}

/** What the deadlines of a cycle are computed from, as stored. */
export interface CycleDates {
  id: string;
  submissionDeadline: string;
  reviewDeadline: string;
  /** Working days before the submission deadline → the reminder day. */
  reminderDays: Record<string, string>;
}

export interface DueDeadline {
  kind: AssessmentDeadlineKind;
  targetId: string;
  dueAt: Date;
}

export function cycleDueTimes(cycle: CycleDates): DueDeadline[] {
  return [
    ...SUBMISSION_REMINDER_WORKING_DAYS.map((days) => ({ kind: REMINDER_KINDS[days], targetId: cycle.id, dueAt: reminderTime(cycle.reminderDays[String(days)]) })),
    { kind: 'SUBMISSION_OVERDUE', targetId: cycle.id, dueAt: endOfShanghaiDay(cycle.submissionDeadline) },
    { kind: 'REVIEW_OVERDUE', targetId: cycle.id, dueAt: endOfShanghaiDay(cycle.reviewDeadline) },
  ];
}

export interface RectificationDates {
  id: string;
  orderedOn: string;
  deadline: string;
}

/**
 * The day a park is reminded of its rectification deadline, from the calendar as it stands now (so
 * a corrected calendar moves it without anything stored); undefined when the calendar does not
 * cover it, or when it would fall on or before the order day (the order itself says the deadline).
 */
export function rectificationReminderDay(calendar: WorkingCalendar, rectification: RectificationDates, workingDaysBefore: number): string | undefined {
  try {
    const day = calendar.subtractWorkingDays(rectification.deadline, workingDaysBefore);
    return day > rectification.orderedOn ? day : undefined;
  } catch (error) {
    if (error instanceof CalendarNotCoveredError) return undefined;
    throw error;
  }
}

/** The kinds of these targets that have run to the end, as `<targetId>|<kind>`. */
export async function doneDeadlines(manager: EntityManager, targetIds: readonly string[]): Promise<Set<string>> {
  if (targetIds.length === 0) return new Set();
  const rows: Array<{ target_id: string; kind: string }> = await manager.query(`SELECT "target_id", "kind" FROM "${SCHEMA}"."deadline_done" WHERE "target_id" = ANY($1::uuid[])`, [targetIds]);
  return new Set(rows.map((row) => `${row.target_id}|${row.kind}`));
}

export async function isDone(manager: EntityManager, kind: AssessmentDeadlineKind, targetId: string): Promise<boolean> {
  return (await doneDeadlines(manager, [targetId])).has(`${targetId}|${kind}`);
}

/**
 * Marks a deadline as run, in the run's transaction, with its audit row (the scheduler's change).
 * A concurrent run of the same deadline waits on the key and then finds it taken: false, and that
 * run must change nothing.
 */
export async function claimDone(manager: EntityManager, kind: AssessmentDeadlineKind, targetId: string, detail: string, requestId?: string): Promise<boolean> {
  const rows: unknown[] = await manager.query(
    `INSERT INTO "${SCHEMA}"."deadline_done" ("target_id", "kind", "detail") VALUES ($1, $2, $3) ON CONFLICT ("target_id", "kind") DO NOTHING RETURNING "kind"`,
    [targetId, kind, detail.slice(0, 500)],
  );
  if (rows.length === 0) return false;
  await recordAudit(manager, SCHEMA, SYSTEM_IDENTITY, { operation: 'assessment.deadline.done', targetType: 'AssessmentDeadline', targetId, changes: { kind, detail }, requestId });
  return true;
}
