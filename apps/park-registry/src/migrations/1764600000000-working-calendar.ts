import type { MigrationInterface, QueryRunner } from 'typeorm';

export class WorkingCalendar1764600000000 implements MigrationInterface {
  name = 'WorkingCalendar1764600000000';

  async up(_queryRunner: QueryRunner): Promise<void> {
    // filled in by the working-calendar work
  }

  async down(_queryRunner: QueryRunner): Promise<void> {
    // filled in by the working-calendar work
  }
}
