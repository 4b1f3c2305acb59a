import { SYSTEM_IDENTITY } from '@cz/auth';
import { CalendarNotCoveredError, endOfShanghaiDay, type WorkingCalendar } from '@cz/calendar';
import { guardedUpdate, recordAudit } from '@cz/db';
import type { EventHandler } from '@cz/events';
import type { EntityManager } from 'typeorm';
import { SCHEMA } from '../config';
import { CITY_BUREAU, notify, publicityLink } from './publicity-notifications';
import { PublicityEntity } from './publicity.entity';
import { loadWorkingCalendar, replaceCalendarYear } from './working-calendar-copy';

/** The end a period has under `calendar`, or null when the calendar no longer covers it. */
function endUnder(calendar: WorkingCalendar, publicity: PublicityEntity): string | null {
  try {
    return calendar.addWorkingDays(publicity.postedOn, publicity.workingDays, 'workingDays');
  } catch (error) {
    if (error instanceof CalendarNotCoveredError) return null;
    throw error;
  }
}

/**
 * Moves the end of every running period to where the corrected calendar puts it. A period the
 * calendar no longer covers keeps its stored end (nothing is guessed) and the bureau is told.
 */
async function recomputeOpenPeriods(manager: EntityManager, eventId: string, calendarVersion: number): Promise<void> {
  const calendar = await loadWorkingCalendar(manager);
  const open = await manager.createQueryBuilder(PublicityEntity, 'publicity').setLock('pessimistic_write').where(`publicity.status = 'OPEN'`).getMany();
  for (const publicity of open) {
    const endsOn = endUnder(calendar, publicity);
    if (endsOn === publicity.endsOn) continue;
    if (endsOn === null) {
      await notify(manager, publicity.id, {
        dedupeKey: `publicity:${publicity.id}:uncovered:${eventId}`,
        audience: CITY_BUREAU,
        title: '工作日历变更后无法重新计算公示期',
        body: `公示“${publicity.title}”的截止日无法按更新后的工作日历计算（相关年度未录入），仍按原截止日 ${publicity.endsOn} 24:00 执行，请核对工作日历。`,
        link: publicityLink(publicity.id),
      });
      continue;
    }
    const endsAt = endOfShanghaiDay(endsOn);
    const moved = await guardedUpdate(
      manager,
      `UPDATE "${SCHEMA}"."publicity" SET "ends_on" = $2, "ends_at" = $3, "version" = "version" + 1 WHERE "id" = $1 AND "status" = 'OPEN' AND "version" = $4`,
      [publicity.id, endsOn, endsAt, publicity.version],
    );
    // Cannot happen under the lock; if it does, failing makes the event retry on fresh rows.
    if (moved === 0) throw new Error(`publicity ${publicity.id} changed while its end was recomputed`);
    await recordAudit(manager, SCHEMA, SYSTEM_IDENTITY, {
      operation: 'publicity.recompute-end',
      targetType: 'Publicity',
      targetId: publicity.id,
      changes: { endsOn: [publicity.endsOn, endsOn], endsAt: [publicity.endsAt.toISOString(), endsAt.toISOString()], calendarVersion },
      requestId: eventId,
    });
    await notify(manager, publicity.id, {
      dedupeKey: `publicity:${publicity.id}:moved:${publicity.version + 1}`,
      audience: CITY_BUREAU,
      title: '公示截止日已随工作日历调整',
      body: `工作日历调整后，公示“${publicity.title}”的截止日由 ${publicity.endsOn} 改为 ${endsOn}（当日 24:00 结束）。`,
      link: publicityLink(publicity.id),
    });
  }
}

/** registry.calendar-changed: refresh this service's copy of the year, then every running period. */
export const calendarChangedHandler: EventHandler<'registry.calendar-changed'> = async (event, manager) => {
  if (!(await replaceCalendarYear(manager, event.payload))) return;
  await recomputeOpenPeriods(manager, event.id, event.payload.version);
};
