import chineseDays from 'chinese-days/dist/chinese-days.json';
import type { CalendarData } from './working-days';

interface ChineseDaysJson {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

/** "National Day,国庆节,3" → "国庆节" */
function chineseName(entry: string): string {
  return entry.split(',')[1] ?? entry;
}

/**
 * The calendar as the `chinese-days` package carries it (every year the State Council has
 * announced up to the package's release): the pre-filled data the city bureau then maintains.
 */
export function packageCalendar(): CalendarData {
  const data = chineseDays as ChineseDaysJson;
  const holidays: Record<string, string> = {};
  const makeUpWorkdays: Record<string, string> = {};
  for (const [date, entry] of Object.entries(data.holidays)) holidays[date] = chineseName(entry);
  for (const [date, entry] of Object.entries(data.workdays)) makeUpWorkdays[date] = chineseName(entry);
  const coveredYears = [...new Set(Object.keys(holidays).map((date) => Number(date.slice(0, 4))))].sort();
  return { coveredYears, holidays, makeUpWorkdays };
}
