import { SYSTEM_IDENTITY } from '@cz/auth';
import { CalendarNotCoveredError, type WorkingCalendar } from '@cz/calendar';
import { loadWorkingCalendar, replaceCalendarYear } from '@cz/calendar-copy';
import { guardedUpdate, recordAudit } from '@cz/db';
import type { EventHandler } from '@cz/events';
import { SUBMISSION_REMINDER_WORKING_DAYS } from '@cz/policy';
import type { EntityManager } from 'typeorm';
import { SCHEMA } from '../config';
import { doneDeadlines, REMINDER_KINDS } from './cycle-deadlines';
import { CITY_BUREAU, cycleLink, notify, parkOperator } from './cycle-notifications';
import { type CycleRow, cycleParks, openCycles } from './cycle-rows';

interface Recomputed {
  submissionDeadline: string;
  reviewDeadline: string;
  reminderDays: Record<string, string>;
}

/**
 * A cycle's dates under `calendar`. Only deadlines that have not run yet move: a reminder sent or
 * an escalation made stays where it happened. Null when the calendar no longer covers them.
 */
function recompute(calendar: WorkingCalendar, cycle: CycleRow & { submissionWorkingDays: number; reviewWorkingDays: number }, done: Set<string>): Recomputed | null {
  const ran = (kind: string) => done.has(`${cycle.id}|${kind}`);
  try {
    const submissionDeadline = ran('SUBMISSION_OVERDUE') ? cycle.submissionDeadline : calendar.addWorkingDays(cycle.openedOn, cycle.submissionWorkingDays, 'submissionWorkingDays');
    const reviewDeadline = ran('REVIEW_OVERDUE') ? cycle.reviewDeadline : calendar.addWorkingDays(submissionDeadline, cycle.reviewWorkingDays, 'reviewWorkingDays');
    const reminderDays = Object.fromEntries(
      SUBMISSION_REMINDER_WORKING_DAYS.map((days) => [String(days), ran(REMINDER_KINDS[days]) ? cycle.reminderDays[String(days)] : calendar.subtractWorkingDays(submissionDeadline, days)]),
    );
    return { submissionDeadline, reviewDeadline, reminderDays };
  } catch (error) {
    if (error instanceof CalendarNotCoveredError) return null;
    throw error;
  }
}

const sameDays = (a: Record<string, string>, b: Record<string, string>) => SUBMISSION_REMINDER_WORKING_DAYS.every((days) => a[String(days)] === b[String(days)]);

/**
 * Moves the deadlines of every open cycle to where the corrected calendar puts them (the working
 * days it was opened with are stored on it). The worker's sweep then keeps jobs for the new times
 * and the old jobs find NOT_DUE. A cycle the calendar no longer covers keeps its dates and the
 * city bureau is told. Rectification deadlines are days the bureau chose, not counted, so nothing
 * stored moves; their reminder day is counted from the calendar whenever it is asked for.
 */
async function recomputeOpenCycles(manager: EntityManager, eventId: string, calendarVersion: number): Promise<void> {
  const cycles = await openCycles(manager, true);
  if (cycles.length === 0) return;
  const calendar = await loadWorkingCalendar(manager, SCHEMA);
  const done = await doneDeadlines(manager, cycles.map((cycle) => cycle.id));
  for (const cycle of cycles) {
    const { submissionWorkingDays, reviewWorkingDays } = cycle;
    // Opened outside the cycles module, without its working days: its dates are kept.
    if (submissionWorkingDays === null || reviewWorkingDays === null) continue;
    const moved = recompute(calendar, { ...cycle, submissionWorkingDays, reviewWorkingDays }, done);
    if (moved === null) {
      await notify(manager, cycle.id, {
        dedupeKey: `assessment-cycle:${cycle.id}:uncovered:${eventId}`,
        audience: CITY_BUREAU,
        title: '工作日历变更后无法重新计算考核期限',
        body: `${cycle.year} 年度考核评估的期限无法按更新后的工作日历计算（相关年度未录入），仍按原期限执行（自评截止 ${cycle.submissionDeadline}，评审截止 ${cycle.reviewDeadline}），请核对工作日历。`,
        link: cycleLink(cycle.id),
      });
      continue;
    }
    if (moved.submissionDeadline === cycle.submissionDeadline && moved.reviewDeadline === cycle.reviewDeadline && sameDays(moved.reminderDays, cycle.reminderDays)) continue;

    const updated = await guardedUpdate(
      manager,
      `UPDATE "${SCHEMA}"."assessment_cycle" SET "submission_deadline" = $2, "review_deadline" = $3, "reminder_days" = $4, "version" = "version" + 1, "updated_at" = now() WHERE "id" = $1 AND "version" = $5`,
      [cycle.id, moved.submissionDeadline, moved.reviewDeadline, JSON.stringify(moved.reminderDays), cycle.version],
    );
    // Cannot happen under the row lock; if it does, failing makes the event retry on fresh rows.
    if (updated === 0) throw new Error(`cycle ${cycle.id} changed while its deadlines were recomputed`);
    await recordAudit(manager, SCHEMA, SYSTEM_IDENTITY, {
      operation: 'assessment.cycle.recompute-deadlines',
      targetType: 'AssessmentCycle',
      targetId: cycle.id,
      changes: { submissionDeadline: [cycle.submissionDeadline, moved.submissionDeadline], reviewDeadline: [cycle.reviewDeadline, moved.reviewDeadline], reminderDays: [cycle.reminderDays, moved.reminderDays], calendarVersion },
      requestId: eventId,
    });
    const change = `自评截止 ${cycle.submissionDeadline} → ${moved.submissionDeadline}，评审截止 ${cycle.reviewDeadline} → ${moved.reviewDeadline}`;
    await notify(manager, cycle.id, {
      dedupeKey: `assessment-cycle:${cycle.id}:moved:${cycle.version + 1}`,
      audience: CITY_BUREAU,
      title: '考核期限已随工作日历调整',
      body: `工作日历调整后，${cycle.year} 年度考核评估的期限已重新计算：${change}。`,
      link: cycleLink(cycle.id),
    });
    if (moved.submissionDeadline === cycle.submissionDeadline) continue;
    // The parks still to submit plan by the submission deadline: they are told where it went.
    for (const park of await cycleParks(manager, cycle.id, ['OPEN'])) {
      await notify(manager, cycle.id, {
        dedupeKey: `assessment-cycle:${cycle.id}:moved:${cycle.version + 1}:${park.parkId}`,
        audience: parkOperator(park.parkId),
        title: '考核自评截止日已调整',
        body: `${park.parkName}：因工作日历调整，${cycle.year} 年度考核评估的自评截止日由 ${cycle.submissionDeadline} 改为 ${moved.submissionDeadline}（当日 24:00）。`,
        link: cycleLink(cycle.id),
      });
    }
  }
}

/** registry.calendar-changed: refresh this service's copy of the year, then the open cycles' deadlines. */
export const calendarChangedHandler: EventHandler<'registry.calendar-changed'> = async (event, manager) => {
  if (!(await replaceCalendarYear(manager, SCHEMA, event.payload))) return;
  await recomputeOpenCycles(manager, event.id, event.payload.version);
};
