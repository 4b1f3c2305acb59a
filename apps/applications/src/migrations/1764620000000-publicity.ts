import { createCalendarCopyTables, dropCalendarCopyTables } from '@cz/calendar-copy';
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Publicity1764620000000 implements MigrationInterface {
  name = 'Publicity1764620000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // This service's copy of the registry's working-day calendar: publicity ends are computed here,
    // inside the transaction that opens a period, without a call to another service.
    await createCalendarCopyTables(queryRunner, 'applications');

    await queryRunner.query(`
      CREATE TABLE "applications"."publicity" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "title" varchar(200) NOT NULL,
        "posted_on" date NOT NULL,
        -- Art 7(三): 不少于 5 working days; a county's policy version may ask for more.
        "working_days" int NOT NULL CHECK ("working_days" >= 5),
        "ends_on" date NOT NULL CHECK ("ends_on" > "posted_on"),
        "ends_at" timestamptz NOT NULL,
        "status" varchar(10) NOT NULL DEFAULT 'OPEN' CHECK ("status" IN ('OPEN', 'CLOSED')),
        "version" int NOT NULL DEFAULT 1,
        "opened_by" varchar(100) NOT NULL,
        "created_at" timestamptz(3) NOT NULL DEFAULT now(),
        "closed_at" timestamptz(3),
        -- The period ends at 24:00 Beijing time of its last working day, i.e. 00:00+08 of the next day.
        CONSTRAINT "publicity_ends_at_end_of_day" CHECK ("ends_at" = ("ends_on" + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'),
        CONSTRAINT "publicity_closed_at_when_closed" CHECK (("status" = 'CLOSED') = ("closed_at" IS NOT NULL))
      )`);
    await queryRunner.query(`CREATE INDEX "publicity_status_created_idx" ON "applications"."publicity" ("status", "created_at" DESC, "id" DESC)`);
    await queryRunner.query(`CREATE INDEX "publicity_open_ends_idx" ON "applications"."publicity" ("ends_at") WHERE "status" = 'OPEN'`);

    await queryRunner.query(`
      CREATE TABLE "applications"."publicity_item" (
        "publicity_id" uuid NOT NULL REFERENCES "applications"."publicity" ("id"),
        "application_id" uuid NOT NULL REFERENCES "applications"."application" ("id"),
        -- Null while the application is in the period; then where it went.
        "outcome" varchar(20) CHECK ("outcome" IN ('AWAITING_APPROVAL', 'RETURNED', 'REJECTED')),
        "decided_at" timestamptz(3),
        -- Set with the one "blocked by an objection" notification, so a re-run deadline never repeats it.
        "blocked_notified_at" timestamptz(3),
        PRIMARY KEY ("publicity_id", "application_id"),
        CONSTRAINT "publicity_item_decided_with_outcome" CHECK (("outcome" IS NULL) = ("decided_at" IS NULL))
      )`);
    // An application is in at most one running period at a time.
    await queryRunner.query(`CREATE UNIQUE INDEX "publicity_item_pending_application_uq" ON "applications"."publicity_item" ("application_id") WHERE "outcome" IS NULL`);

    await queryRunner.query(`
      CREATE TABLE "applications"."objection" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "publicity_id" uuid NOT NULL,
        "application_id" uuid NOT NULL,
        "filer_name" varchar(50),
        "filer_contact" varchar(100) NOT NULL,
        "reason" text NOT NULL CHECK (char_length("reason") BETWEEN 10 AND 2000),
        "source_address" varchar(64),
        "status" varchar(10) NOT NULL DEFAULT 'OPEN' CHECK ("status" IN ('OPEN', 'UPHELD', 'DISMISSED')),
        "resolution" text,
        "resolved_by" varchar(100),
        "filed_at" timestamptz(3) NOT NULL,
        "resolved_at" timestamptz(3),
        FOREIGN KEY ("publicity_id", "application_id") REFERENCES "applications"."publicity_item" ("publicity_id", "application_id"),
        -- A decision always says who decided, when and why.
        CONSTRAINT "objection_resolved_when_decided" CHECK (("status" = 'OPEN') = ("resolved_at" IS NULL) AND ("status" = 'OPEN') = ("resolution" IS NULL) AND ("status" = 'OPEN') = ("resolved_by" IS NULL))
      )`);
    await queryRunner.query(`COMMENT ON COLUMN "applications"."objection"."filer_name" IS 'Personal information (Art 17): the city bureau only.'`);
    await queryRunner.query(`COMMENT ON COLUMN "applications"."objection"."filer_contact" IS 'Personal information (Art 17): the city bureau only.'`);
    await queryRunner.query(`CREATE INDEX "objection_open_item_idx" ON "applications"."objection" ("publicity_id", "application_id") WHERE "status" = 'OPEN'`);
    await queryRunner.query(`CREATE INDEX "objection_source_filed_idx" ON "applications"."objection" ("source_address", "filed_at")`);
    await queryRunner.query(`CREATE INDEX "objection_filed_idx" ON "applications"."objection" ("filed_at" DESC, "id" DESC)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "applications"."objection"`);
    await queryRunner.query(`DROP TABLE "applications"."publicity_item"`);
    await queryRunner.query(`DROP TABLE "applications"."publicity"`);
    await dropCalendarCopyTables(queryRunner, 'applications');
  }
}
