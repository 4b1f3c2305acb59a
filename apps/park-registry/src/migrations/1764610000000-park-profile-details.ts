import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ParkProfileDetails1764610000000 implements MigrationInterface {
  name = 'ParkProfileDetails1764610000000';

  async up(_queryRunner: QueryRunner): Promise<void> {
    // filled in by the park-profile-details work
  }

  async down(_queryRunner: QueryRunner): Promise<void> {
    // filled in by the park-profile-details work
  }
}
