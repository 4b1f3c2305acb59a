import { authorize, type Identity } from '@cz/auth';
import { guardedUpdate, recordAudit } from '@cz/db';
import { ConflictError, NotFoundError } from '@cz/errors';
import { recordEvent } from '@cz/events';
import { type CalendarChangedPayload, type CalendarDayEntry, EVENT_TYPES } from '@cz/queue-contracts';
import type { DataSource, EntityManager } from 'typeorm';
import { SCHEMA } from '../config';
import { CalendarDayEntity } from './calendar-day.entity';
import { type CalendarYearSnapshot, loadCalendarYear } from './calendar.repository';
import { type CalendarYearChange, validateCalendarYear, type ValidCalendarYearChange } from './calendar-year.rules';

interface Caller {
  identity: Identity;
  requestId: string;
}

/**
 * The city bureau enters or replaces one year. The year row's guarded UPDATE (or its INSERT),
 * the replaced days, the audit row and the `registry.calendar-changed` event with the whole
 * year commit together, so consumers never see a change the registry does not hold, nor miss one.
 */
export async function setCalendarYear(dataSource: DataSource, caller: Caller, year: number, expectedVersion: number | null | undefined, input: CalendarYearChange): Promise<CalendarYearSnapshot> {
  authorize(caller.identity, 'calendar.update');
  const change = validateCalendarYear(year, expectedVersion, input);
  return dataSource.transaction(async (manager) => {
    const before = expectedVersion === null || expectedVersion === undefined ? await createYear(manager, year, change, caller) : await updateYear(manager, year, expectedVersion, change, caller);
    await replaceDays(manager, year, change);
    const after = await loadCalendarYear(manager, year);
    if (!after) throw new Error(`calendar year ${year} vanished inside its own transaction`);
    const { updatedAt: _updatedAt, ...payload } = after;
    await recordAudit(manager, SCHEMA, caller.identity, { operation: 'calendar.update', targetType: 'CalendarYear', targetId: String(year), changes: auditChanges(before, after), requestId: caller.requestId });
    await recordEvent(manager, SCHEMA, EVENT_TYPES.calendarChanged, String(year), payload satisfies CalendarChangedPayload);
    return after;
  });
}

/** A new year (e.g. 2027 once the State Council publishes it): exactly one of two concurrent entries wins. */
async function createYear(manager: EntityManager, year: number, change: ValidCalendarYearChange, caller: Caller): Promise<null> {
  const inserted: unknown[] = await manager.query(
    `INSERT INTO "${SCHEMA}"."calendar_year" ("year", "covered", "version", "updated_by") VALUES ($1, $2, 1, $3)
     ON CONFLICT ("year") DO NOTHING RETURNING "year"`,
    [year, change.covered, caller.identity.subject],
  );
  if (inserted.length === 0) throw new ConflictError(`${year} 年的工作日历已存在，修改时请提供 expectedVersion（刷新后重试）`, { year });
  return null;
}

/** Replaces an existing year against the version the caller saw; returns the year as it was. */
async function updateYear(manager: EntityManager, year: number, expectedVersion: number, change: ValidCalendarYearChange, caller: Caller): Promise<CalendarYearSnapshot> {
  // Locked first, so the "before" of the audit row is exactly the version this change replaces.
  const [locked]: Array<{ version: number }> = await manager.query(`SELECT "version" FROM "${SCHEMA}"."calendar_year" WHERE "year" = $1 FOR UPDATE`, [year]);
  if (!locked) throw new NotFoundError(`${year} 年的工作日历不存在；新建该年时不要提供 expectedVersion`, { year });
  const before = await loadCalendarYear(manager, year);
  const changed = await guardedUpdate(
    manager,
    `UPDATE "${SCHEMA}"."calendar_year" SET "covered" = $3, "version" = "version" + 1, "updated_at" = now(), "updated_by" = $4
      WHERE "year" = $1 AND "version" = $2`,
    [year, expectedVersion, change.covered, caller.identity.subject],
  );
  if (changed === 0 || !before) throw new ConflictError('该年度工作日历已被他人修改，请刷新后重试', { year, expectedVersion, currentVersion: locked.version });
  return before;
}

async function replaceDays(manager: EntityManager, year: number, change: ValidCalendarYearChange): Promise<void> {
  const days = manager.getRepository(CalendarDayEntity);
  await days.delete({ year });
  const rows = [...change.holidays.map((day) => ({ ...day, kind: 'HOLIDAY' as const })), ...change.makeUpWorkdays.map((day) => ({ ...day, kind: 'MAKEUP_WORKDAY' as const }))];
  if (rows.length > 0) await days.insert(rows.map((row) => ({ ...row, year })));
}

/** What the bureau changed, day by day, rather than two copies of the whole year. */
function auditChanges(before: CalendarYearSnapshot | null, after: CalendarYearSnapshot): Record<string, unknown> {
  return {
    covered: [before?.covered ?? null, after.covered],
    version: [before?.version ?? null, after.version],
    holidays: dayDifference(before?.holidays ?? [], after.holidays),
    makeUpWorkdays: dayDifference(before?.makeUpWorkdays ?? [], after.makeUpWorkdays),
  };
}

function dayDifference(before: readonly CalendarDayEntry[], after: readonly CalendarDayEntry[]): { added: string[]; removed: string[] } {
  const label = (day: CalendarDayEntry) => `${day.date} ${day.name}`;
  const beforeLabels = new Set(before.map(label));
  const afterLabels = new Set(after.map(label));
  return { added: [...afterLabels].filter((entry) => !beforeLabels.has(entry)), removed: [...beforeLabels].filter((entry) => !afterLabels.has(entry)) };
}
