import { type CalendarDayRow, WorkingCalendar } from '@cz/calendar';
import type { CalendarChangedPayload } from '@cz/queue-contracts';
import type { EntityManager } from 'typeorm';

/** The working-day calendar as the service's copy in `schema` holds it (every covered year). */
export async function loadWorkingCalendar(manager: EntityManager, schema: string): Promise<WorkingCalendar> {
  const years: Array<{ year: number }> = await manager.query(`SELECT "year" FROM "${schema}"."calendar_year" WHERE "covered"`);
  const days: CalendarDayRow[] = await manager.query(
    `SELECT d."date"::text AS "date", d."kind", d."name" FROM "${schema}"."calendar_day" d JOIN "${schema}"."calendar_year" y ON y."year" = d."year" WHERE y."covered"`,
  );
  return WorkingCalendar.fromDays(years.map((row) => row.year), days);
}

/**
 * Replaces one year of the copy with the registry's, unless the copy already holds that version or
 * a newer one (events may arrive out of order). The version check and the claim are one statement,
 * so two deliveries of the same year racing each other replace it once. Returns whether it changed.
 */
export async function replaceCalendarYear(manager: EntityManager, schema: string, change: CalendarChangedPayload): Promise<boolean> {
  const claimed: unknown[] = await manager.query(
    `INSERT INTO "${schema}"."calendar_year" ("year", "covered", "version") VALUES ($1, $2, $3)
     ON CONFLICT ("year") DO UPDATE SET "covered" = EXCLUDED."covered", "version" = EXCLUDED."version"
     WHERE "calendar_year"."version" < EXCLUDED."version"
     RETURNING "year"`,
    [change.year, change.covered, change.version],
  );
  if (claimed.length === 0) return false;
  await manager.query(`DELETE FROM "${schema}"."calendar_day" WHERE "year" = $1`, [change.year]);
  const days = [...change.holidays.map((day) => ({ ...day, kind: 'HOLIDAY' })), ...change.makeUpWorkdays.map((day) => ({ ...day, kind: 'MAKEUP_WORKDAY' }))];
  if (days.length > 0) {
    await manager.query(
      `INSERT INTO "${schema}"."calendar_day" ("date", "year", "kind", "name") SELECT d, $1, k, n FROM unnest($2::date[], $3::varchar[], $4::varchar[]) AS t(d, k, n)`,
      [change.year, days.map((day) => day.date), days.map((day) => day.kind), days.map((day) => day.name)],
    );
  }
  return true;
}
