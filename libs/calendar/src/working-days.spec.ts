import { CalendarNotCoveredError, endOfShanghaiDay, WorkingCalendar } from './working-days';
import { packageCalendar } from './package-calendar';

const calendar = new WorkingCalendar(packageCalendar());

describe('working-day calendar', () => {
  it('counts publicity as DESIGN.md does: posted Mon 2026-09-28, five working days end Sat 2026-10-10 (make-up day)', () => {
    expect(calendar.addWorkingDays('2026-09-28', 5)).toBe('2026-10-10');
    expect(endOfShanghaiDay('2026-10-10').toISOString()).toBe('2026-10-10T16:00:00.000Z');
  });

  it('does not count the start day (Civil Code art. 201)', () => {
    // Posted on a Monday: day 1 is Tuesday.
    expect(calendar.addWorkingDays('2026-11-23', 1)).toBe('2026-11-24');
    // Posted on a Friday: day 1 is the next Monday.
    expect(calendar.addWorkingDays('2026-11-27', 1)).toBe('2026-11-30');
  });

  it('knows holidays, weekends and make-up working days', () => {
    expect(calendar.isWorkingDay('2026-10-01')).toBe(false); // National Day
    expect(calendar.isWorkingDay('2026-10-10')).toBe(true); // make-up Saturday
    expect(calendar.isWorkingDay('2026-11-28')).toBe(false); // ordinary Saturday
    expect(calendar.isWorkingDay('2026-11-27')).toBe(true);
  });

  it('refuses a year it does not cover rather than guess', () => {
    expect(calendar.covers(2026)).toBe(true);
    expect(calendar.covers(2027)).toBe(false);
    expect(() => calendar.isWorkingDay('2027-01-04')).toThrow(CalendarNotCoveredError);
    // Five working days from 2026-12-28 run into 2027.
    expect(() => calendar.addWorkingDays('2026-12-28', 5, 'startsOn')).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'startsOn', year: 2027 }));
  });

  it('counts back for reminders', () => {
    expect(calendar.subtractWorkingDays('2026-10-10', 1)).toBe('2026-10-09');
    expect(calendar.subtractWorkingDays('2026-10-09', 3)).toBe('2026-09-29');
  });

  it('follows the data it is given, so the bureau can correct a year', () => {
    const corrected = new WorkingCalendar({ coveredYears: [2026], holidays: { '2026-11-30': '测试假日' }, makeUpWorkdays: {} });
    expect(corrected.addWorkingDays('2026-11-27', 1)).toBe('2026-12-01');
  });

  it('refuses malformed input', () => {
    expect(() => calendar.addWorkingDays('2026-02-30', 5)).toThrow(/日期无效/);
    expect(() => calendar.addWorkingDays('2026-09-28', 0)).toThrow(/正整数/);
  });
});

describe('WorkingCalendar.fromDays', () => {
  it('builds the calendar from stored rows, covering only the years given', () => {
    const stored = WorkingCalendar.fromDays([2026], [
      { date: '2026-10-01', kind: 'HOLIDAY', name: '国庆节' },
      { date: '2026-10-10', kind: 'MAKEUP_WORKDAY', name: '国庆节' },
    ]);
    expect(stored.isWorkingDay('2026-10-01')).toBe(false);
    expect(stored.isWorkingDay('2026-10-10')).toBe(true);
    expect(stored.covers(2027)).toBe(false);
  });
});
