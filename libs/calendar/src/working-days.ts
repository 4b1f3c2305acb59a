import { BadUserInputError } from '@cz/errors';

/**
 * The working-day calendar (DESIGN.md "Working days"): Monday to Friday are working days unless
 * a statutory holiday; weekend days announced as make-up working days (调休上班) are working days.
 * Only years the calendar covers can be counted in: a year the State Council has not announced
 * yet is refused, never guessed.
 */
export interface CalendarData {
  /** Years whose holidays and make-up days are known. */
  coveredYears: readonly number[];
  /** date (YYYY-MM-DD) → holiday name */
  holidays: Readonly<Record<string, string>>;
  /** date (YYYY-MM-DD) → name of the holiday it makes up for */
  makeUpWorkdays: Readonly<Record<string, string>>;
}

export class CalendarNotCoveredError extends BadUserInputError {
  constructor(
    readonly year: number,
    field = 'calendar',
  ) {
    super(field, `${year} 年的工作日历尚未录入（国务院公布放假安排后由市人社局维护），无法计算该年的工作日`, { year });
  }
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parse(date: string): Date {
  const match = DATE.exec(date);
  const value = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : new Date(NaN);
  if (Number.isNaN(value.getTime()) || value.toISOString().slice(0, 10) !== date) throw new BadUserInputError('date', `日期无效：${date}`);
  return value;
}

function format(day: Date): string {
  return day.toISOString().slice(0, 10);
}

function nextDay(date: string): string {
  const day = parse(date);
  day.setUTCDate(day.getUTCDate() + 1);
  return format(day);
}

function previousDay(date: string): string {
  const day = parse(date);
  day.setUTCDate(day.getUTCDate() - 1);
  return format(day);
}

/** A stored calendar day, as the registry keeps it and the services copy it. */
export interface CalendarDayRow {
  date: string;
  kind: 'HOLIDAY' | 'MAKEUP_WORKDAY';
  name: string;
}

export class WorkingCalendar {
  private readonly covered: ReadonlySet<number>;

  /** Builds the calendar from stored rows: the covered years and their days. */
  static fromDays(coveredYears: readonly number[], days: readonly CalendarDayRow[]): WorkingCalendar {
    const holidays: Record<string, string> = {};
    const makeUpWorkdays: Record<string, string> = {};
    for (const day of days) (day.kind === 'HOLIDAY' ? holidays : makeUpWorkdays)[day.date] = day.name;
    return new WorkingCalendar({ coveredYears, holidays, makeUpWorkdays });
  }

  constructor(private readonly data: CalendarData) {
    this.covered = new Set(data.coveredYears);
  }

  covers(year: number): boolean {
    return this.covered.has(year);
  }

  isWorkingDay(date: string, field?: string): boolean {
    const day = parse(date);
    const year = day.getUTCFullYear();
    if (!this.covered.has(year)) throw new CalendarNotCoveredError(year, field);
    if (date in this.data.makeUpWorkdays) return true;
    if (date in this.data.holidays) return false;
    const weekday = day.getUTCDay();
    return weekday !== 0 && weekday !== 6;
  }

  /**
   * The date of the n-th working day after `from` (Civil Code art. 201: the start day is not
   * counted). Posted 2026-09-28 with n = 5 → 2026-10-10 (a make-up Saturday after the holiday).
   */
  addWorkingDays(from: string, n: number, field?: string): string {
    if (!Number.isInteger(n) || n < 1) throw new BadUserInputError(field ?? 'days', '工作日数必须是正整数');
    let date = from;
    parse(from);
    for (let counted = 0; counted < n; ) {
      date = nextDay(date);
      if (this.isWorkingDay(date, field)) counted += 1;
    }
    return date;
  }

  /** The date n working days before `deadline` (for reminders "10, 5 and 1 working days before"). */
  subtractWorkingDays(deadline: string, n: number, field?: string): string {
    if (!Number.isInteger(n) || n < 1) throw new BadUserInputError(field ?? 'days', '工作日数必须是正整数');
    let date = deadline;
    parse(deadline);
    for (let counted = 0; counted < n; ) {
      date = previousDay(date);
      if (this.isWorkingDay(date, field)) counted += 1;
    }
    return date;
  }
}

/** A period that ends "at 24:00 of" a day ends at the first instant of the next day, Beijing time. */
export function endOfShanghaiDay(date: string): Date {
  return new Date(`${nextDay(date)}T00:00:00+08:00`);
}
