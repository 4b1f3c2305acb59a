import { packageCalendar } from '@cz/calendar';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Who the pre-filled years are attributed to in `updated_by`: the package, not a person. */
const SEEDED_BY = 'package:chinese-days';

export class WorkingCalendar1764600000000 implements MigrationInterface {
  name = 'WorkingCalendar1764600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // One row per year the bureau maintains. `covered` = its holidays are known (the State Council
    // has announced them); an uncovered year is refused by every working-day computation.
    await queryRunner.query(`
      CREATE TABLE "registry"."calendar_year" (
        "year" int PRIMARY KEY CHECK ("year" BETWEEN 2000 AND 2100),
        "covered" boolean NOT NULL,
        "version" int NOT NULL DEFAULT 1 CHECK ("version" >= 1),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        "updated_by" varchar(100) NOT NULL
      )`);
    // The date is the key: a date is either a holiday or a make-up working day, never both, and
    // never twice. Make-up working days (调休上班) only ever turn a weekend day into a working day.
    await queryRunner.query(`
      CREATE TABLE "registry"."calendar_day" (
        "date" date PRIMARY KEY,
        "year" int NOT NULL REFERENCES "registry"."calendar_year" ("year"),
        "kind" varchar(20) NOT NULL CHECK ("kind" IN ('HOLIDAY', 'MAKEUP_WORKDAY')),
        "name" varchar(30) NOT NULL CHECK (char_length(btrim("name")) >= 1 AND "name" !~ '[[:cntrl:]]'),
        CONSTRAINT "calendar_day_in_its_year" CHECK ("year" = extract(year FROM "date")::int),
        CONSTRAINT "calendar_day_makeup_on_weekend" CHECK ("kind" <> 'MAKEUP_WORKDAY' OR extract(isodow FROM "date") IN (6, 7))
      )`);
    await queryRunner.query(`CREATE INDEX "calendar_day_year_idx" ON "registry"."calendar_day" ("year", "date")`);

    // The years the package carries when this migration runs; later years are entered by the
    // bureau through setCalendarYear (the applications service seeds its copy from the same package).
    const calendar = packageCalendar();
    await queryRunner.query(
      `INSERT INTO "registry"."calendar_year" ("year", "covered", "version", "updated_by")
       SELECT year, true, 1, $2 FROM unnest($1::int[]) AS year`,
      [calendar.coveredYears, SEEDED_BY],
    );
    const days = [
      ...Object.entries(calendar.holidays).map(([date, name]) => ({ date, kind: 'HOLIDAY', name })),
      ...Object.entries(calendar.makeUpWorkdays).map(([date, name]) => ({ date, kind: 'MAKEUP_WORKDAY', name })),
    ];
    await queryRunner.query(
      `INSERT INTO "registry"."calendar_day" ("date", "year", "kind", "name")
       SELECT day.date, extract(year FROM day.date)::int, day.kind, day.name
         FROM unnest($1::date[], $2::varchar[], $3::varchar[]) AS day(date, kind, name)`,
      [days.map((day) => day.date), days.map((day) => day.kind), days.map((day) => day.name)],
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "registry"."calendar_day"`);
    await queryRunner.query(`DROP TABLE "registry"."calendar_year"`);
  }
}
