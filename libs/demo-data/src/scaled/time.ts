import { packageCalendar, WorkingCalendar } from '@cz/calendar';
import type { Random } from './random';

/**
 * Days are YYYY-MM-DD and instants `YYYY-MM-DDTHH:MM:SS+08:00` (Beijing time), so comparing two
 * of the same kind as strings compares them in time, and nothing depends on the machine's zone.
 */
export type Day = string;
export type Instant = string;

const DAY_MS = 86_400_000;
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

const dayNumber = (day: Day): number => Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) / DAY_MS;
const dayOf = (number: number): Day => new Date(number * DAY_MS).toISOString().slice(0, 10);

export function addDays(day: Day, days: number): Day {
  return dayOf(dayNumber(day) + days);
}

export function daysBetween(from: Day, to: Day): number {
  return dayNumber(to) - dayNumber(from);
}

export const dayOfInstant = (instant: Instant): Day => instant.slice(0, 10);
export const yearOf = (dayOrInstant: string): number => Number(dayOrInstant.slice(0, 4));

/** An instant on a day at hh:mm Beijing time. */
export function at(day: Day, hours: number, minutes = 0): Instant {
  return `${day}T${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}:00+08:00`;
}

export function addMinutes(instant: Instant, minutes: number): Instant {
  const shanghai = new Date(Date.parse(instant) + minutes * 60_000 + SHANGHAI_OFFSET_MS).toISOString();
  return `${shanghai.slice(0, 19)}+08:00`;
}

/** 24:00 of a day, i.e. the first instant of the next one: how deadlines end. */
export const endOfDay = (day: Day): Instant => at(addDays(day, 1), 0);

export const later = (a: Instant, b: Instant): Instant => (a > b ? a : b);

let calendar: WorkingCalendar | undefined;

/** The working-day calendar the registry starts from (chinese-days), for dates people act on. */
export function workingCalendar(): WorkingCalendar {
  calendar ??= new WorkingCalendar(packageCalendar());
  return calendar;
}

/** Some office hour (08:30–17:29) of a day: when an officer or a park acts. */
export function officeTime(random: Random, day: Day): Instant {
  const minute = random.int(8 * 60 + 30, 17 * 60 + 29);
  return at(day, Math.floor(minute / 60), minute % 60);
}

/**
 * The calendar's working days as day numbers, asked of the calendar once per day of the covered
 * years: counting hundreds of thousands of working-day spans through it directly takes seconds.
 */
let workingDays: number[] | undefined;

/** Built on first use: importing the library (every service does) must not pay for it. */
function workingDayNumbers(): readonly number[] {
  if (workingDays) return workingDays;
  const years = packageCalendar().coveredYears;
  workingDays = [];
  for (let number = dayNumber(`${years[0]}-01-01`); number <= dayNumber(`${years[years.length - 1]}-12-31`); number += 1) {
    if (workingCalendar().isWorkingDay(dayOf(number))) workingDays.push(number);
  }
  return workingDays;
}

/** The n-th working day after `day` (the start day not counted), as WorkingCalendar.addWorkingDays counts. */
export function addWorkingDays(day: Day, n: number): Day {
  const days = workingDayNumbers();
  const number = dayNumber(day);
  let low = 0;
  let high = days.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (days[middle] <= number) low = middle + 1;
    else high = middle;
  }
  const target = days[low + n - 1];
  // Past the calendar's last year only plans that the history cuts off at `asOf` ever go: any later day does.
  return target === undefined ? addDays(dayOf(days[days.length - 1]), n * 2) : dayOf(target);
}

/** A working day `min`–`max` working days after `day` (the start day not counted). */
export function workingDaysLater(random: Random, day: Day, min: number, max: number): Day {
  return addWorkingDays(day, random.int(min, max));
}

/** The working day on or after `day`. */
export function workingDayFrom(day: Day): Day {
  return addWorkingDays(addDays(day, -1), 1);
}

/** Office time `min`–`max` working days after an instant. */
export function actAfter(random: Random, instant: Instant, min: number, max: number): Instant {
  return officeTime(random, workingDaysLater(random, dayOfInstant(instant), min, max));
}

/** A random day in [from, to]. */
export function dayBetween(random: Random, from: Day, to: Day): Day {
  return addDays(from, random.int(0, daysBetween(from, to)));
}
