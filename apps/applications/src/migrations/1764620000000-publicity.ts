import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Publicity1764620000000 implements MigrationInterface {
  name = 'Publicity1764620000000';

  async up(_queryRunner: QueryRunner): Promise<void> {
    // filled in by the publicity work
  }

  async down(_queryRunner: QueryRunner): Promise<void> {
    // filled in by the publicity work
  }
}
