import { createAuditTable, dropAuditTable } from '@cz/db';
import { createEventTables, dropEventTables } from '@cz/events';
import { createParkRefTable, dropParkRefTable } from '@cz/park-refs';
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateApplications1764316800000 implements MigrationInterface {
  name = 'CreateApplications1764316800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createParkRefTable(queryRunner, 'applications');
    // No foreign key to park_ref: the park is the registry's, and its copy here may arrive after
    // the application does; jurisdiction is decided through park_ref at read time.
    await queryRunner.query(`
      CREATE TABLE "applications"."application" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "park_id" uuid NOT NULL,
        "kind" varchar(20) NOT NULL CHECK ("kind" IN ('RECOGNITION', 'SUB_PARK')),
        "stage" varchar(20) NOT NULL DEFAULT 'DRAFT' CHECK ("stage" IN (
          'DRAFT', 'SUBMITTED', 'COUNTY_REVIEW', 'CITY_REVIEW', 'JOINT_EVALUATION', 'PUBLICITY',
          'AWAITING_APPROVAL', 'APPROVED', 'RETURNED', 'REJECTED')),
        "year" int NOT NULL,
        "submitted_at" timestamptz,
        "decided_at" timestamptz,
        "version" int NOT NULL DEFAULT 1,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        -- Only a draft has never been submitted; a returned application keeps its first submission.
        CONSTRAINT "application_submitted_unless_draft" CHECK (("stage" = 'DRAFT') = ("submitted_at" IS NULL)),
        -- A decision date exists exactly for the two final outcomes, and never precedes submission.
        CONSTRAINT "application_decided_when_final" CHECK (("stage" IN ('APPROVED', 'REJECTED')) = ("decided_at" IS NOT NULL)),
        CONSTRAINT "application_decided_after_submitted" CHECK ("decided_at" IS NULL OR "decided_at" >= "submitted_at")
      )`);
    await queryRunner.query(`CREATE INDEX "application_park_idx" ON "applications"."application" ("park_id", "created_at" DESC)`);
    await queryRunner.query(`CREATE INDEX "application_stage_year_idx" ON "applications"."application" ("stage", "year")`);
    await queryRunner.query(`CREATE INDEX "application_created_idx" ON "applications"."application" ("created_at" DESC, "id" DESC)`);
    await createEventTables(queryRunner, 'applications');
    await createAuditTable(queryRunner, 'applications');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await dropAuditTable(queryRunner, 'applications');
    await dropEventTables(queryRunner, 'applications');
    await queryRunner.query(`DROP TABLE "applications"."application"`);
    await dropParkRefTable(queryRunner, 'applications');
  }
}
