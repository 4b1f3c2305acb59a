import type { Identity } from '@cz/auth';
import { asGateway, errorCode, postGraphQL, startTestSubgraph, type TestSubgraph } from '@cz/testing';
import { registryService } from '../service';

const anonymous: Identity = { subject: 'anonymous', role: 'PUBLIC' };
const city: Identity = { subject: 'city-1', role: 'CITY_BUREAU' };
const luzhou: Identity = { subject: 'county-1', role: 'COUNTY_BUREAU', countyCode: '140403' };

const YEAR = `query($year: Int!) { workingCalendar(year: $year) { year covered version updatedAt holidays { date name } makeUpWorkdays { date name } } }`;
const ADD = `query($from: Date!, $days: Int!) { addWorkingDays(from: $from, days: $days) }`;
const SET = `mutation($year: Int!, $v: Int, $input: CalendarYearInput!) { setCalendarYear(year: $year, expectedVersion: $v, input: $input) { year covered version holidays { date name } makeUpWorkdays { date name } } }`;

interface Day {
  date: string;
  name: string;
}
interface Year {
  year: number;
  covered: boolean;
  version: number;
  holidays: Day[];
  makeUpWorkdays: Day[];
}

const days = (name: string, ...dates: string[]): Day[] => dates.map((date) => ({ date, name }));

