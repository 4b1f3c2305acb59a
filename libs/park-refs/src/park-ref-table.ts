import type { QueryRunner } from 'typeorm';

export async function createParkRefTable(queryRunner: QueryRunner, schema: string): Promise<void> {
  await queryRunner.query(`
    CREATE TABLE "${schema}"."park_ref" (
      "park_id" uuid PRIMARY KEY,
      "name" varchar(100) NOT NULL,
      "official_name" varchar(120),
      "county_code" varchar(6) NOT NULL,
      "status" varchar(20) NOT NULL,
      "source_version" int NOT NULL,
      "updated_at" timestamptz NOT NULL DEFAULT now()
    )`);
  await queryRunner.query(`CREATE INDEX "park_ref_county_idx" ON "${schema}"."park_ref" ("county_code")`);
  await queryRunner.query(`COMMENT ON TABLE "${schema}"."park_ref" IS 'Copy of registry park facts, maintained from registry.park-profile-changed events; never written by this service otherwise.'`);
}

export async function dropParkRefTable(queryRunner: QueryRunner, schema: string): Promise<void> {
  await queryRunner.query(`DROP TABLE "${schema}"."park_ref"`);
}
