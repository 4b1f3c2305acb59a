import type { MigrationInterface, QueryRunner } from 'typeorm';

const MATERIAL_ITEMS = `'LETTER', 'APPROVAL_FORM', 'FEASIBILITY_STUDY', 'OPERATION_REPORT', 'INSTITUTION_ROSTER', 'OTHER'`;

export class Declaration1764612000000 implements MigrationInterface {
  name = 'Declaration1764612000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // The facts as the park is still editing them (DRAFT or RETURNED); one row per application.
    await queryRunner.query(`
      CREATE TABLE "applications"."application_draft_facts" (
        "application_id" uuid PRIMARY KEY REFERENCES "applications"."application" ("id"),
        "facts" jsonb NOT NULL,
        "updated_at" timestamptz(3) NOT NULL DEFAULT now(),
        "updated_by" varchar(100) NOT NULL
      )`);
    // What reviewers judge: the facts as they were at each submission, with the rule results and the
    // policy version that produced them (no foreign key: policy versions are never deleted, only ended).
    await queryRunner.query(`
      CREATE TABLE "applications"."application_submission" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "application_id" uuid NOT NULL REFERENCES "applications"."application" ("id"),
        "round" int NOT NULL CHECK ("round" >= 1),
        "facts" jsonb NOT NULL,
        "policy_version_code" varchar(64) NOT NULL,
        "eligibility" jsonb NOT NULL,
        "submitted_at" timestamptz(3) NOT NULL,
        "submitted_by" varchar(100) NOT NULL,
        -- A resubmission is the next round; two submits racing for the same round cannot both commit.
        CONSTRAINT "application_submission_round_key" UNIQUE ("application_id", "round")
      )`);
    // Art 7(一) 1–6 as versioned files: a new upload is the next version, the old ones stay downloadable.
    await queryRunner.query(`
      CREATE TABLE "applications"."application_material" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "application_id" uuid NOT NULL REFERENCES "applications"."application" ("id"),
        "item" varchar(30) NOT NULL CHECK ("item" IN (${MATERIAL_ITEMS})),
        "version" int NOT NULL CHECK ("version" >= 1),
        "file_name" varchar(255) NOT NULL,
        "content_type" varchar(100) NOT NULL,
        "size_bytes" int NOT NULL CHECK ("size_bytes" BETWEEN 1 AND 20971520),
        "sha256" char(64) NOT NULL CHECK ("sha256" ~ '^[0-9a-f]{64}$'),
        "content" bytea NOT NULL,
        "uploaded_by" varchar(100) NOT NULL,
        "uploaded_at" timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT "application_material_version_key" UNIQUE ("application_id", "item", "version"),
        CONSTRAINT "application_material_size_matches" CHECK (octet_length("content") = "size_bytes")
      )`);
    // PDFs, JPEGs, PNGs and Office files are compressed already: TOAST compression would only cost CPU.
    await queryRunner.query(`ALTER TABLE "applications"."application_material" ALTER COLUMN "content" SET STORAGE EXTERNAL`);
    // Submissions and materials are evidence: once written, not even the service's own code may change them.
    await queryRunner.query(`
      CREATE FUNCTION "applications"."declaration_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END $$`);
    for (const table of ['application_submission', 'application_material']) {
      await queryRunner.query(`
        CREATE TRIGGER "${table}_append_only" BEFORE UPDATE OR DELETE OR TRUNCATE ON "applications"."${table}"
        FOR EACH STATEMENT EXECUTE FUNCTION "applications"."declaration_append_only"()`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "applications"."application_material"`);
    await queryRunner.query(`DROP TABLE "applications"."application_submission"`);
    await queryRunner.query(`DROP FUNCTION "applications"."declaration_append_only"()`);
    await queryRunner.query(`DROP TABLE "applications"."application_draft_facts"`);
  }
}