/** 2027 as the State Council might publish it in November 2026 (a test fixture, not the real notice). */
const year2027 = {
  covered: true,
  holidays: [...days('元旦', '2027-01-01', '2027-01-02', '2027-01-03'), ...days('春节', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11', '2027-02-12')],
  makeUpWorkdays: days('春节', '2027-02-14', '2027-02-20'),
};

describe('working-day calendar (real PostgreSQL)', () => {
  let registry: TestSubgraph;
  const count = async (sql: string, parameters: unknown[] = []) => Number((await registry.service.dataSource.query(`SELECT count(*) AS n FROM ${sql}`, parameters))[0].n);
  const addWorkingDays = async (from: string, n: number) => asGateway<{ addWorkingDays: string }>(registry.url, anonymous, ADD, { from, days: n });
  const read = async (year: number) => (await asGateway<{ workingCalendar: Year | null }>(registry.url, anonymous, YEAR, { year })).data?.workingCalendar;
  const state = async () => ({
    years: await count('registry.calendar_year'),
    days: await count('registry.calendar_day'),
    outbox: await count(`registry.outbox_event WHERE type = 'registry.calendar-changed'`),
    audit: await count(`registry.audit_log WHERE operation = 'calendar.update' AND outcome = 'SUCCEEDED'`),
  });

  beforeAll(async () => {
    registry = await startTestSubgraph(registryService);
  });
  afterAll(async () => {
    await registry.close();
  });

  it('lets anyone read the pre-filled calendar and preview a deadline in it', async () => {
    const y2026 = await read(2026);
    expect(y2026).toMatchObject({ year: 2026, covered: true, version: 1 });
    expect(y2026?.makeUpWorkdays).toContainEqual({ date: '2026-10-10', name: '国庆节' });
    expect(y2026?.holidays).toContainEqual({ date: '2026-10-01', name: '国庆节' });
    const years = await asGateway<{ coveredCalendarYears: number[] }>(registry.url, anonymous, `{ coveredCalendarYears }`);
    expect(years.data?.coveredCalendarYears).toEqual(Array.from({ length: 23 }, (_, index) => 2004 + index));
    expect((await addWorkingDays('2026-09-28', 5)).data?.addWorkingDays).toBe('2026-10-10');
  });

  it('refuses to count into a year the calendar does not cover', async () => {
    expect(await read(2027)).toBeNull();
    const into2027 = await addWorkingDays('2026-12-28', 5);
    expect(into2027.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'days', year: 2027 });
    expect(into2027.errors?.[0].message).toMatch(/2027 年的工作日历尚未录入/);
    const from2030 = await addWorkingDays('2030-03-01', 1);
    expect(from2030.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'from' });
    expect((await addWorkingDays('2026-09-28', 0)).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'days' });
  });

  it('lets the city bureau enter a new year, with its audit row and one event carrying the whole year', async () => {
    const before = await state();
    const response = await asGateway<{ setCalendarYear: Year }>(registry.url, city, SET, { year: 2027, input: year2027 });
    expect(response.errors).toBeUndefined();
    expect(response.data?.setCalendarYear).toMatchObject({ year: 2027, covered: true, version: 1 });
    expect(response.data?.setCalendarYear.holidays).toHaveLength(10);

    const events = await registry.service.dataSource.query(`SELECT payload FROM registry.outbox_event WHERE type = 'registry.calendar-changed' AND aggregate_id = '2027'`);
    expect(events).toHaveLength(1);
    expect(events[0].payload).toEqual({ year: 2027, covered: true, version: 1, holidays: year2027.holidays, makeUpWorkdays: year2027.makeUpWorkdays });
    const [audit] = await registry.service.dataSource.query(`SELECT actor, changes FROM registry.audit_log WHERE target_type = 'CalendarYear' AND target_id = '2027'`);
    expect(audit).toMatchObject({ actor: 'city-1', changes: { covered: [null, true], version: [null, 1] } });
    expect(await state()).toEqual({ years: before.years + 1, days: before.days + 12, outbox: before.outbox + 1, audit: before.audit + 1 });

    // 2027-01-01..03 are holidays: five working days from 2026-12-28 end on Tuesday 2027-01-05.
    expect((await addWorkingDays('2026-12-28', 5)).data?.addWorkingDays).toBe('2027-01-05');
    expect((await asGateway<{ coveredCalendarYears: number[] }>(registry.url, anonymous, `{ coveredCalendarYears }`)).data?.coveredCalendarYears.at(-1)).toBe(2027);
  });

  it('refuses to create a year twice', async () => {
    const before = await state();
    expect(errorCode(await asGateway(registry.url, city, SET, { year: 2027, input: year2027 }))).toBe('CONFLICT');
    expect(errorCode(await asGateway(registry.url, city, SET, { year: 2031, v: 1, input: { covered: true, holidays: [], makeUpWorkdays: [] } }))).toBe('NOT_FOUND');
    expect(await state()).toEqual(before);
  });

  it('lets the bureau correct a year against the version it saw, and refuses a stale edit', async () => {
    const current = (await read(2026))!;
    const corrected = { covered: true, holidays: [...current.holidays, { date: '2026-10-09', name: '国庆节' }], makeUpWorkdays: current.makeUpWorkdays };
    const response = await asGateway<{ setCalendarYear: Year }>(registry.url, city, SET, { year: 2026, v: 1, input: corrected });
    expect(response.errors).toBeUndefined();
    expect(response.data?.setCalendarYear.version).toBe(2);
    expect((await addWorkingDays('2026-09-28', 5)).data?.addWorkingDays).toBe('2026-10-12');
    const [event] = await registry.service.dataSource.query(`SELECT payload FROM registry.outbox_event WHERE aggregate_id = '2026' ORDER BY occurred_at DESC LIMIT 1`);
    expect(event.payload).toMatchObject({ year: 2026, version: 2 });
    expect(event.payload.holidays).toContainEqual({ date: '2026-10-09', name: '国庆节' });
    const [audit] = await registry.service.dataSource.query(`SELECT changes FROM registry.audit_log WHERE target_id = '2026'`);
    expect(audit.changes.holidays).toEqual({ added: ['2026-10-09 国庆节'], removed: [] });

    const before = await state();
    const stale = await asGateway(registry.url, city, SET, { year: 2026, v: 1, input: { ...corrected, holidays: current.holidays } });
    expect(errorCode(stale)).toBe('CONFLICT');
    expect(stale.errors?.[0].extensions).toMatchObject({ currentVersion: 2 });
    expect(await state()).toEqual(before);
    expect(await count(`registry.calendar_day WHERE date = '2026-10-09'`)).toBe(1);
    expect((await read(2026))?.version).toBe(2);
  });

  it('lets one of two concurrent edits of a year win', async () => {
    const current = (await read(2027))!;
    const edit = (name: string) => asGateway(registry.url, city, SET, { year: 2027, v: current.version, input: { ...year2027, holidays: [...year2027.holidays, { date: '2027-12-31', name }] } });
    const codes = (await Promise.all([edit('测试甲'), edit('测试乙')])).map((response) => (response.errors ? errorCode(response) : 'OK')).sort();
    expect(codes).toEqual(['CONFLICT', 'OK']);
    expect((await read(2027))?.version).toBe(current.version + 1);
    expect(await count(`registry.calendar_day WHERE year = 2027`)).toBe(13);
  });

  it('lets only the city bureau change the calendar', async () => {
    const before = await state();
    expect(errorCode(await asGateway(registry.url, luzhou, SET, { year: 2028, input: year2027 }))).toBe('FORBIDDEN');
    expect(errorCode(await asGateway(registry.url, anonymous, SET, { year: 2028, input: year2027 }))).toBe('UNAUTHENTICATED');
    const unsigned = await postGraphQL(registry.url, SET, { year: 2028, input: year2027 });
    expect(unsigned.status).toBe(401);
    expect(await state()).toEqual(before);
  });

  it('rejects bad input naming the field, and writes nothing', async () => {
    const before = await state();
    const empty = { covered: true, holidays: [], makeUpWorkdays: [] };
    const cases: Array<[number, Record<string, unknown>, string]> = [
      [1999, empty, 'year'],
      [2028, { ...empty, holidays: days('元旦', '2028-01-01', '2027-12-31') }, 'input.holidays[1].date'],
      [2028, { ...empty, holidays: days('元旦', '2028-01-01', '2028-01-02', '2028-01-01') }, 'input.holidays[2].date'],
      [2028, { ...empty, holidays: days('国庆节', '2028-10-01'), makeUpWorkdays: days('国庆节', '2028-10-01') }, 'input.makeUpWorkdays[0].date'],
      // 2028-10-09 is a Monday.
      [2028, { ...empty, makeUpWorkdays: days('国庆节', '2028-10-09') }, 'input.makeUpWorkdays[0].date'],
      [2028, { ...empty, holidays: days('节'.repeat(31), '2028-10-01') }, 'input.holidays[0].name'],
      [2028, { ...empty, holidays: days('国庆\n节', '2028-10-01') }, 'input.holidays[0].name'],
      [2028, { ...empty, holidays: days('', '2028-10-01') }, 'input.holidays[0].name'],
    ];
    for (const [year, input, field] of cases) {
      const response = await asGateway(registry.url, city, SET, { year, input });
      expect(response.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(response.errors?.[0].message).toMatch(/[\u4e00-\u9fa5]/);
    }
    // A date that does not exist is stopped by the Date scalar, which names the path in its message.
    const impossible = await asGateway(registry.url, city, SET, { year: 2028, input: { ...empty, holidays: days('春节', '2028-02-30') } });
    expect(errorCode(impossible)).toBe('BAD_USER_INPUT');
    expect(impossible.errors?.[0].message).toContain('input.holidays[0].date');
    expect(await state()).toEqual(before);
  });
});
