import { SYSTEM_IDENTITY } from '@cz/auth';
import { endOfShanghaiDay, type WorkingCalendar } from '@cz/calendar';
import { loadWorkingCalendar } from '@cz/calendar-copy';
import { guardedUpdate, recordAudit } from '@cz/db';
import { NotFoundError } from '@cz/errors';
import { isUuid } from '@cz/subgraph-kit';
import type { EntityManager } from 'typeorm';
import { SCHEMA } from '../config';
import type { Context } from '../context';
import { claimDone, type DueDeadline, isDone, type RectificationDates, rectificationReminderDay, reminderTime } from './cycle-deadlines';
import { assessmentLink, CITY_BUREAU, countyBureau, notify, parkOperator } from './cycle-notifications';
import { cycleSettings } from './cycle-settings';
import { answer, type DeadlineRun, notDue } from './deadline-run';

interface RectificationRow extends RectificationDates {
  assessmentId: string;
  status: 'OPEN' | 'SUBMITTED' | 'CLOSED';
  overdueFlaggedAt: Date | null;
  version: number;
  year: number;
  parkId: string;
  parkName: string;
  countyCode: string;
}

const COLUMNS = `r."id", r."assessment_id" AS "assessmentId", r."ordered_on"::text AS "orderedOn", r."deadline"::text AS "deadline", r."status", r."overdue_flagged_at" AS "overdueFlaggedAt", r."version",
  a."year", a."park_id" AS "parkId", p."name" AS "parkName", p."county_code" AS "countyCode"`;
const FROM = `"${SCHEMA}"."rectification" r JOIN "${SCHEMA}"."assessment" a ON a."id" = r."assessment_id" JOIN "${SCHEMA}"."park_ref" p ON p."park_id" = a."park_id"`;

async function lockRectification(manager: EntityManager, id: string): Promise<RectificationRow> {
  const rows: RectificationRow[] = isUuid(id) ? await manager.query(`SELECT ${COLUMNS} FROM ${FROM} WHERE r."id" = $1 FOR UPDATE OF r`, [id]) : [];
  if (rows.length === 0) throw new NotFoundError('整改记录不存在', { rectificationId: id });
  return rows[0];
}

/** Open rectifications' deadlines: the reminder (unless sent) and the overdue flag (unless set). */
export async function pendingRectificationDeadlines(manager: EntityManager, reminded: (id: string) => boolean): Promise<DueDeadline[]> {
  const open: RectificationRow[] = await manager.query(`SELECT ${COLUMNS} FROM ${FROM} WHERE r."status" = 'OPEN' AND r."overdue_flagged_at" IS NULL ORDER BY r."deadline", r."id"`);
  if (open.length === 0) return [];
  const calendar = await loadWorkingCalendar(manager, SCHEMA);
  return open.flatMap((rectification) => {
    const reminderDay = reminded(rectification.id) ? undefined : reminderDayOf(calendar, rectification);
    return [
      ...(reminderDay ? [{ kind: 'RECTIFICATION_REMINDER' as const, targetId: rectification.id, dueAt: reminderTime(reminderDay) }] : []),
      { kind: 'RECTIFICATION_OVERDUE' as const, targetId: rectification.id, dueAt: endOfShanghaiDay(rectification.deadline) },
    ];
  });
}

const reminderDayOf = (calendar: WorkingCalendar, rectification: RectificationDates) => rectificationReminderDay(calendar, rectification, cycleSettings().ASSESSMENT_RECTIFICATION_REMINDER_WORKING_DAYS);

