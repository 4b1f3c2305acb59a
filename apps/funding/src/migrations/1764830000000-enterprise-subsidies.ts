import type { MigrationInterface, QueryRunner } from 'typeorm';

export class EnterpriseSubsidies1764830000000 implements MigrationInterface {
  name = 'EnterpriseSubsidies1764830000000';

  async up(_queryRunner: QueryRunner): Promise<void> {
    // filled in by the enterprise-subsidies work
  }

  async down(_queryRunner: QueryRunner): Promise<void> {
    // filled in by the enterprise-subsidies work
  }
}
