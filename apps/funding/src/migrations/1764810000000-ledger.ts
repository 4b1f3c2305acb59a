import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Ledger1764810000000 implements MigrationInterface {
  name = 'Ledger1764810000000';

  async up(_queryRunner: QueryRunner): Promise<void> {
    // filled in by the ledger work
  }

  async down(_queryRunner: QueryRunner): Promise<void> {
    // filled in by the ledger work
  }
}
