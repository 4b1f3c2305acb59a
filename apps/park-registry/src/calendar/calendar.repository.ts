import { WorkingCalendar } from '@cz/calendar';
import type { CalendarChangedPayload, CalendarDayEntry } from '@cz/queue-contracts';
import type { DataSource, EntityManager } from 'typeorm';
import type { CalendarDayEntity, CalendarDayKind } from './calendar-day.entity';
import { CalendarYearEntity } from './calendar-year.entity';

/** Reads run on the data source, or on a transaction's manager to see its own uncommitted writes. */
export type CalendarSource = DataSource | EntityManager;

/** One year as the API shows it; without `updatedAt` it is the `registry.calendar-changed` payload. */
export interface CalendarYearSnapshot extends CalendarChangedPayload {
  updatedAt: Date;
}

function entriesOf(days: readonly CalendarDayEntity[], kind: CalendarDayKind): CalendarDayEntry[] {
  return days
    .filter((day) => day.kind === kind)
    .map((day) => ({ date: day.date, name: day.name }))
    .sort((a, b) => a.date.localeCompare(b.date));
}

function snapshotOf(row: CalendarYearEntity): CalendarYearSnapshot {
  return { year: row.year, covered: row.covered, version: row.version, holidays: entriesOf(row.days, 'HOLIDAY'), makeUpWorkdays: entriesOf(row.days, 'MAKEUP_WORKDAY'), updatedAt: row.updatedAt };
}

/** The calendar every working-day computation of the registry counts in: covered years only, one statement. */
export async function loadWorkingCalendar(source: CalendarSource): Promise<WorkingCalendar> {
  const years = await source.getRepository(CalendarYearEntity).find({ where: { covered: true }, relations: { days: true } });
  return WorkingCalendar.fromDays(years.map((year) => year.year), years.flatMap((year) => year.days));
}

/** One year with its days (one statement), or null when the bureau has never entered it. */
export async function loadCalendarYear(source: CalendarSource, year: number): Promise<CalendarYearSnapshot | null> {
  const [row] = await source.getRepository(CalendarYearEntity).find({ where: { year }, relations: { days: true } });
  return row ? snapshotOf(row) : null;
}

export async function loadCoveredYears(source: CalendarSource): Promise<number[]> {
  const rows = await source.getRepository(CalendarYearEntity).find({ select: { year: true }, where: { covered: true }, order: { year: 'ASC' } });
  return rows.map((row) => row.year);
}
