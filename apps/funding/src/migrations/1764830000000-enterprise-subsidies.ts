import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Art 12: subsidies resident enterprises applied for under other policies (talent, employment and
 * entrepreneurship, loan interest, job referral…). They are references the park, its county or the
 * city record — policy, enterprise, amount, status — and nothing here computes or pays them.
 */
export class EnterpriseSubsidies1764830000000 implements MigrationInterface {
  name = 'EnterpriseSubsidies1764830000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // park_id has no foreign key to park_ref, like funding_award: park facts arrive by events.
    await queryRunner.query(`
      CREATE TABLE "funding"."enterprise_subsidy_reference" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "park_id" uuid NOT NULL,
        "enterprise_name" varchar(100) NOT NULL,
        "enterprise_credit_code" char(18) NOT NULL CHECK ("enterprise_credit_code" ~ '^[0-9A-HJ-NPQRTUWXY]{18}$'),
        "policy_name" varchar(200) NOT NULL,
        "subsidy_kind" varchar(30) NOT NULL CHECK ("subsidy_kind" IN ('TALENT', 'EMPLOYMENT_ENTREPRENEURSHIP', 'LOAN_INTEREST', 'JOB_REFERRAL', 'OTHER')),
        "amount_fen" bigint NOT NULL,
        "status" varchar(20) NOT NULL DEFAULT 'APPLIED' CHECK ("status" IN ('APPLIED', 'GRANTED', 'REJECTED', 'WITHDRAWN')),
        "applied_on" date NOT NULL,
        "decided_on" date,
        "note" text,
        "version" int NOT NULL DEFAULT 1,
        "recorded_by" varchar(100) NOT NULL,
        "recorded_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "enterprise_subsidy_amount_positive" CHECK ("amount_fen" > 0),
        -- A decision is dated, never before the application; a pending application has no decision date.
        CONSTRAINT "enterprise_subsidy_decision_dated" CHECK ("status" NOT IN ('GRANTED', 'REJECTED') OR "decided_on" IS NOT NULL),
        CONSTRAINT "enterprise_subsidy_pending_undecided" CHECK ("status" <> 'APPLIED' OR "decided_on" IS NULL),
        CONSTRAINT "enterprise_subsidy_decided_after_applied" CHECK ("decided_on" >= "applied_on")
      )`);
    // The business key: the same enterprise's application for the same kind under the same policy on
    // the same day is one record, so a form submitted twice does not count twice.
    await queryRunner.query(
      `CREATE UNIQUE INDEX "enterprise_subsidy_business_key_idx" ON "funding"."enterprise_subsidy_reference" ("park_id", "enterprise_credit_code", "policy_name", "subsidy_kind", "applied_on")`,
    );
    // Park.enterpriseSubsidies reads a park's references newest first; lists page by (recorded_at, id).
    await queryRunner.query(`CREATE INDEX "enterprise_subsidy_park_recorded_idx" ON "funding"."enterprise_subsidy_reference" ("park_id", "recorded_at" DESC, "id" DESC)`);
    await queryRunner.query(`CREATE INDEX "enterprise_subsidy_recorded_idx" ON "funding"."enterprise_subsidy_reference" ("recorded_at" DESC, "id" DESC)`);
    await queryRunner.query(
      `COMMENT ON TABLE "funding"."enterprise_subsidy_reference" IS 'Art 12 references: recorded, never computed. amount_fen is as applied for or granted; status moves APPLIED → GRANTED | REJECTED | WITHDRAWN only.'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "funding"."enterprise_subsidy_reference"`);
  }
}
