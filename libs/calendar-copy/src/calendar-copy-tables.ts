import { packageCalendar } from '@cz/calendar';
import type { QueryRunner } from 'typeorm';

/**
 * A service's copy of the registry's working-day calendar, so deadlines are computed inside the
 * service's own transactions without a call to another service. The registry's
 * `registry.calendar-changed` events keep it current (`replaceCalendarYear`); it starts from the
 * same package data the registry starts from.
 */
export async function createCalendarCopyTables(queryRunner: QueryRunner, schema: string): Promise<void> {
  await queryRunner.query(`
      CREATE TABLE "${schema}"."calendar_year" (
        "year" int PRIMARY KEY,
        -- False: the State Council has not announced the year; nothing may be counted into it.
        "covered" boolean NOT NULL,
        -- The registry's version of this year; an older registry.calendar-changed event is ignored.
        "version" int NOT NULL
      )`);
  await queryRunner.query(`
      CREATE TABLE "${schema}"."calendar_day" (
        "date" date PRIMARY KEY,
        "year" int NOT NULL REFERENCES "${schema}"."calendar_year" ("year") ON DELETE CASCADE,
        "kind" varchar(20) NOT NULL CHECK ("kind" IN ('HOLIDAY', 'MAKEUP_WORKDAY')),
        "name" varchar(50) NOT NULL,
        CONSTRAINT "calendar_day_in_its_year" CHECK (EXTRACT(YEAR FROM "date")::int = "year")
      )`);
  await seedPackageCalendar(queryRunner, schema);
}

export async function dropCalendarCopyTables(queryRunner: QueryRunner, schema: string): Promise<void> {
  await queryRunner.query(`DROP TABLE "${schema}"."calendar_day"`);
  await queryRunner.query(`DROP TABLE "${schema}"."calendar_year"`);
}

/** Version 1 of every year: the same package data the registry starts from. */
async function seedPackageCalendar(queryRunner: QueryRunner, schema: string): Promise<void> {
  const calendar = packageCalendar();
  const days = [...Object.entries(calendar.holidays).map(([date, name]) => [date, 'HOLIDAY', name]), ...Object.entries(calendar.makeUpWorkdays).map(([date, name]) => [date, 'MAKEUP_WORKDAY', name])];
  await queryRunner.query(`INSERT INTO "${schema}"."calendar_year" ("year", "covered", "version") SELECT unnest($1::int[]), true, 1`, [calendar.coveredYears]);
  await queryRunner.query(
    `INSERT INTO "${schema}"."calendar_day" ("date", "year", "kind", "name")
     SELECT d, EXTRACT(YEAR FROM d)::int, k, n FROM unnest($1::date[], $2::varchar[], $3::varchar[]) AS t(d, k, n)`,
    [days.map((day) => day[0]), days.map((day) => day[1]), days.map((day) => day[2])],
  );
}
