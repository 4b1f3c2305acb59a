import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PolicyVersions1764600000000 implements MigrationInterface {
  name = 'PolicyVersions1764600000000';

  async up(_queryRunner: QueryRunner): Promise<void> {
    // filled in by the policy-versions work
  }

  async down(_queryRunner: QueryRunner): Promise<void> {
    // filled in by the policy-versions work
  }
}
