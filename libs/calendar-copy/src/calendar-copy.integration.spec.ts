import type { CalendarChangedPayload } from '@cz/queue-contracts';
import { createTestDatabase, type TestDatabase } from '@cz/test-infra';
import { DataSource } from 'typeorm';
import { loadWorkingCalendar, replaceCalendarYear } from './calendar-copy';
import { createCalendarCopyTables, dropCalendarCopyTables } from './calendar-copy-tables';

const SCHEMA = 'calendar_copy_test';

/** 2026 as a bureau might correct it: 11-30 (a Monday) declared a holiday. */
const corrected2026 = (version: number): CalendarChangedPayload => ({ year: 2026, covered: true, holidays: [{ date: '2026-11-30', name: '测试假日' }], makeUpWorkdays: [{ date: '2026-12-05', name: '测试调休' }], version });

describe('calendar copy (real PostgreSQL)', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  const calendar = () => loadWorkingCalendar(dataSource.manager, SCHEMA);
  const replace = (change: CalendarChangedPayload) => dataSource.transaction((manager) => replaceCalendarYear(manager, SCHEMA, change));

  beforeAll(async () => {
    database = await createTestDatabase('calendar_copy');
    dataSource = new DataSource({ type: 'postgres', url: database.url });
    await dataSource.initialize();
    const runner = dataSource.createQueryRunner();
    await runner.query(`CREATE SCHEMA "${SCHEMA}"`);
    await createCalendarCopyTables(runner, SCHEMA);
    await runner.release();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it('starts from the package calendar, as the registry does', async () => {
    const copy = await calendar();
    expect(copy.isWorkingDay('2026-10-01')).toBe(false);
    expect(copy.isWorkingDay('2026-10-10')).toBe(true);
    expect(copy.addWorkingDays('2026-09-28', 5)).toBe('2026-10-10');
    expect(copy.covers(2027)).toBe(false);
  });

  it('replaces a year with a newer version only, so a late or repeated event changes nothing', async () => {
    expect(await replace(corrected2026(2))).toBe(true);
    let copy = await calendar();
    expect(copy.isWorkingDay('2026-11-30')).toBe(false);
    expect(copy.isWorkingDay('2026-12-05')).toBe(true);
    // The package's 2026 days are gone with the old version.
    expect(copy.isWorkingDay('2026-10-01')).toBe(true);

    expect(await replace(corrected2026(2))).toBe(false);
    expect(await replace({ year: 2026, covered: true, holidays: [], makeUpWorkdays: [], version: 1 })).toBe(false);
    copy = await calendar();
    expect(copy.isWorkingDay('2026-11-30')).toBe(false);
  });

  it('adds a newly announced year, and withdraws a year no longer covered', async () => {
    expect(await replace({ year: 2027, covered: true, holidays: [{ date: '2027-01-01', name: '元旦' }], makeUpWorkdays: [], version: 1 })).toBe(true);
    expect((await calendar()).isWorkingDay('2027-01-01')).toBe(false);
    expect(await replace({ year: 2027, covered: false, holidays: [], makeUpWorkdays: [], version: 2 })).toBe(true);
    expect((await calendar()).covers(2027)).toBe(false);
  });

  it('drops its tables again', async () => {
    const runner = dataSource.createQueryRunner();
    await dropCalendarCopyTables(runner, SCHEMA);
    await runner.release();
    expect(await dataSource.query(`SELECT to_regclass('"${SCHEMA}"."calendar_year"') AS t`)).toEqual([{ t: null }]);
  });
});
