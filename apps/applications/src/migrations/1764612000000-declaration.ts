import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Declaration1764612000000 implements MigrationInterface {
  name = 'Declaration1764612000000';

  async up(_queryRunner: QueryRunner): Promise<void> {
    // filled in by the declaration work
  }

  async down(_queryRunner: QueryRunner): Promise<void> {
    // filled in by the declaration work
  }
}
