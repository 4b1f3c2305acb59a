import { CITY_MEASURES } from '@cz/policy';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Art 10 operating subsidies and what they depend on:
 * - `policy_version_ref`: funding's copy of the applications service's policy versions (Art 22),
 *   kept by `applications.policy-version-changed`; a subsidy is computed from the version in force;
 * - `assessment_result`: the latest grading of each park's assessment for a year, as the
 *   assessment service announced it (Art 20), so a result that arrives before the subsidy exists
 *   applies when it is created;
 * - `subsidy_computation`: each subsidy's inputs and whole worksheet, so a park sees why it got
 *   what it got and finance can redo the sum by hand.
 * A subsidy below the threshold is recorded with amount 0 (its worksheet is the answer to "why
 * nothing?"); it is never granted or paid, so the positive-amount check now spares it alone.
 */
export class OperatingSubsidy1765200000000 implements MigrationInterface {
  name = 'OperatingSubsidy1765200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "funding"."policy_version_ref" (
        "code" varchar(64) PRIMARY KEY,
        "title" varchar(200) NOT NULL,
        "jurisdiction_kind" varchar(10) NOT NULL CHECK ("jurisdiction_kind" IN ('CITY', 'COUNTY')),
        "county_code" varchar(6),
        "effective_from" date NOT NULL,
        "effective_to" date,
        "parameters" jsonb NOT NULL CHECK (jsonb_typeof("parameters") = 'object'),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "policy_version_ref_county_iff_county_kind" CHECK (("jurisdiction_kind" = 'COUNTY') = ("county_code" IS NOT NULL)),
        CONSTRAINT "policy_version_ref_period_ordered" CHECK ("effective_to" IS NULL OR "effective_to" >= "effective_from")
      )`);
    // The same constant the applications service seeds its policy_version table from, so both copies
    // start equal before any event has travelled; later versions arrive only by event.
    await queryRunner.query(
      `INSERT INTO "funding"."policy_version_ref" ("code", "title", "jurisdiction_kind", "county_code", "effective_from", "effective_to", "parameters")
       VALUES ($1, $2, 'CITY', NULL, $3, $4, $5)`,
      [CITY_MEASURES.code, CITY_MEASURES.title, CITY_MEASURES.effectiveFrom, CITY_MEASURES.effectiveTo, JSON.stringify(CITY_MEASURES.parameters)],
    );

    // One row per park and assessed year: the latest grading only. Which one is latest is decided by
    // (phase rank, graded_on, occurred_at), so a redelivered or late older event never overwrites it.
    await queryRunner.query(`
      CREATE TABLE "funding"."assessment_result" (
        "park_id" uuid NOT NULL,
        "year" int NOT NULL CHECK ("year" BETWEEN 2000 AND 2100),
        "assessment_id" uuid NOT NULL,
        "cycle_id" uuid NOT NULL,
        "phase" varchar(15) NOT NULL CHECK ("phase" IN ('INITIAL', 'REASSESSMENT')),
        "phase_rank" smallint NOT NULL CHECK ("phase_rank" IN (1, 2)),
        "total_score" numeric(6, 2) NOT NULL,
        "grade" varchar(15) NOT NULL CHECK ("grade" IN ('EXCELLENT', 'QUALIFIED', 'UNQUALIFIED')),
        "outcome" varchar(25) NOT NULL CHECK ("outcome" IN ('FINAL', 'RECTIFICATION_ORDERED')),
        "rectification_deadline" date,
        "graded_on" date NOT NULL,
        "occurred_at" timestamptz NOT NULL,
        "event_id" uuid NOT NULL,
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY ("park_id", "year"),
        CONSTRAINT "assessment_result_phase_rank" CHECK ("phase_rank" = CASE "phase" WHEN 'INITIAL' THEN 1 ELSE 2 END)
      )`);

    await queryRunner.query(`
      CREATE TABLE "funding"."subsidy_computation" (
        "award_id" uuid PRIMARY KEY REFERENCES "funding"."funding_award" ("id"),
        "employment_report_id" uuid NOT NULL,
        "urban_new_employment_target" int NOT NULL CHECK ("urban_new_employment_target" >= 0),
        "rural_labour_transfer_target" int NOT NULL CHECK ("rural_labour_transfer_target" >= 0),
        "targets_version" int NOT NULL,
        "employment_promoted" int NOT NULL CHECK ("employment_promoted" >= 0),
        "policy_date" date NOT NULL,
        "computation" jsonb NOT NULL CHECK (jsonb_typeof("computation") = 'object'),
        "computed_at" timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`COMMENT ON TABLE "funding"."subsidy_computation" IS 'Art 10 worksheet of one OPERATING_SUBSIDY award: the inputs as they stood at creation and computeOperatingSubsidy''s whole result.'`);

    await queryRunner.query(`ALTER TABLE "funding"."funding_award" DROP CONSTRAINT "funding_award_amount_positive"`);
    await queryRunner.query(
      `ALTER TABLE "funding"."funding_award" ADD CONSTRAINT "funding_award_amount_positive" CHECK ("amount_fen" > 0 OR ("kind" = 'OPERATING_SUBSIDY' AND "amount_fen" = 0))`,
    );
    // The funding views of a year group a year's awards.
    await queryRunner.query(`CREATE INDEX "funding_award_year_idx" ON "funding"."funding_award" ("year", "kind", "status")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "funding"."funding_award_year_idx"`);
    await queryRunner.query(`DROP TABLE "funding"."subsidy_computation"`);
    // Zero subsidies cannot exist under the older check; they go with their worksheets.
    await queryRunner.query(`DELETE FROM "funding"."funding_award" WHERE "kind" = 'OPERATING_SUBSIDY' AND "amount_fen" = 0`);
    await queryRunner.query(`ALTER TABLE "funding"."funding_award" DROP CONSTRAINT "funding_award_amount_positive"`);
    await queryRunner.query(`ALTER TABLE "funding"."funding_award" ADD CONSTRAINT "funding_award_amount_positive" CHECK ("amount_fen" > 0)`);
    await queryRunner.query(`DROP TABLE "funding"."assessment_result"`);
    await queryRunner.query(`DROP TABLE "funding"."policy_version_ref"`);
  }
}
