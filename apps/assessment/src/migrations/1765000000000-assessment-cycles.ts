import { DEFAULT_ASSESSMENT_TEMPLATE } from '@cz/policy';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The seeded default template's fixed id, so every database and test names it alike. */
export const DEFAULT_TEMPLATE_ID = '00000000-0000-4000-8000-00000000a001';
export const DEFAULT_TEMPLATE_CODE = 'CZ-ART19-DEFAULT';

/**
 * Yearly cycles (Art 18) and their indicator templates (Art 19) as data.
 * - A template is immutable once a cycle uses it: a trigger refuses UPDATE and DELETE then, so not
 *   even a bug or a hand-written statement can change the rules under the parks being assessed.
 * - One cycle per assessed year; an assessment row belongs to its year's cycle (history seeded
 *   before cycles existed has none).
 */
export class AssessmentCycles1765000000000 implements MigrationInterface {
  name = 'AssessmentCycles1765000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "assessment"."assessment_template" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "code" varchar(40) NOT NULL UNIQUE,
        "title" varchar(200) NOT NULL,
        -- AssessmentTemplateContent of libs/policy: { indicators: [...], cutoffs: { excellent, qualified } }.
        "content" jsonb NOT NULL,
        "created_by" varchar(200) NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "version" int NOT NULL DEFAULT 1
      )`);
    await queryRunner.query(`
      CREATE TABLE "assessment"."assessment_cycle" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        -- The year assessed; the cycle runs in Q1 of the next year.
        "year" int NOT NULL UNIQUE CHECK ("year" BETWEEN 2000 AND 2100),
        "template_id" uuid NOT NULL REFERENCES "assessment"."assessment_template" ("id"),
        "opened_on" date NOT NULL,
        "submission_deadline" date NOT NULL,
        "review_deadline" date NOT NULL,
        -- { "10": "YYYY-MM-DD", "5": ..., "1": ... }: the days submission reminders go out.
        "reminder_days" jsonb NOT NULL,
        "status" varchar(10) NOT NULL DEFAULT 'OPEN' CHECK ("status" IN ('OPEN', 'CLOSED')),
        "opened_by" varchar(200) NOT NULL,
        "version" int NOT NULL DEFAULT 1,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "assessment_cycle_deadlines_ordered" CHECK ("opened_on" < "submission_deadline" AND "submission_deadline" <= "review_deadline"),
        CONSTRAINT "assessment_cycle_in_following_year" CHECK (EXTRACT(YEAR FROM "opened_on")::int = "year" + 1)
      )`);
    await queryRunner.query(`
      CREATE FUNCTION "assessment"."assessment_template_frozen"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM "assessment"."assessment_cycle" WHERE "template_id" = OLD."id") THEN
          RAISE EXCEPTION 'assessment template % is used by a cycle and cannot be changed', OLD."code" USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER "assessment_template_frozen" BEFORE UPDATE OR DELETE ON "assessment"."assessment_template"
      FOR EACH ROW EXECUTE FUNCTION "assessment"."assessment_template_frozen"()`);
    await queryRunner.query(
      `INSERT INTO "assessment"."assessment_template" ("id", "code", "title", "content", "created_by") VALUES ($1, $2, $3, $4, 'migration')`,
      [DEFAULT_TEMPLATE_ID, DEFAULT_TEMPLATE_CODE, '考核评估指标（第十九条默认模板）', JSON.stringify(DEFAULT_ASSESSMENT_TEMPLATE)],
    );

    // The workflow of one park's assessment within its cycle:
    // OPEN → SELF_ASSESSED (submitted) → CHECKED (county bureau) → SCORED (graded, being finalised)
    //   → FINAL, or → RECTIFYING → REASSESSING (rectification report in) → FINAL.
    await queryRunner.query(`ALTER TABLE "assessment"."assessment" DROP CONSTRAINT "assessment_status_check"`);
    await queryRunner.query(`ALTER TABLE "assessment"."assessment" DROP CONSTRAINT "assessment_grade_when_scored"`);
    await queryRunner.query(`
      ALTER TABLE "assessment"."assessment"
        ADD COLUMN "cycle_id" uuid REFERENCES "assessment"."assessment_cycle" ("id"),
        ADD COLUMN "submitted_at" timestamptz,
        ADD COLUMN "checked_at" timestamptz,
        ADD COLUMN "checked_by" varchar(200),
        ADD COLUMN "return_reason" varchar(500),
        -- The first grading, kept when a re-assessment after rectification decides the final grade.
        ADD COLUMN "initial_total_score" numeric(5, 2) CHECK ("initial_total_score" BETWEEN 0 AND 100),
        ADD COLUMN "initial_grade" varchar(20) CHECK ("initial_grade" IN ('EXCELLENT', 'QUALIFIED', 'UNQUALIFIED')),
        -- Art 20(一): excellent → 全市通报表扬 and the provincial-level recommendation list.
        ADD COLUMN "commended" boolean NOT NULL DEFAULT false,
        ADD COLUMN "finalised_at" timestamptz,
        ADD CONSTRAINT "assessment_status_check" CHECK ("status" IN ('OPEN', 'SELF_ASSESSED', 'CHECKED', 'SCORED', 'RECTIFYING', 'REASSESSING', 'FINAL')),
        ADD CONSTRAINT "assessment_grade_when_scored" CHECK (("grade" IS NOT NULL) = ("status" IN ('SCORED', 'RECTIFYING', 'REASSESSING', 'FINAL'))),
        ADD CONSTRAINT "assessment_commended_excellent" CHECK (NOT "commended" OR ("grade" = 'EXCELLENT' AND "status" = 'FINAL'))`);
    await queryRunner.query(`CREATE INDEX "assessment_cycle_idx" ON "assessment"."assessment" ("cycle_id", "status")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "assessment"."assessment_cycle_idx"`);
    await queryRunner.query(`ALTER TABLE "assessment"."assessment" DROP CONSTRAINT "assessment_commended_excellent", DROP CONSTRAINT "assessment_grade_when_scored", DROP CONSTRAINT "assessment_status_check"`);
    await queryRunner.query(`
      ALTER TABLE "assessment"."assessment"
        DROP COLUMN "finalised_at", DROP COLUMN "commended", DROP COLUMN "initial_grade", DROP COLUMN "initial_total_score",
        DROP COLUMN "return_reason", DROP COLUMN "checked_by", DROP COLUMN "checked_at", DROP COLUMN "submitted_at", DROP COLUMN "cycle_id"`);
    await queryRunner.query(`ALTER TABLE "assessment"."assessment" ADD CONSTRAINT "assessment_status_check" CHECK ("status" IN ('OPEN', 'SELF_ASSESSED', 'SCORED', 'RECTIFYING', 'FINAL'))`);
    await queryRunner.query(`ALTER TABLE "assessment"."assessment" ADD CONSTRAINT "assessment_grade_when_scored" CHECK (("grade" IS NOT NULL) = ("status" IN ('SCORED', 'RECTIFYING', 'FINAL')))`);
    await queryRunner.query(`DROP TRIGGER "assessment_template_frozen" ON "assessment"."assessment_template"`);
    await queryRunner.query(`DROP FUNCTION "assessment"."assessment_template_frozen"()`);
    await queryRunner.query(`DROP TABLE "assessment"."assessment_cycle"`);
    await queryRunner.query(`DROP TABLE "assessment"."assessment_template"`);
  }
}
