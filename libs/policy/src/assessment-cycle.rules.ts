import type { WorkingCalendar } from '@cz/calendar';
import { BadUserInputError } from '@cz/errors';

/** Reminders to parks that have not submitted: this many working days before the deadline (issue 5). */
export const SUBMISSION_REMINDER_WORKING_DAYS = [10, 5, 1] as const;
export type SubmissionReminderOccasion = (typeof SUBMISSION_REMINDER_WORKING_DAYS)[number];

/** When in the year the cycle opens: the first working day of January, or a fixed MM-DD. */
export type CycleOpeningRule = { kind: 'FIRST_WORKING_DAY' } | { kind: 'FIXED'; monthDay: string };

const MONTH_DAY = /^(0[1-3])-(0[1-9]|[12]\d|3[01])$/;

/** Reads ASSESSMENT_CYCLE_OPENS_ON: `first-working-day` or a Q1 day such as `02-15` (Art 18: 第一季度). */
export function parseCycleOpeningRule(text: string): CycleOpeningRule {
  const value = text.trim();
  if (value === 'first-working-day') return { kind: 'FIRST_WORKING_DAY' };
  // Checked against a common year: 02-29 would make the cycle of three years in four unopenable.
  if (MONTH_DAY.test(value) && !Number.isNaN(Date.parse(`2025-${value}T00:00:00Z`)) && new Date(`2025-${value}T00:00:00Z`).toISOString().startsWith(`2025-${value}`)) {
    return { kind: 'FIXED', monthDay: value };
  }
  throw new BadUserInputError('ASSESSMENT_CYCLE_OPENS_ON', '须为 first-working-day 或第一季度内的日期 MM-DD（如 01-15）', { value: text });
}

/**
 * The day the cycle assessing `assessedYear` opens, in the following year. A fixed day that is
 * not a working day moves to the next working day, so a cycle never opens on a holiday.
 */
export function cycleOpeningDay(calendar: WorkingCalendar, assessedYear: number, rule: CycleOpeningRule): string {
  const year = assessedYear + 1;
  const start = rule.kind === 'FIRST_WORKING_DAY' ? `${year}-01-01` : `${year}-${rule.monthDay}`;
  if (calendar.isWorkingDay(start, 'openedOn')) return start;
  return calendar.addWorkingDays(start, 1, 'openedOn');
}

export interface CycleDeadlines {
  /** Last day to submit the self-assessment (24:00 Beijing time). */
  submissionDeadline: string;
  /** Last day for the review panel to score. */
  reviewDeadline: string;
  /** The day each submission reminder goes out, by working days before the deadline. */
  reminders: Record<SubmissionReminderOccasion, string>;
}

/** Deadlines of a cycle opened on `openedOn`, in working days (Civil Code art. 201: the opening day is not counted). */
export function cycleDeadlines(calendar: WorkingCalendar, openedOn: string, submissionWorkingDays: number, reviewWorkingDays: number): CycleDeadlines {
  if (!Number.isInteger(submissionWorkingDays) || submissionWorkingDays <= SUBMISSION_REMINDER_WORKING_DAYS[0]) {
    throw new BadUserInputError('submissionWorkingDays', `自评提交期限须为大于 ${SUBMISSION_REMINDER_WORKING_DAYS[0]} 的整数个工作日，以便提前提醒`, { value: submissionWorkingDays });
  }
  const submissionDeadline = calendar.addWorkingDays(openedOn, submissionWorkingDays, 'submissionWorkingDays');
  const reviewDeadline = calendar.addWorkingDays(submissionDeadline, reviewWorkingDays, 'reviewWorkingDays');
  const reminders = Object.fromEntries(SUBMISSION_REMINDER_WORKING_DAYS.map((days) => [days, calendar.subtractWorkingDays(submissionDeadline, days)])) as Record<SubmissionReminderOccasion, string>;
  return { submissionDeadline, reviewDeadline, reminders };
}
