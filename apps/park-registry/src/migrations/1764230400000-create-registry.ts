import { createAuditTable, dropAuditTable } from '@cz/db';
import { createEventTables, dropEventTables } from '@cz/events';
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateRegistry1764230400000 implements MigrationInterface {
  name = 'CreateRegistry1764230400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "registry"."county" (
        "code" varchar(6) PRIMARY KEY CHECK ("code" ~ '^[0-9]{6}$'),
        "name" varchar(50) NOT NULL UNIQUE,
        "kind" varchar(20) NOT NULL CHECK ("kind" IN ('DISTRICT', 'COUNTY', 'DEVELOPMENT_ZONE'))
      )`);
    // GB/T 2260 codes of Changzhi's districts and counties; 140471 is the statistical division
    // code of the high-tech zone (zones have no GB/T 2260 code). Verify against the current list before release.
    await queryRunner.query(`
      INSERT INTO "registry"."county" ("code", "name", "kind") VALUES
        ('140403', '潞州区', 'DISTRICT'), ('140404', '上党区', 'DISTRICT'), ('140405', '屯留区', 'DISTRICT'),
        ('140406', '潞城区', 'DISTRICT'), ('140423', '襄垣县', 'COUNTY'), ('140425', '平顺县', 'COUNTY'),
        ('140426', '黎城县', 'COUNTY'), ('140427', '壶关县', 'COUNTY'), ('140428', '长子县', 'COUNTY'),
        ('140429', '武乡县', 'COUNTY'), ('140430', '沁县', 'COUNTY'), ('140431', '沁源县', 'COUNTY'),
        ('140471', '长治高新区', 'DEVELOPMENT_ZONE')`);
    await queryRunner.query(`
      CREATE TABLE "registry"."park" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "name" varchar(100) NOT NULL,
        "official_name" varchar(120),
        "county_code" varchar(6) NOT NULL REFERENCES "registry"."county" ("code"),
        "address" varchar(200) NOT NULL,
        "status" varchar(20) NOT NULL DEFAULT 'CANDIDATE' CHECK ("status" IN ('CANDIDATE', 'RECOGNISED', 'REVOKED')),
        "contact_name" varchar(50) NOT NULL,
        "contact_phone" varchar(20) NOT NULL,
        "property_ownership" varchar(100) NOT NULL,
        "registered_on" date NOT NULL,
        "construction_investment_fen" bigint NOT NULL CHECK ("construction_investment_fen" >= 0),
        "building_area_m2" numeric(12, 2) NOT NULL CHECK ("building_area_m2" > 0),
        "management_team_size" int NOT NULL CHECK ("management_team_size" >= 0),
        "construction_mode" varchar(20) NOT NULL CHECK ("construction_mode" IN ('NEW', 'RENOVATED')),
        "services_offered" varchar(30)[] NOT NULL DEFAULT '{}',
        "version" int NOT NULL DEFAULT 1,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        -- A recognised park always has its official name; a candidate never has one yet.
        CONSTRAINT "park_official_name_when_recognised" CHECK (("status" = 'CANDIDATE') = ("official_name" IS NULL))
      )`);
    await queryRunner.query(`CREATE INDEX "park_county_status_idx" ON "registry"."park" ("county_code", "status")`);
    await queryRunner.query(`CREATE INDEX "park_created_idx" ON "registry"."park" ("created_at" DESC, "id" DESC)`);
    await createEventTables(queryRunner, 'registry');
    await createAuditTable(queryRunner, 'registry');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await dropAuditTable(queryRunner, 'registry');
    await dropEventTables(queryRunner, 'registry');
    await queryRunner.query(`DROP TABLE "registry"."park"`);
    await queryRunner.query(`DROP TABLE "registry"."county"`);
  }
}
