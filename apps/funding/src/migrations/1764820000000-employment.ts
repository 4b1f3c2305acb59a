import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Employment1764820000000 implements MigrationInterface {
  name = 'Employment1764820000000';

  async up(_queryRunner: QueryRunner): Promise<void> {
    // filled in by the employment work
  }

  async down(_queryRunner: QueryRunner): Promise<void> {
    // filled in by the employment work
  }
}
