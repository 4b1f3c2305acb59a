import { SYSTEM_IDENTITY } from '@cz/auth';
import { endOfShanghaiDay } from '@cz/calendar';
import { recordAudit } from '@cz/db';
import { BadUserInputError } from '@cz/errors';
import { isUuid } from '@cz/subgraph-kit';
import type { EntityManager } from 'typeorm';
import { SCHEMA } from '../config';
import type { Context } from '../context';
import type { AssessmentDeadlineKind } from '../generated/graphql';
import { claimDone, isDone, reminderOccasion, reminderTime } from './cycle-deadlines';
import { assessmentLink, notify, parkOperator } from './cycle-notifications';
import { type CycleRow, lockCycle } from './cycle-rows';
import { answer, type DeadlineRun, notDue } from './deadline-run';

/** The reminder's time, or an answer that ends the run (done earlier, not due, moot). */
async function reminderState(manager: EntityManager, kind: AssessmentDeadlineKind, cycle: CycleRow, now: Date): Promise<DeadlineRun | undefined> {
  const occasion = reminderOccasion(kind);
  if (occasion === undefined) throw new BadUserInputError('kind', '该期限不是自评提醒', { kind });
  if (await isDone(manager, kind, cycle.id)) return answer('ALREADY_DONE', '本次提醒已发送');
  const dueAt = reminderTime(cycle.reminderDays[String(occasion)]);
  if (now < dueAt) return notDue(dueAt);
  return undefined;
}

/** A reminder after the deadline (the worker was down for days) would only confuse: the escalation follows instead. */
const tooLate = (cycle: CycleRow, now: Date) => cycle.status !== 'OPEN' || now >= endOfShanghaiDay(cycle.submissionDeadline);

/**
 * SUBMISSION_REMINDER_10/5/1: lists the parks of the cycle that have not submitted and have not
 * had this reminder (PENDING_RECIPIENTS), and once none is left marks the occasion done.
 */
export async function runSubmissionReminder(kind: AssessmentDeadlineKind, cycleId: string, { dataSource, now, requestId }: Context): Promise<DeadlineRun> {
  return dataSource.transaction(async (manager) => {
    const cycle = await lockCycle(manager, cycleId);
    const at = now();
    const ended = await reminderState(manager, kind, cycle, at);
    if (ended) return ended;
    if (tooLate(cycle, at)) {
      await claimDone(manager, kind, cycle.id, '自评提交期限已过，不再提醒', requestId);
      return answer('DONE', '自评提交期限已过，不再提醒');
    }
    const pending: Array<{ park_id: string }> = await manager.query(
      `SELECT a."park_id" FROM "${SCHEMA}"."assessment" a
       WHERE a."cycle_id" = $1 AND a."status" = 'OPEN'
         AND NOT EXISTS (SELECT 1 FROM "${SCHEMA}"."reminder_delivery" d WHERE d."target_id" = $1 AND d."occasion" = $2 AND d."recipient_id" = a."park_id"::text)
       ORDER BY a."park_id"`,
      [cycle.id, kind],
    );
    if (pending.length > 0) return answer('PENDING_RECIPIENTS', `${pending.length} 个园区待提醒`, pending.map((row) => row.park_id));
    const [{ count }]: Array<{ count: number }> = await manager.query(`SELECT count(*)::int AS "count" FROM "${SCHEMA}"."reminder_delivery" WHERE "target_id" = $1 AND "occasion" = $2`, [cycle.id, kind]);
    const detail = `已提醒 ${count} 个未提交自评的园区`;
    return (await claimDone(manager, kind, cycle.id, detail, requestId)) ? answer('DONE', detail) : answer('ALREADY_DONE', '本次提醒已发送');
  });
}

/**
 * Reminds one park, at most once per occasion: the delivery row and the notification event commit
 * together, and a second call finds the row and sends nothing.
 */
export async function remindPark(kind: AssessmentDeadlineKind, cycleId: string, parkId: string, { dataSource, now, requestId }: Context): Promise<DeadlineRun> {
  return dataSource.transaction(async (manager) => {
    const cycle = await lockCycle(manager, cycleId);
    const at = now();
    const ended = await reminderState(manager, kind, cycle, at);
    if (ended) return ended;
    if (tooLate(cycle, at)) return answer('ALREADY_DONE', '自评提交期限已过，不再提醒');
    const rows: Array<{ id: string; status: string; name: string }> = isUuid(parkId)
      ? await manager.query(
          `SELECT a."id", a."status", p."name" FROM "${SCHEMA}"."assessment" a JOIN "${SCHEMA}"."park_ref" p ON p."park_id" = a."park_id" WHERE a."cycle_id" = $1 AND a."park_id" = $2`,
          [cycle.id, parkId],
        )
      : [];
    if (rows.length === 0) throw new BadUserInputError('recipientId', '该园区不在本考核周期内', { recipientId: parkId });
    const [assessment] = rows;
    if (assessment.status !== 'OPEN') return answer('ALREADY_DONE', '已提交自评，无需提醒');

    const delivered: unknown[] = await manager.query(
      `INSERT INTO "${SCHEMA}"."reminder_delivery" ("target_id", "occasion", "recipient_id") VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING "recipient_id"`,
      [cycle.id, kind, parkId],
    );
    if (delivered.length === 0) return answer('ALREADY_DONE', '本次提醒已发送');
    await recordAudit(manager, SCHEMA, SYSTEM_IDENTITY, { operation: 'assessment.reminder.send', targetType: 'Assessment', targetId: assessment.id, changes: { occasion: kind, cycleId: cycle.id }, requestId });
    const daysLeft = reminderOccasion(kind);
    await notify(manager, cycle.id, {
      dedupeKey: `assessment-cycle:${cycle.id}:${kind}:${parkId}`,
      audience: parkOperator(parkId),
      title: `考核自评还剩 ${daysLeft} 个工作日截止`,
      body: `${assessment.name}：${cycle.year} 年度考核评估的自评材料尚未提交，截止时间为 ${cycle.submissionDeadline} 24:00（还剩 ${daysLeft} 个工作日），请及时提交。`,
      link: assessmentLink(assessment.id),
    });
    return answer('DONE', null);
  });
}
