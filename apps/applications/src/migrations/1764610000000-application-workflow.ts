import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ApplicationWorkflow1764610000000 implements MigrationInterface {
  name = 'ApplicationWorkflow1764610000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Submission goes straight to the county's preliminary review; SUBMITTED was never a stage of its own.
    await queryRunner.query(`ALTER TABLE "applications"."application" DROP CONSTRAINT "application_stage_check"`);
    await queryRunner.query(`
      ALTER TABLE "applications"."application" ADD CONSTRAINT "application_stage_check" CHECK ("stage" IN (
        'DRAFT', 'COUNTY_REVIEW', 'CITY_REVIEW', 'JOINT_EVALUATION', 'PUBLICITY', 'AWAITING_APPROVAL', 'APPROVED', 'RETURNED', 'REJECTED'))`);
    // Every transition: who, when, why (Art 7 and DESIGN §2). Append-only by convention of its writer,
    // transitionStage; the audit log keeps the same facts under its trigger.
    await queryRunner.query(`
      CREATE TABLE "applications"."application_transition" (
        "id" bigserial PRIMARY KEY,
        "application_id" uuid NOT NULL REFERENCES "applications"."application" ("id"),
        "action" varchar(40) NOT NULL,
        "from_stage" varchar(20) NOT NULL,
        "to_stage" varchar(20) NOT NULL,
        "actor_subject" varchar(100) NOT NULL,
        "actor_role" varchar(32) NOT NULL,
        "reason" text,
        "details" jsonb NOT NULL DEFAULT '{}'::jsonb,
        "occurred_at" timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX "application_transition_application_idx" ON "applications"."application_transition" ("application_id", "occurred_at")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "applications"."application_transition"`);
    await queryRunner.query(`ALTER TABLE "applications"."application" DROP CONSTRAINT "application_stage_check"`);
    await queryRunner.query(`
      ALTER TABLE "applications"."application" ADD CONSTRAINT "application_stage_check" CHECK ("stage" IN (
        'DRAFT', 'SUBMITTED', 'COUNTY_REVIEW', 'CITY_REVIEW', 'JOINT_EVALUATION', 'PUBLICITY', 'AWAITING_APPROVAL', 'APPROVED', 'RETURNED', 'REJECTED'))`);
  }
}
