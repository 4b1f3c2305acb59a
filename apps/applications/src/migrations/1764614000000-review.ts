import type { MigrationInterface, QueryRunner } from 'typeorm';

const REVIEW_STAGES = `'COUNTY_REVIEW', 'CITY_REVIEW', 'JOINT_EVALUATION', 'PUBLICITY', 'AWAITING_APPROVAL'`;

export class Review1764614000000 implements MigrationInterface {
  name = 'Review1764614000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // 初审/审核 decisions. A return or rejection without reasons tells the park nothing it can correct.
    await queryRunner.query(`
      CREATE TABLE "applications"."review_decision" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "application_id" uuid NOT NULL REFERENCES "applications"."application" ("id"),
        "stage" varchar(20) NOT NULL CHECK ("stage" IN (${REVIEW_STAGES})),
        "decision" varchar(10) NOT NULL CHECK ("decision" IN ('PASS', 'RETURN', 'REJECT')),
        "reasons" jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof("reasons") = 'array'),
        "comment" text,
        "decided_by" varchar(100) NOT NULL,
        "decided_role" varchar(32) NOT NULL,
        "decided_at" timestamptz NOT NULL,
        CONSTRAINT "review_decision_reasons_required" CHECK ("decision" = 'PASS' OR jsonb_array_length("reasons") > 0)
      )`);
    await queryRunner.query(`CREATE INDEX "review_decision_application_idx" ON "applications"."review_decision" ("application_id", "decided_at" DESC)`);

    // Contract: other modules decide a REVIEWER's ASSIGNED scope from this table (subject = JWT sub).
    await queryRunner.query(`
      CREATE TABLE "applications"."application_panel_member" (
        "application_id" uuid NOT NULL REFERENCES "applications"."application" ("id"),
        "subject" varchar(100) NOT NULL,
        "name" varchar(50) NOT NULL,
        "department" varchar(30) NOT NULL,
        "assigned_by" varchar(100) NOT NULL,
        "assigned_at" timestamptz NOT NULL,
        PRIMARY KEY ("application_id", "subject")
      )`);
    await queryRunner.query(`CREATE INDEX "application_panel_member_subject_idx" ON "applications"."application_panel_member" ("subject")`);

    // Only a panel member evaluates, once per application; a revision updates the row and leaves a history row.
    await queryRunner.query(`
      CREATE TABLE "applications"."panel_evaluation" (
        "application_id" uuid NOT NULL,
        "subject" varchar(100) NOT NULL,
        "opinion" text NOT NULL,
        "score" numeric(5, 2) NOT NULL CHECK ("score" BETWEEN 0 AND 100),
        "submitted_at" timestamptz NOT NULL,
        "updated_at" timestamptz NOT NULL,
        PRIMARY KEY ("application_id", "subject"),
        FOREIGN KEY ("application_id", "subject") REFERENCES "applications"."application_panel_member" ("application_id", "subject")
      )`);
    await queryRunner.query(`
      CREATE TABLE "applications"."evaluation_score_change" (
        "id" bigserial PRIMARY KEY,
        "application_id" uuid NOT NULL,
        "subject" varchar(100) NOT NULL,
        "changed_by" varchar(100) NOT NULL,
        "changed_at" timestamptz NOT NULL,
        "score_before" numeric(5, 2),
        "score_after" numeric(5, 2) NOT NULL,
        FOREIGN KEY ("application_id", "subject") REFERENCES "applications"."panel_evaluation" ("application_id", "subject")
      )`);
    await queryRunner.query(`CREATE INDEX "evaluation_score_change_application_idx" ON "applications"."evaluation_score_change" ("application_id", "changed_at")`);

    await queryRunner.query(`
      CREATE TABLE "applications"."site_inspection" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "application_id" uuid NOT NULL REFERENCES "applications"."application" ("id"),
        "inspected_on" date NOT NULL,
        "inspectors" text NOT NULL,
        "findings" text NOT NULL,
        "conclusion" text NOT NULL,
        "recorded_by" varchar(100) NOT NULL,
        "recorded_at" timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX "site_inspection_application_idx" ON "applications"."site_inspection" ("application_id", "recorded_at" DESC)`);

    // Art 6 (一)(四)(五) are judged by people, one finding per criterion, revisable until the evaluation is concluded.
    await queryRunner.query(`
      CREATE TABLE "applications"."qualitative_finding" (
        "application_id" uuid NOT NULL REFERENCES "applications"."application" ("id"),
        "criterion" varchar(20) NOT NULL CHECK ("criterion" IN ('PLANNING_REPORT', 'OPERATING_TEAM', 'SOCIAL_BENEFITS')),
        "finding" text NOT NULL,
        "evidence" text NOT NULL,
        "satisfied" boolean NOT NULL,
        "recorded_by" varchar(100) NOT NULL,
        "recorded_at" timestamptz NOT NULL,
        PRIMARY KEY ("application_id", "criterion")
      )`);

    // A resubmitted application evaluated again supersedes its earlier conclusion rather than erasing
    // it, so at most one conclusion per application is current.
    await queryRunner.query(`
      CREATE TABLE "applications"."evaluation_conclusion" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "application_id" uuid NOT NULL REFERENCES "applications"."application" ("id"),
        "concluded_by" varchar(100) NOT NULL,
        "concluded_at" timestamptz NOT NULL,
        "average_score" numeric(5, 2) NOT NULL CHECK ("average_score" BETWEEN 0 AND 100),
        "superseded_at" timestamptz
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX "evaluation_conclusion_current_uq" ON "applications"."evaluation_conclusion" ("application_id") WHERE "superseded_at" IS NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['evaluation_conclusion', 'qualitative_finding', 'site_inspection', 'evaluation_score_change', 'panel_evaluation', 'application_panel_member', 'review_decision']) {
      await queryRunner.query(`DROP TABLE "applications"."${table}"`);
    }
  }
}
