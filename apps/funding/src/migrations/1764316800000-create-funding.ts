import { createAuditTable, dropAuditTable } from '@cz/db';
import { createEventTables, dropEventTables } from '@cz/events';
import { createParkRefTable, dropParkRefTable } from '@cz/park-refs';
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateFunding1764316800000 implements MigrationInterface {
  name = 'CreateFunding1764316800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createParkRefTable(queryRunner, 'funding');
    // park_id has no foreign key to park_ref: park facts arrive by events, and an award must not
    // depend on the order in which two services' events are delivered.
    await queryRunner.query(`
      CREATE TABLE "funding"."funding_award" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "park_id" uuid NOT NULL,
        "kind" varchar(30) NOT NULL CHECK ("kind" IN ('RECOGNITION_AWARD', 'OPERATING_SUBSIDY')),
        "year" int NOT NULL CHECK ("year" BETWEEN 2000 AND 2999),
        "amount_fen" bigint NOT NULL,
        "status" varchar(20) NOT NULL DEFAULT 'PENDING' CHECK ("status" IN ('PENDING', 'APPROVED', 'HELD', 'PAID', 'CANCELLED')),
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        "version" int NOT NULL DEFAULT 1,
        -- A zero or negative award is a mistake, never a business fact; reversals belong to the ledger.
        CONSTRAINT "funding_award_amount_positive" CHECK ("amount_fen" > 0)
      )`);
    // Art 9: the recognition award is paid once per park, ever; a replayed "park recognised" event
    // hits this index and is treated as done.
    await queryRunner.query(`CREATE UNIQUE INDEX "funding_award_one_recognition_per_park_idx" ON "funding"."funding_award" ("park_id") WHERE "kind" = 'RECOGNITION_AWARD'`);
    // Art 10: at most one operating subsidy per park and funding year.
    await queryRunner.query(`CREATE UNIQUE INDEX "funding_award_one_subsidy_per_park_year_idx" ON "funding"."funding_award" ("park_id", "year") WHERE "kind" = 'OPERATING_SUBSIDY'`);
    // Park.fundingAwards reads a park's awards newest first; lists page by (created_at, id).
    await queryRunner.query(`CREATE INDEX "funding_award_park_created_idx" ON "funding"."funding_award" ("park_id", "created_at" DESC, "id" DESC)`);
    await queryRunner.query(`CREATE INDEX "funding_award_created_idx" ON "funding"."funding_award" ("created_at" DESC, "id" DESC)`);
    await createEventTables(queryRunner, 'funding');
    await createAuditTable(queryRunner, 'funding');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await dropAuditTable(queryRunner, 'funding');
    await dropEventTables(queryRunner, 'funding');
    await queryRunner.query(`DROP TABLE "funding"."funding_award"`);
    await dropParkRefTable(queryRunner, 'funding');
  }
}