/** RECTIFICATION_REMINDER: the park is reminded once, some working days before its deadline, while no report is in. */
export async function runRectificationReminder(rectificationId: string, { dataSource, now, requestId }: Context): Promise<DeadlineRun> {
  return dataSource.transaction(async (manager) => {
    const rectification = await lockRectification(manager, rectificationId);
    if (await isDone(manager, 'RECTIFICATION_REMINDER', rectification.id)) return answer('ALREADY_DONE', '整改提醒已发送');
    if (rectification.status !== 'OPEN') return answer('ALREADY_DONE', '整改报告已提交，无需提醒');
    const reminderDay = reminderDayOf(await loadWorkingCalendar(manager, SCHEMA), rectification);
    // No reminder day (the calendar no longer covers it, or it falls before the order): nothing to send.
    if (!reminderDay) return answer('ALREADY_DONE', '无需提醒');
    const dueAt = reminderTime(reminderDay);
    const at = now();
    if (at < dueAt) return notDue(dueAt);
    if (at >= endOfShanghaiDay(rectification.deadline)) {
      await claimDone(manager, 'RECTIFICATION_REMINDER', rectification.id, '整改期限已过，不再提醒', requestId);
      return answer('DONE', '整改期限已过，不再提醒');
    }
    if (!(await claimDone(manager, 'RECTIFICATION_REMINDER', rectification.id, '已提醒园区', requestId))) return answer('ALREADY_DONE', '整改提醒已发送');
    await notify(manager, rectification.assessmentId, {
      dedupeKey: `rectification:${rectification.id}:reminder`,
      audience: parkOperator(rectification.parkId),
      title: '整改期限即将届满',
      body: `${rectification.parkName}：${rectification.year} 年度考核评估的整改期限为 ${rectification.deadline} 24:00，请在期限内提交整改报告。`,
      link: assessmentLink(rectification.assessmentId),
    });
    return answer('DONE', '已提醒园区');
  });
}

/**
 * RECTIFICATION_OVERDUE at 24:00 of the deadline with no report in: flags the rectification
 * (`overdue_flagged_at`, guarded so it happens once) and tells the county and the city bureau.
 */
export async function runRectificationOverdue(rectificationId: string, { dataSource, now, requestId }: Context): Promise<DeadlineRun> {
  return dataSource.transaction(async (manager) => {
    const rectification = await lockRectification(manager, rectificationId);
    if (rectification.overdueFlaggedAt) return answer('ALREADY_DONE', '已标记逾期');
    if (rectification.status !== 'OPEN') return answer('ALREADY_DONE', '整改报告已按期提交');
    const dueAt = endOfShanghaiDay(rectification.deadline);
    const at = now();
    if (at < dueAt) return notDue(dueAt);
    const flagged = await guardedUpdate(
      manager,
      `UPDATE "${SCHEMA}"."rectification" SET "overdue_flagged_at" = $2, "version" = "version" + 1, "updated_at" = now() WHERE "id" = $1 AND "status" = 'OPEN' AND "overdue_flagged_at" IS NULL AND "version" = $3`,
      [rectification.id, at, rectification.version],
    );
    // Cannot happen under the row lock; if it does, failing lets the job retry on fresh rows.
    if (flagged === 0) throw new Error(`rectification ${rectification.id} changed while it was flagged overdue`);
    await recordAudit(manager, SCHEMA, SYSTEM_IDENTITY, {
      operation: 'assessment.rectification.overdue',
      targetType: 'Rectification',
      targetId: rectification.id,
      changes: { overdueFlaggedAt: [null, at.toISOString()], deadline: rectification.deadline },
      requestId,
    });
    const body = `${rectification.parkName}的 ${rectification.year} 年度考核整改期限已于 ${rectification.deadline} 24:00 届满，未提交整改报告，已标记逾期。`;
    for (const [suffix, audience] of [['county', countyBureau(rectification.countyCode)], ['city', CITY_BUREAU]] as const) {
      await notify(manager, rectification.assessmentId, { dedupeKey: `rectification:${rectification.id}:overdue:${suffix}`, audience, title: '整改逾期未提交报告', body, link: assessmentLink(rectification.assessmentId) });
    }
    return answer('DONE', '已标记逾期并上报');
  });
}
