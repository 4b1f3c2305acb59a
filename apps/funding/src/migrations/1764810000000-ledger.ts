import type { MigrationInterface, QueryRunner } from 'typeorm';

const CATEGORIES = `'RENT_SUBSIDY', 'RENOVATION', 'PROPERTY_MANAGEMENT', 'PUBLIC_VENUES', 'PARK_OPERATION'`;

/**
 * The append-only disbursement ledger (Art 9–11). Conventions an auditor needs:
 * - every amount is positive integer fen; the kind says which total it moves;
 * - a CORRECTION reverses one earlier non-correction entry of the same award in full: its effect is
 *   the opposite of that entry's (a correction of a PAYMENT lowers `paid` by its amount);
 * - a spending review is a row of its own (`spending_review`), so neither table is ever updated;
 *   a RETURNed spending no longer counts as spent;
 * - reviews draw their ids from the ledger's sequence: every movement of an award locks the award
 *   row first, so within an award the ids give the order in which entries and reviews committed.
 */
export class Ledger1764810000000 implements MigrationInterface {
  name = 'Ledger1764810000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "funding"."ledger_entry" (
        "id" bigserial PRIMARY KEY,
        "award_id" uuid NOT NULL REFERENCES "funding"."funding_award" ("id"),
        "kind" varchar(20) NOT NULL CHECK ("kind" IN ('GRANT', 'PAYMENT', 'SPENDING', 'CORRECTION')),
        "amount_fen" bigint NOT NULL,
        "reverses_entry_id" bigint REFERENCES "funding"."ledger_entry" ("id"),
        "idempotency_key" varchar(100),
        "category" varchar(30) CHECK ("category" IN (${CATEGORIES})),
        "description" text,
        "evidence" text,
        "voucher_no" varchar(64),
        "reason" text,
        "occurred_on" date NOT NULL,
        "recorded_by" varchar(100) NOT NULL,
        "recorded_role" varchar(32) NOT NULL,
        "recorded_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "ledger_entry_amount_positive" CHECK ("amount_fen" > 0),
        CONSTRAINT "ledger_entry_correction_reverses" CHECK (("kind" = 'CORRECTION') = ("reverses_entry_id" IS NOT NULL)),
        CONSTRAINT "ledger_entry_correction_reason" CHECK ("kind" <> 'CORRECTION' OR "reason" IS NOT NULL),
        CONSTRAINT "ledger_entry_spending_category" CHECK (("kind" = 'SPENDING') = ("category" IS NOT NULL)),
        CONSTRAINT "ledger_entry_spending_evidence" CHECK ("kind" <> 'SPENDING' OR ("description" IS NOT NULL AND "evidence" IS NOT NULL)),
        CONSTRAINT "ledger_entry_payment_keyed" CHECK ("kind" <> 'PAYMENT' OR ("idempotency_key" IS NOT NULL AND "voucher_no" IS NOT NULL))
      )`);
    // A replayed payment (or grant) hits this index and is answered with the entry it made first.
    await queryRunner.query(`CREATE UNIQUE INDEX "ledger_entry_idempotency_key_idx" ON "funding"."ledger_entry" ("idempotency_key")`);
    // An entry is reversed at most once.
    await queryRunner.query(`CREATE UNIQUE INDEX "ledger_entry_one_reversal_idx" ON "funding"."ledger_entry" ("reverses_entry_id") WHERE "reverses_entry_id" IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX "ledger_entry_award_idx" ON "funding"."ledger_entry" ("award_id", "id")`);
    await queryRunner.query(`CREATE INDEX "ledger_entry_recorded_idx" ON "funding"."ledger_entry" ("recorded_at" DESC, "id" DESC)`);

    await queryRunner.query(`
      CREATE TABLE "funding"."spending_review" (
        "id" bigint PRIMARY KEY DEFAULT nextval('"funding"."ledger_entry_id_seq"'),
        "entry_id" bigint NOT NULL REFERENCES "funding"."ledger_entry" ("id"),
        "decision" varchar(10) NOT NULL CHECK ("decision" IN ('ACCEPT', 'RETURN')),
        "reason" text,
        "reviewed_by" varchar(100) NOT NULL,
        "reviewed_role" varchar(32) NOT NULL,
        "reviewed_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "spending_review_return_reason" CHECK ("decision" <> 'RETURN' OR "reason" IS NOT NULL)
      )`);
    // A review is final: one per spending entry.
    await queryRunner.query(`CREATE UNIQUE INDEX "spending_review_one_per_entry_idx" ON "funding"."spending_review" ("entry_id")`);

    // What the CHECKs cannot see across rows: a correction's target, a review's target.
    await queryRunner.query(`
      CREATE FUNCTION "funding"."ledger_entry_check_correction"() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE target "funding"."ledger_entry";
      BEGIN
        IF NEW."kind" = 'CORRECTION' THEN
          SELECT * INTO target FROM "funding"."ledger_entry" WHERE "id" = NEW."reverses_entry_id";
          IF target."kind" = 'CORRECTION' OR target."award_id" <> NEW."award_id" OR target."amount_fen" <> NEW."amount_fen" THEN
            RAISE EXCEPTION 'a correction reverses one non-correction entry of the same award, in full';
          END IF;
        END IF;
        RETURN NEW;
      END $$`);
    await queryRunner.query(`CREATE TRIGGER "ledger_entry_check_correction" BEFORE INSERT ON "funding"."ledger_entry" FOR EACH ROW EXECUTE FUNCTION "funding"."ledger_entry_check_correction"()`);
    await queryRunner.query(`
      CREATE FUNCTION "funding"."spending_review_check_entry"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM "funding"."ledger_entry" WHERE "id" = NEW."entry_id" AND "kind" = 'SPENDING') THEN
          RAISE EXCEPTION 'only a SPENDING entry is reviewed';
        END IF;
        RETURN NEW;
      END $$`);
    await queryRunner.query(`CREATE TRIGGER "spending_review_check_entry" BEFORE INSERT ON "funding"."spending_review" FOR EACH ROW EXECUTE FUNCTION "funding"."spending_review_check_entry"()`);

    // Nothing is ever edited or deleted, not even by this service's own code.
    await queryRunner.query(`
      CREATE FUNCTION "funding"."ledger_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION '% is append-only: record a correction instead', TG_TABLE_NAME; END $$`);
    for (const table of ['ledger_entry', 'spending_review']) {
      await queryRunner.query(`CREATE TRIGGER "${table}_append_only" BEFORE UPDATE OR DELETE OR TRUNCATE ON "funding"."${table}" FOR EACH STATEMENT EXECUTE FUNCTION "funding"."ledger_append_only"()`);
    }

    // The one definition of an award's totals; available to pay = granted − paid, balance = paid − spent.
    await queryRunner.query(`
      CREATE VIEW "funding"."award_ledger_totals" AS
      SELECT entry."award_id",
        COALESCE(sum(CASE WHEN entry."kind" = 'GRANT' THEN entry."amount_fen" WHEN reversed."kind" = 'GRANT' THEN -entry."amount_fen" END), 0)::bigint AS "granted_fen",
        COALESCE(sum(CASE WHEN entry."kind" = 'PAYMENT' THEN entry."amount_fen" WHEN reversed."kind" = 'PAYMENT' THEN -entry."amount_fen" END), 0)::bigint AS "paid_fen",
        COALESCE(sum(CASE WHEN entry."kind" = 'SPENDING' AND review."decision" IS DISTINCT FROM 'RETURN' THEN entry."amount_fen" WHEN reversed."kind" = 'SPENDING' THEN -entry."amount_fen" END), 0)::bigint AS "spent_fen"
      FROM "funding"."ledger_entry" entry
      LEFT JOIN "funding"."ledger_entry" reversed ON reversed."id" = entry."reverses_entry_id"
      LEFT JOIN "funding"."spending_review" review ON review."entry_id" = entry."id"
      GROUP BY entry."award_id"`);
    await queryRunner.query(`COMMENT ON TABLE "funding"."ledger_entry" IS 'Append-only. amount_fen > 0; a CORRECTION reverses reverses_entry_id in full, its effect the opposite of that entry''s. Totals: view award_ledger_totals.'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP VIEW "funding"."award_ledger_totals"`);
    await queryRunner.query(`DROP TABLE "funding"."spending_review"`);
    await queryRunner.query(`DROP TABLE "funding"."ledger_entry"`);
    await queryRunner.query(`DROP FUNCTION "funding"."ledger_append_only"()`);
    await queryRunner.query(`DROP FUNCTION "funding"."spending_review_check_entry"()`);
    await queryRunner.query(`DROP FUNCTION "funding"."ledger_entry_check_correction"()`);
  }
}
