import { createAuditTable, dropAuditTable } from '@cz/db';
import { createEventTables, dropEventTables } from '@cz/events';
import { createParkRefTable, dropParkRefTable } from '@cz/park-refs';
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateAssessment1764403200000 implements MigrationInterface {
  name = 'CreateAssessment1764403200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createParkRefTable(queryRunner, 'assessment');
    await queryRunner.query(`
      CREATE TABLE "assessment"."assessment" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        -- Only parks this service has heard of can be assessed, so every row can be authorised by county.
        "park_id" uuid NOT NULL REFERENCES "assessment"."park_ref" ("park_id"),
        "year" int NOT NULL CHECK ("year" BETWEEN 2000 AND 2100),
        "status" varchar(20) NOT NULL DEFAULT 'OPEN' CHECK ("status" IN ('OPEN', 'SELF_ASSESSED', 'SCORED', 'RECTIFYING', 'FINAL')),
        "total_score" numeric(5, 2) CHECK ("total_score" BETWEEN 0 AND 100),
        "grade" varchar(20) CHECK ("grade" IN ('EXCELLENT', 'QUALIFIED', 'UNQUALIFIED')),
        "version" int NOT NULL DEFAULT 1,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        -- A grade exists exactly once the assessment is scored, and it always comes with the score it was derived from.
        CONSTRAINT "assessment_grade_when_scored" CHECK (("grade" IS NOT NULL) = ("status" IN ('SCORED', 'RECTIFYING', 'FINAL'))),
        CONSTRAINT "assessment_score_with_grade" CHECK (("total_score" IS NOT NULL) = ("grade" IS NOT NULL))
      )`);
    // One assessment per park per year (Art 18 assesses each park once a year): opening a cycle
    // twice, or a replayed job, hits this index instead of creating a second assessment.
    await queryRunner.query(`CREATE UNIQUE INDEX "assessment_park_year_key" ON "assessment"."assessment" ("park_id", "year")`);
    await queryRunner.query(`CREATE INDEX "assessment_year_idx" ON "assessment"."assessment" ("year" DESC, "id" DESC)`);
    await queryRunner.query(`CREATE INDEX "assessment_status_idx" ON "assessment"."assessment" ("status")`);
    await createEventTables(queryRunner, 'assessment');
    await createAuditTable(queryRunner, 'assessment');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await dropAuditTable(queryRunner, 'assessment');
    await dropEventTables(queryRunner, 'assessment');
    await queryRunner.query(`DROP TABLE "assessment"."assessment"`);
    await dropParkRefTable(queryRunner, 'assessment');
  }
}
