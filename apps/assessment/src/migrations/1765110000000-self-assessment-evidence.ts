import { createStoredFileTable, dropStoredFileTable } from '@cz/files';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Self-assessment evidence as uploaded files, as funding keeps its evidence: parks upload into
 * `stored_file` (owner kind ASSESSMENT_EVIDENCE), and each entry cites files by id, in order.
 * - An entry is a draft overwritten per indicator, so its citations are replaced with it.
 * - An entry cites only files of its assessment's park (checked here too, not only by the service).
 * - The free-text references are dropped: they named no bytes the platform holds.
 */
export class SelfAssessmentEvidence1765110000000 implements MigrationInterface {
  name = 'SelfAssessmentEvidence1765110000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createStoredFileTable(queryRunner, 'assessment');
    await queryRunner.query(`
      CREATE TABLE "assessment"."self_assessment_entry_evidence" (
        "assessment_id" uuid NOT NULL,
        "indicator_code" varchar(20) NOT NULL,
        "file_id" uuid NOT NULL REFERENCES "assessment"."stored_file" ("id"),
        "position" smallint NOT NULL CHECK ("position" >= 1),
        PRIMARY KEY ("assessment_id", "indicator_code", "file_id"),
        CONSTRAINT "self_assessment_entry_evidence_position_key" UNIQUE ("assessment_id", "indicator_code", "position"),
        FOREIGN KEY ("assessment_id", "indicator_code") REFERENCES "assessment"."self_assessment_entry" ("assessment_id", "indicator_code")
      )`);
    // Downloads ask whether a file is cited at all.
    await queryRunner.query(`CREATE INDEX "self_assessment_entry_evidence_file_idx" ON "assessment"."self_assessment_entry_evidence" ("file_id")`);
    await queryRunner.query(`
      CREATE FUNCTION "assessment"."evidence_same_park"() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE file_park uuid; record_park uuid;
      BEGIN
        SELECT "park_id" INTO file_park FROM "assessment"."stored_file" WHERE "id" = NEW."file_id" AND "owner_kind" = 'ASSESSMENT_EVIDENCE';
        SELECT "park_id" INTO record_park FROM "assessment"."assessment" WHERE "id" = NEW."assessment_id";
        IF file_park IS NULL OR file_park IS DISTINCT FROM record_park THEN
          RAISE EXCEPTION 'evidence must be an ASSESSMENT_EVIDENCE file of the assessment''s own park';
        END IF;
        RETURN NEW;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER "self_assessment_entry_evidence_same_park" BEFORE INSERT ON "assessment"."self_assessment_entry_evidence" FOR EACH ROW EXECUTE FUNCTION "assessment"."evidence_same_park"()`,
    );
    await queryRunner.query(`ALTER TABLE "assessment"."self_assessment_entry" DROP COLUMN "evidence"`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "assessment"."self_assessment_entry" ADD COLUMN "evidence" jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof("evidence") = 'array')`);
    await queryRunner.query(`DROP TABLE "assessment"."self_assessment_entry_evidence"`);
    await queryRunner.query(`DROP FUNCTION "assessment"."evidence_same_park"()`);
    await dropStoredFileTable(queryRunner, 'assessment');
  }
}
