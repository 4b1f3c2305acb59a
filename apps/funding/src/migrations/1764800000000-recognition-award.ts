import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Art 9: where an award came from. Both columns stay null for awards written before them and for
 * kinds that have no approval; the one-award-per-park rule is the existing partial unique index.
 */
export class RecognitionAward1764800000000 implements MigrationInterface {
  name = 'RecognitionAward1764800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "funding"."funding_award" ADD COLUMN "source_application_id" uuid, ADD COLUMN "policy_version_code" varchar(64)`);
    await queryRunner.query(`COMMENT ON COLUMN "funding"."funding_award"."source_application_id" IS 'The approved application (applications service) whose approval event created this award.'`);
    await queryRunner.query(`COMMENT ON COLUMN "funding"."funding_award"."policy_version_code" IS 'The policy version (Art 22) the amount was taken from.'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "funding"."funding_award" DROP COLUMN "policy_version_code", DROP COLUMN "source_application_id"`);
  }
}
