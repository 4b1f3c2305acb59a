import type { MigrationInterface, QueryRunner } from 'typeorm';

export class RecognitionAward1764800000000 implements MigrationInterface {
  name = 'RecognitionAward1764800000000';

  async up(_queryRunner: QueryRunner): Promise<void> {
    // filled in by the recognition-award work
  }

  async down(_queryRunner: QueryRunner): Promise<void> {
    // filled in by the recognition-award work
  }
}
