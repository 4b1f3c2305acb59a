import { BadUserInputError } from '@cz/errors';
import { isoDay, text } from '@cz/policy';
import type { CalendarDayEntry } from '@cz/queue-contracts';

export const MIN_CALENDAR_YEAR = 2000;
export const MAX_CALENDAR_YEAR = 2100;
const NAME_MAX_LENGTH = 30;

/** A whole year as the bureau enters it: it replaces what the year held before. */
export interface CalendarYearChange {
  covered: boolean;
  holidays: readonly CalendarDayEntry[];
  makeUpWorkdays: readonly CalendarDayEntry[];
}

export interface ValidCalendarYearChange {
  covered: boolean;
  holidays: CalendarDayEntry[];
  makeUpWorkdays: CalendarDayEntry[];
}

/**
 * Checks one year before anything is written, naming the entry at fault (`input.holidays[3].date`)
 * so a form can point at it. Names are trimmed; entries come back sorted by date.
 */
export function validateCalendarYear(year: number, expectedVersion: number | null | undefined, input: CalendarYearChange): ValidCalendarYearChange {
  if (!Number.isInteger(year) || year < MIN_CALENDAR_YEAR || year > MAX_CALENDAR_YEAR) {
    throw new BadUserInputError('year', `年份必须在 ${MIN_CALENDAR_YEAR} 到 ${MAX_CALENDAR_YEAR} 之间`, { min: MIN_CALENDAR_YEAR, max: MAX_CALENDAR_YEAR });
  }
  if (expectedVersion !== null && expectedVersion !== undefined && (!Number.isInteger(expectedVersion) || expectedVersion < 1)) {
    throw new BadUserInputError('expectedVersion', '版本号必须是正整数');
  }
  // date → the field that listed it first, across both lists: a date is a holiday or a make-up day, not both.
  const seen = new Map<string, string>();
  const check = (entries: readonly CalendarDayEntry[], list: string, weekendOnly: boolean) =>
    entries.map((entry, index) => checkDay(year, entry, `input.${list}[${index}]`, seen, weekendOnly)).sort((a, b) => a.date.localeCompare(b.date));
  const holidays = check(input.holidays, 'holidays', false);
  const makeUpWorkdays = check(input.makeUpWorkdays, 'makeUpWorkdays', true);
  return { covered: input.covered, holidays, makeUpWorkdays };
}

function checkDay(year: number, entry: CalendarDayEntry, field: string, seen: Map<string, string>, weekendOnly: boolean): CalendarDayEntry {
  // 0 = Sunday; undefined when the text names no real day.
  const weekday = isoDay(entry.date)?.getUTCDay();
  if (weekday === undefined) throw new BadUserInputError(`${field}.date`, `日期无效：${entry.date}`);
  if (Number(entry.date.slice(0, 4)) !== year) throw new BadUserInputError(`${field}.date`, `${entry.date} 不在 ${year} 年内`, { year });
  const earlier = seen.get(entry.date);
  if (earlier !== undefined) {
    const sameList = earlier.split('[')[0] === field.split('[')[0];
    throw new BadUserInputError(`${field}.date`, sameList ? `日期重复：${entry.date}` : `${entry.date} 不能既是节假日又是调休上班日`, { conflictsWith: `${earlier}.date` });
  }
  seen.set(entry.date, field);
  // A make-up working day only ever turns a weekend day into a working day.
  if (weekendOnly && weekday !== 0 && weekday !== 6) throw new BadUserInputError(`${field}.date`, `调休上班日必须是周六或周日：${entry.date}`);
  return { date: entry.date, name: text(`${field}.name`, entry.name, '名称', { min: 1, max: NAME_MAX_LENGTH }) };
}
