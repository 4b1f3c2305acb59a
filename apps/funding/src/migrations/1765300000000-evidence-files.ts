import { createStoredFileTable, dropStoredFileTable } from '@cz/files';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Evidence files (Art 10 reports, Art 11 spending): parks upload files into `stored_file`
 * (owner kind FUNDING_EVIDENCE), and reports and spending entries cite them by id, in order.
 * - A report is corrected in place, so its citations are replaced with it (the audit row keeps
 *   the ids it had); a ledger entry's citations are as append-only as the entry.
 * - A record cites only files of its own park (checked here too, not only by the service).
 */
export class EvidenceFiles1765300000000 implements MigrationInterface {
  name = 'EvidenceFiles1765300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createStoredFileTable(queryRunner, 'funding');
    await queryRunner.query(`
      CREATE TABLE "funding"."employment_report_evidence" (
        "report_id" uuid NOT NULL REFERENCES "funding"."employment_report" ("id"),
        "file_id" uuid NOT NULL REFERENCES "funding"."stored_file" ("id"),
        "position" smallint NOT NULL CHECK ("position" >= 1),
        PRIMARY KEY ("report_id", "file_id"),
        CONSTRAINT "employment_report_evidence_position_key" UNIQUE ("report_id", "position")
      )`);
    await queryRunner.query(`
      CREATE TABLE "funding"."ledger_entry_evidence" (
        "entry_id" bigint NOT NULL REFERENCES "funding"."ledger_entry" ("id"),
        "file_id" uuid NOT NULL REFERENCES "funding"."stored_file" ("id"),
        "position" smallint NOT NULL CHECK ("position" >= 1),
        PRIMARY KEY ("entry_id", "file_id"),
        CONSTRAINT "ledger_entry_evidence_position_key" UNIQUE ("entry_id", "position")
      )`);
    // Downloads ask whether a file is cited at all.
    await queryRunner.query(`CREATE INDEX "employment_report_evidence_file_idx" ON "funding"."employment_report_evidence" ("file_id")`);
    await queryRunner.query(`CREATE INDEX "ledger_entry_evidence_file_idx" ON "funding"."ledger_entry_evidence" ("file_id")`);
    await queryRunner.query(`
      CREATE FUNCTION "funding"."evidence_same_park"() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE file_park uuid; record_park uuid;
      BEGIN
        SELECT "park_id" INTO file_park FROM "funding"."stored_file" WHERE "id" = NEW."file_id" AND "owner_kind" = 'FUNDING_EVIDENCE';
        IF TG_TABLE_NAME = 'employment_report_evidence' THEN
          SELECT "park_id" INTO record_park FROM "funding"."employment_report" WHERE "id" = NEW."report_id";
        ELSE
          SELECT award."park_id" INTO record_park FROM "funding"."ledger_entry" entry JOIN "funding"."funding_award" award ON award."id" = entry."award_id" WHERE entry."id" = NEW."entry_id";
        END IF;
        IF file_park IS NULL OR file_park IS DISTINCT FROM record_park THEN
          RAISE EXCEPTION 'evidence must be a FUNDING_EVIDENCE file of the record''s own park';
        END IF;
        RETURN NEW;
      END $$`);
    for (const table of ['employment_report_evidence', 'ledger_entry_evidence']) {
      await queryRunner.query(`CREATE TRIGGER "${table}_same_park" BEFORE INSERT ON "funding"."${table}" FOR EACH ROW EXECUTE FUNCTION "funding"."evidence_same_park"()`);
    }
    await queryRunner.query(
      `CREATE TRIGGER "ledger_entry_evidence_append_only" BEFORE UPDATE OR DELETE OR TRUNCATE ON "funding"."ledger_entry_evidence" FOR EACH STATEMENT EXECUTE FUNCTION "funding"."ledger_append_only"()`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "funding"."ledger_entry_evidence"`);
    await queryRunner.query(`DROP TABLE "funding"."employment_report_evidence"`);
    await queryRunner.query(`DROP FUNCTION "funding"."evidence_same_park"()`);
    await dropStoredFileTable(queryRunner, 'funding');
  }
}
