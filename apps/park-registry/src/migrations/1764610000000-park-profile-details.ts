import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Sites, resident institutions, public service functions and the status history of a park (issue 3). */
export class ParkProfileDetails1764610000000 implements MigrationInterface {
  name = 'ParkProfileDetails1764610000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "registry"."park_site" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "park_id" uuid NOT NULL REFERENCES "registry"."park" ("id"),
        "name" varchar(100) NOT NULL,
        "address" varchar(200) NOT NULL,
        "building_area_m2" numeric(12, 2) NOT NULL CHECK ("building_area_m2" > 0),
        "is_core" boolean NOT NULL,
        "added_by_application_id" uuid,
        "created_at" timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX "park_site_park_idx" ON "registry"."park_site" ("park_id")`);
    // Art 6(二): a park has one core site (核心园区); every other site is a sub-park.
    await queryRunner.query(`CREATE UNIQUE INDEX "park_site_one_core_uq" ON "registry"."park_site" ("park_id") WHERE "is_core"`);
    // Art 8: an approved sub-park application adds its site once, however often its event arrives.
    await queryRunner.query(`CREATE UNIQUE INDEX "park_site_added_by_application_uq" ON "registry"."park_site" ("park_id", "added_by_application_id") WHERE "added_by_application_id" IS NOT NULL`);

    await queryRunner.query(`
      CREATE TABLE "registry"."resident_institution" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "park_id" uuid NOT NULL REFERENCES "registry"."park" ("id"),
        "name" varchar(100) NOT NULL,
        -- 统一社会信用代码 (GB 32100): 18 characters, no I, O, S, V, Z.
        "credit_code" char(18) NOT NULL CHECK ("credit_code" ~ '^[0-9A-HJ-NPQRTUWXY]{18}$'),
        "licence_kind" varchar(10) NOT NULL CHECK ("licence_kind" IN ('LICENCE', 'FILING')),
        "licence_no" varchar(100) NOT NULL CHECK (btrim("licence_no") <> ''),
        "licence_valid_until" date,
        "operating" boolean NOT NULL,
        "revenue_fen" bigint NOT NULL CHECK ("revenue_fen" >= 0),
        "revenue_year" int NOT NULL CHECK ("revenue_year" BETWEEN 2000 AND 2100),
        "source_application_id" uuid,
        "created_at" timestamptz NOT NULL DEFAULT now()
      )`);
    // One roster line per institution: a duplicate would inflate the Art 6(三) institution count.
    await queryRunner.query(`CREATE UNIQUE INDEX "resident_institution_park_credit_code_uq" ON "registry"."resident_institution" ("park_id", "credit_code")`);

    await queryRunner.query(`
      CREATE TABLE "registry"."park_public_service" (
        "park_id" uuid NOT NULL REFERENCES "registry"."park" ("id"),
        "function" varchar(40) NOT NULL CHECK ("function" IN ('EMPLOYMENT_ENTREPRENEURSHIP', 'VOCATIONAL_TRAINING', 'SOCIAL_SECURITY', 'PERSONNEL_TALENT')),
        -- A function is either offered or not: it cannot be listed twice.
        PRIMARY KEY ("park_id", "function")
      )`);

    await queryRunner.query(`
      CREATE TABLE "registry"."park_status_history" (
        "id" bigserial PRIMARY KEY,
        "park_id" uuid NOT NULL REFERENCES "registry"."park" ("id"),
        "from_status" varchar(20) NOT NULL CHECK ("from_status" IN ('CANDIDATE', 'RECOGNISED', 'REVOKED')),
        "to_status" varchar(20) NOT NULL CHECK ("to_status" IN ('CANDIDATE', 'RECOGNISED', 'REVOKED')),
        "reason" varchar(500) NOT NULL,
        "application_id" uuid,
        "approval_document_no" varchar(100),
        "approved_on" date,
        "actor" varchar(100) NOT NULL,
        "occurred_at" timestamptz NOT NULL DEFAULT now(),
        -- A row records a change of status, never a standstill.
        CONSTRAINT "park_status_history_changes_status" CHECK ("from_status" <> "to_status"),
        -- Art 7(四): recognition is by an approval document (批复), so a recognition row names it and its date.
        CONSTRAINT "park_status_history_recognition_has_approval" CHECK ("to_status" <> 'RECOGNISED' OR ("approval_document_no" IS NOT NULL AND "approved_on" IS NOT NULL))
      )`);
    await queryRunner.query(`CREATE INDEX "park_status_history_park_idx" ON "registry"."park_status_history" ("park_id", "occurred_at" DESC, "id" DESC)`);
    // One approval recognises a park once, ever: even two distinct events for it change the park once.
    await queryRunner.query(`CREATE UNIQUE INDEX "park_status_history_recognition_uq" ON "registry"."park_status_history" ("application_id") WHERE "to_status" = 'RECOGNISED'`);
    await queryRunner.query(`COMMENT ON TABLE "registry"."park_status_history" IS 'Append-only record of every park status change (candidate → recognised → revoked), with the approval that caused it.'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "registry"."park_status_history"`);
    await queryRunner.query(`DROP TABLE "registry"."park_public_service"`);
    await queryRunner.query(`DROP TABLE "registry"."resident_institution"`);
    await queryRunner.query(`DROP TABLE "registry"."park_site"`);
  }
}
