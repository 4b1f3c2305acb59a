import { CalendarNotCoveredError, packageCalendar, WorkingCalendar } from '@cz/calendar';
import { BadUserInputError } from '@cz/errors';
import { cycleDeadlines, cycleOpeningDay, parseCycleOpeningRule } from './assessment-cycle.rules';

// The State Council's arrangements as chinese-days carries them. Around the dates below:
// 2026-01-01..03 元旦 (Thu–Sat), Sun 01-04 a make-up working day; 2026-02-15..23 春节,
// Sat 02-14 and Sat 02-28 make-up working days; 2026-04-04..06 清明.
const calendar = new WorkingCalendar(packageCalendar());
const FIRST_WORKING_DAY = parseCycleOpeningRule('first-working-day');

describe('parseCycleOpeningRule (ASSESSMENT_CYCLE_OPENS_ON)', () => {
  it('reads the first working day and fixed days of the first quarter', () => {
    expect(FIRST_WORKING_DAY).toEqual({ kind: 'FIRST_WORKING_DAY' });
    expect(parseCycleOpeningRule(' 02-15 ')).toEqual({ kind: 'FIXED', monthDay: '02-15' });
    expect(parseCycleOpeningRule('03-31')).toEqual({ kind: 'FIXED', monthDay: '03-31' });
  });

  it.each(['04-01', '12-31', '02-30', '02-29', '2-15', '0215', 'first working day', ''])('refuses "%s", naming the variable', (text) => {
    expect(() => parseCycleOpeningRule(text)).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'ASSESSMENT_CYCLE_OPENS_ON' }));
  });
});

describe('cycleOpeningDay (Art 18: 每年第一季度, for the previous year)', () => {
  it('opens the 2025 cycle on Sunday 2026-01-04, the make-up working day after the New Year holiday', () => {
    expect(cycleOpeningDay(calendar, 2025, FIRST_WORKING_DAY)).toBe('2026-01-04');
  });

  it('opens the 2024 cycle on Thursday 2025-01-02, the day after New Year’s Day', () => {
    expect(cycleOpeningDay(calendar, 2024, FIRST_WORKING_DAY)).toBe('2025-01-02');
  });

  it('keeps a fixed day that is a working day, and moves one in the Spring Festival to the first working day after it', () => {
    expect(cycleOpeningDay(calendar, 2025, parseCycleOpeningRule('02-13'))).toBe('2026-02-13');
    expect(cycleOpeningDay(calendar, 2025, parseCycleOpeningRule('02-16'))).toBe('2026-02-24');
    expect(cycleOpeningDay(calendar, 2025, parseCycleOpeningRule('01-01'))).toBe('2026-01-04');
    // An ordinary Saturday moves to Monday; a make-up Saturday stays.
    expect(cycleOpeningDay(calendar, 2025, parseCycleOpeningRule('03-07'))).toBe('2026-03-09');
    expect(cycleOpeningDay(calendar, 2025, parseCycleOpeningRule('02-14'))).toBe('2026-02-14');
  });

  it('refuses a year whose calendar is not known yet rather than guess (2027 is not announced)', () => {
    expect(() => cycleOpeningDay(calendar, 2026, FIRST_WORKING_DAY)).toThrow(CalendarNotCoveredError);
    expect(() => cycleOpeningDay(calendar, 2026, FIRST_WORKING_DAY)).toThrow(expect.objectContaining({ field: 'openedOn', year: 2027 }));
  });
});

describe('cycleDeadlines', () => {
  it('counts 20 + 15 working days from 2026-01-04, not counting the opening day, across the Spring Festival', () => {
    // Mon 01-05 is working day 1; 20 ends Fri 01-30. Review: 02-02..13 are 1–10, Sat 02-14 is 11,
    // 02-15..23 are holidays, 02-24..27 are 12–15.
    expect(cycleDeadlines(calendar, '2026-01-04', 20, 15)).toEqual({
      submissionDeadline: '2026-01-30',
      reviewDeadline: '2026-02-27',
      reminders: { 10: '2026-01-16', 5: '2026-01-23', 1: '2026-01-29' },
    });
  });

  it('counts the make-up Saturdays and skips the holidays when the cycle opens just before the Spring Festival', () => {
    // From Fri 02-13: Sat 02-14 is 1, 02-24..27 are 2–5, Sat 02-28 is 6, 03-02..06 are 7–11,
    // 03-09..13 are 12–16, 03-16..19 are 17–20. Review: 03-20 is 1, 03-23..27 2–6, 03-30..04-03
    // 7–11, 04-04..06 清明, 04-07..10 are 12–15.
    expect(cycleDeadlines(calendar, '2026-02-13', 20, 15)).toEqual({
      submissionDeadline: '2026-03-19',
      reviewDeadline: '2026-04-10',
      reminders: { 10: '2026-03-05', 5: '2026-03-12', 1: '2026-03-18' },
    });
  });

  it('counts reminders back over the Spring Festival, the make-up Saturday included', () => {
    // From Wed 02-04: 02-05..13 are 1–7, Sat 02-14 is 8, 02-24..27 are 9–12. Back from Fri 02-27:
    // 02-26..24 are 1–3, Sat 02-14 is 4, Fri 02-13 is 5, 02-12..09 are 6–9, Fri 02-06 is 10.
    // The review's one working day is the make-up Saturday 02-28.
    expect(cycleDeadlines(calendar, '2026-02-04', 12, 1)).toEqual({
      submissionDeadline: '2026-02-27',
      reviewDeadline: '2026-02-28',
      reminders: { 10: '2026-02-06', 5: '2026-02-13', 1: '2026-02-26' },
    });
  });

  it('refuses a submission period too short for the first reminder, naming the field', () => {
    expect(() => cycleDeadlines(calendar, '2026-01-04', 10, 15)).toThrow(BadUserInputError);
    expect(() => cycleDeadlines(calendar, '2026-01-04', 10, 15)).toThrow(expect.objectContaining({ field: 'submissionWorkingDays' }));
    expect(() => cycleDeadlines(calendar, '2026-01-04', 20.5, 15)).toThrow(expect.objectContaining({ field: 'submissionWorkingDays' }));
  });

  it('refuses deadlines that would run into a year the calendar does not cover', () => {
    expect(() => cycleDeadlines(calendar, '2026-12-01', 20, 15)).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT', year: 2027 }));
  });
});
