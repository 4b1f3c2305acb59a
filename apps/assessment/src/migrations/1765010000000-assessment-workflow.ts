import { createAppendOnlyTrigger, dropAppendOnlyTrigger } from '@cz/db';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The workflow of one assessment (Art 18–20): the park's self-assessment, the reviewers assigned to
 * score it, their scores per phase with an append-only history of every change, and the
 * rectification ordered after an unqualified initial grade.
 */
export class AssessmentWorkflow1765010000000 implements MigrationInterface {
  name = 'AssessmentWorkflow1765010000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // One draftable entry per indicator of the cycle's template; evidence holds file references
    // until the shared files library exists.
    await queryRunner.query(`
      CREATE TABLE "assessment"."self_assessment_entry" (
        "assessment_id" uuid NOT NULL REFERENCES "assessment"."assessment" ("id"),
        "indicator_code" varchar(20) NOT NULL,
        -- [{ "name": ..., "value": ..., "unit": ... }]: the figures the park reports for the indicator.
        "figures" jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof("figures") = 'array'),
        "narrative" text NOT NULL,
        "evidence" jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof("evidence") = 'array'),
        "updated_by" varchar(100) NOT NULL,
        "updated_at" timestamptz NOT NULL,
        PRIMARY KEY ("assessment_id", "indicator_code")
      )`);

    // Contract: a REVIEWER's ASSIGNED scope on an assessment is decided from this table (subject = JWT sub).
    await queryRunner.query(`
      CREATE TABLE "assessment"."assessment_reviewer" (
        "assessment_id" uuid NOT NULL REFERENCES "assessment"."assessment" ("id"),
        "subject" varchar(100) NOT NULL,
        "name" varchar(50) NOT NULL,
        -- The lead (组长) alone may change a score already given.
        "lead" boolean NOT NULL DEFAULT false,
        "assigned_by" varchar(100) NOT NULL,
        "assigned_at" timestamptz NOT NULL,
        PRIMARY KEY ("assessment_id", "subject")
      )`);
    await queryRunner.query(`CREATE INDEX "assessment_reviewer_subject_idx" ON "assessment"."assessment_reviewer" ("subject")`);
    // At most one lead per assessment, whatever two concurrent assignments do.
    await queryRunner.query(`CREATE UNIQUE INDEX "assessment_reviewer_one_lead_uq" ON "assessment"."assessment_reviewer" ("assessment_id") WHERE "lead"`);

    // The current score of each indicator in each phase; the re-assessment after a rectification
    // is scored afresh, so the initial scores stay as they were graded.
    await queryRunner.query(`
      CREATE TABLE "assessment"."indicator_score" (
        "assessment_id" uuid NOT NULL REFERENCES "assessment"."assessment" ("id"),
        "phase" varchar(20) NOT NULL CHECK ("phase" IN ('INITIAL', 'REASSESSMENT')),
        "indicator_code" varchar(20) NOT NULL,
        "score" numeric(5, 2) NOT NULL CHECK ("score" BETWEEN 0 AND 100),
        "justification" text NOT NULL CHECK (length(btrim("justification")) > 0),
        "scored_by" varchar(100) NOT NULL,
        "scored_at" timestamptz NOT NULL,
        PRIMARY KEY ("assessment_id", "phase", "indicator_code")
      )`);

    // Every score given or changed, never rewritten: who, in what role, when, before, after, why.
    await queryRunner.query(`
      CREATE TABLE "assessment"."score_change" (
        "id" bigserial PRIMARY KEY,
        "assessment_id" uuid NOT NULL REFERENCES "assessment"."assessment" ("id"),
        "phase" varchar(20) NOT NULL CHECK ("phase" IN ('INITIAL', 'REASSESSMENT')),
        "indicator_code" varchar(20) NOT NULL,
        "changed_by" varchar(100) NOT NULL,
        "changed_role" varchar(32) NOT NULL,
        "lead" boolean NOT NULL,
        "changed_at" timestamptz NOT NULL,
        "score_before" numeric(5, 2),
        "score_after" numeric(5, 2) NOT NULL,
        "justification" text NOT NULL,
        -- Required for a change of a score already given (the lead's rescoring).
        "reason" text,
        CONSTRAINT "score_change_rescore_has_reason" CHECK ("score_before" IS NULL OR "reason" IS NOT NULL)
      )`);
    await queryRunner.query(`CREATE INDEX "score_change_assessment_idx" ON "assessment"."score_change" ("assessment_id", "changed_at", "id")`);
    await createAppendOnlyTrigger(queryRunner, 'assessment', 'score_change');

    // Contract with the cycles module (reminders, overdue flags): name and columns are relied upon.
    // One rectification per assessment: Art 20(二) orders it once, after the initial grading.
    await queryRunner.query(`
      CREATE TABLE "assessment"."rectification" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "assessment_id" uuid NOT NULL UNIQUE REFERENCES "assessment"."assessment" ("id"),
        "ordered_on" date NOT NULL,
        "deadline" date NOT NULL,
        "requirements" varchar(2000) NOT NULL,
        "status" varchar(20) NOT NULL DEFAULT 'OPEN' CHECK ("status" IN ('OPEN', 'SUBMITTED', 'CLOSED')),
        "report" text,
        "submitted_at" timestamptz,
        -- Set by the deadline job when the deadline passed without a report.
        "overdue_flagged_at" timestamptz,
        "version" int NOT NULL DEFAULT 1,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "rectification_deadline_after_order" CHECK ("deadline" > "ordered_on"),
        CONSTRAINT "rectification_report_when_submitted" CHECK (("status" = 'OPEN') = ("report" IS NULL) AND ("report" IS NULL) = ("submitted_at" IS NULL))
      )`);
    await queryRunner.query(`CREATE INDEX "rectification_open_deadline_idx" ON "assessment"."rectification" ("deadline") WHERE "status" = 'OPEN'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "assessment"."rectification"`);
    await queryRunner.query(`DROP TABLE "assessment"."score_change"`);
    await dropAppendOnlyTrigger(queryRunner, 'assessment', 'score_change');
    await queryRunner.query(`DROP TABLE "assessment"."indicator_score"`);
    await queryRunner.query(`DROP TABLE "assessment"."assessment_reviewer"`);
    await queryRunner.query(`DROP TABLE "assessment"."self_assessment_entry"`);
  }
}
