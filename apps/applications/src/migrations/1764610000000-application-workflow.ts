import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ApplicationWorkflow1764610000000 implements MigrationInterface {
  name = 'ApplicationWorkflow1764610000000';

  async up(_queryRunner: QueryRunner): Promise<void> {
    // filled in by the application-workflow work
  }

  async down(_queryRunner: QueryRunner): Promise<void> {
    // filled in by the application-workflow work
  }
}
