import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Art 10 inputs: the city's yearly employment targets and each park's employment-promotion report.
 * A RETURNED report is corrected in place (guarded update on version); its earlier figures live in
 * the audit log, so a park keeps exactly one report per year.
 */
export class Employment1764820000000 implements MigrationInterface {
  name = 'Employment1764820000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "funding"."yearly_target" (
        "year" int PRIMARY KEY CHECK ("year" BETWEEN 2000 AND 2100),
        "urban_new_employment" int NOT NULL CHECK ("urban_new_employment" >= 0),
        "rural_labour_transfer" int NOT NULL CHECK ("rural_labour_transfer" >= 0),
        "version" int NOT NULL DEFAULT 1,
        "entered_by" varchar(100) NOT NULL,
        "entered_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE "funding"."employment_report" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "park_id" uuid NOT NULL,
        "year" int NOT NULL CHECK ("year" BETWEEN 2000 AND 2100),
        "employment_promoted" int NOT NULL CHECK ("employment_promoted" >= 0),
        "evidence" text NOT NULL,
        "status" varchar(10) NOT NULL CHECK ("status" IN ('REPORTED', 'VERIFIED', 'RETURNED')),
        "return_reason" text,
        "version" int NOT NULL DEFAULT 1,
        "reported_by" varchar(100) NOT NULL,
        "reported_at" timestamptz NOT NULL DEFAULT now(),
        "verified_by" varchar(100),
        "verified_at" timestamptz,
        CONSTRAINT "employment_report_return_reason" CHECK (("status" = 'RETURNED') = ("return_reason" IS NOT NULL)),
        CONSTRAINT "employment_report_verified" CHECK (("status" = 'VERIFIED') = ("verified_at" IS NOT NULL AND "verified_by" IS NOT NULL))
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX "employment_report_park_year_idx" ON "funding"."employment_report" ("park_id", "year")`);
    await queryRunner.query(`CREATE INDEX "employment_report_reported_idx" ON "funding"."employment_report" ("reported_at" DESC, "id" DESC)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "funding"."employment_report"`);
    await queryRunner.query(`DROP TABLE "funding"."yearly_target"`);
  }
}
