import { BadUserInputError } from '@cz/errors';
import { type CalendarYearChange, validateCalendarYear } from './calendar-year.rules';

const valid: CalendarYearChange = {
  covered: true,
  holidays: [
    { date: '2027-10-02', name: '国庆节' },
    { date: '2027-10-01', name: ' 国庆节 ' },
  ],
  makeUpWorkdays: [{ date: '2027-09-26', name: '国庆节' }],
};

function fieldOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof BadUserInputError) return error.field;
    throw error;
  }
  return undefined;
}

describe('calendar year input rules', () => {
  it('accepts a well-formed year, trimming names and sorting by date', () => {
    expect(validateCalendarYear(2027, undefined, valid)).toEqual({
      covered: true,
      holidays: [
        { date: '2027-10-01', name: '国庆节' },
        { date: '2027-10-02', name: '国庆节' },
      ],
      makeUpWorkdays: [{ date: '2027-09-26', name: '国庆节' }],
    });
  });

  it('keeps the year between 2000 and 2100', () => {
    expect(fieldOf(() => validateCalendarYear(1999, undefined, { covered: true, holidays: [], makeUpWorkdays: [] }))).toBe('year');
    expect(fieldOf(() => validateCalendarYear(2101, undefined, { covered: true, holidays: [], makeUpWorkdays: [] }))).toBe('year');
    expect(fieldOf(() => validateCalendarYear(2000, undefined, { covered: true, holidays: [], makeUpWorkdays: [] }))).toBeUndefined();
    expect(fieldOf(() => validateCalendarYear(2100, undefined, { covered: true, holidays: [], makeUpWorkdays: [] }))).toBeUndefined();
  });

  it('names the entry at fault', () => {
    const cases: Array<[Partial<CalendarYearChange>, string]> = [
      [{ holidays: [{ date: '2026-12-31', name: '元旦' }] }, 'input.holidays[0].date'],
      [{ holidays: [{ date: '2027-02-30', name: '春节' }] }, 'input.holidays[0].date'],
      [{ holidays: [...valid.holidays, { date: '2027-10-01', name: '重复' }] }, 'input.holidays[2].date'],
      [{ makeUpWorkdays: [{ date: '2027-10-01', name: '国庆节' }] }, 'input.makeUpWorkdays[0].date'],
      // 2027-09-27 is a Monday: it is a working day already.
      [{ makeUpWorkdays: [{ date: '2027-09-27', name: '国庆节' }] }, 'input.makeUpWorkdays[0].date'],
      [{ holidays: [{ date: '2027-10-01', name: '   ' }] }, 'input.holidays[0].name'],
      [{ holidays: [{ date: '2027-10-01', name: '节'.repeat(31) }] }, 'input.holidays[0].name'],
      [{ holidays: [{ date: '2027-10-01', name: '国庆\u0007节' }] }, 'input.holidays[0].name'],
    ];
    for (const [change, field] of cases) expect(fieldOf(() => validateCalendarYear(2027, 1, { ...valid, ...change }))).toBe(field);
    expect(fieldOf(() => validateCalendarYear(2027, 0, valid))).toBe('expectedVersion');
  });

  it('counts a 30-character name by characters, not bytes', () => {
    expect(fieldOf(() => validateCalendarYear(2027, undefined, { ...valid, holidays: [{ date: '2027-10-01', name: '节'.repeat(30) }] }))).toBeUndefined();
  });
});
