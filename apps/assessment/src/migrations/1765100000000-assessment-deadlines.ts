import { createCalendarCopyTables, dropCalendarCopyTables } from '@cz/calendar-copy';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the cycles module needs to keep parks and bureaus on time: the working-day calendar copy,
 * the working days a cycle was opened with (so a calendar correction can recompute its deadlines),
 * and the records that make every reminder and escalation happen once.
 */
export class AssessmentDeadlines1765100000000 implements MigrationInterface {
  name = 'AssessmentDeadlines1765100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createCalendarCopyTables(queryRunner, 'assessment');

    // Null for cycles written without the cycles module (tests of the workflow, old data): their
    // deadlines are kept as stored when the calendar changes.
    await queryRunner.query(`
      ALTER TABLE "assessment"."assessment_cycle"
        ADD COLUMN "submission_working_days" int CHECK ("submission_working_days" > 10),
        ADD COLUMN "review_working_days" int CHECK ("review_working_days" > 0)`);

    // One row per reminder a recipient got: written in the transaction of its notification event,
    // so a rerun (a second job, a worker that died mid-fan-out) finds it and sends nothing.
    await queryRunner.query(`
      CREATE TABLE "assessment"."reminder_delivery" (
        "target_id" uuid NOT NULL,
        -- The deadline kind, e.g. SUBMISSION_REMINDER_5.
        "occasion" varchar(40) NOT NULL,
        -- A park id for reminders to parks.
        "recipient_id" varchar(64) NOT NULL,
        "delivered_at" timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY ("target_id", "occasion", "recipient_id")
      )`);

    // A deadline that has run to the end: the sweep no longer lists it, and a rerun answers
    // ALREADY_DONE. Claimed by INSERT in the run's transaction, so two runs at once act once.
    await queryRunner.query(`
      CREATE TABLE "assessment"."deadline_done" (
        "target_id" uuid NOT NULL,
        "kind" varchar(40) NOT NULL,
        "done_at" timestamptz NOT NULL DEFAULT now(),
        "detail" varchar(500),
        PRIMARY KEY ("target_id", "kind")
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "assessment"."deadline_done"`);
    await queryRunner.query(`DROP TABLE "assessment"."reminder_delivery"`);
    await queryRunner.query(`ALTER TABLE "assessment"."assessment_cycle" DROP COLUMN "review_working_days", DROP COLUMN "submission_working_days"`);
    await dropCalendarCopyTables(queryRunner, 'assessment');
  }
}
