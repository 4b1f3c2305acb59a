import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Review1764614000000 implements MigrationInterface {
  name = 'Review1764614000000';

  async up(_queryRunner: QueryRunner): Promise<void> {
    // filled in by the review work
  }

  async down(_queryRunner: QueryRunner): Promise<void> {
    // filled in by the review work
  }
}
