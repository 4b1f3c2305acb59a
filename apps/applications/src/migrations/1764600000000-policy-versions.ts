import { CITY_MEASURES } from '@cz/policy';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The city's measures are seeded as data; later revisions and county versions come through the API. */
const SEEDED_BY = 'migration:policy-versions';

export class PolicyVersions1764600000000 implements MigrationInterface {
  name = 'PolicyVersions1764600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Versions are never deleted, only ended, so a frozen application can always be re-judged by
    // the version it was judged by. Two versions of one jurisdiction never share a day: the service
    // checks that under a per-jurisdiction advisory lock (btree_gist, which an EXCLUDE constraint on
    // jurisdiction + period would need, is not guaranteed to be installed).
    await queryRunner.query(`
      CREATE TABLE "applications"."policy_version" (
        "code" varchar(64) PRIMARY KEY CHECK ("code" ~ '^[A-Za-z0-9][A-Za-z0-9._-]{1,63}$'),
        "title" varchar(200) NOT NULL CHECK (char_length(btrim("title")) >= 2),
        "jurisdiction_kind" varchar(10) NOT NULL CHECK ("jurisdiction_kind" IN ('CITY', 'COUNTY')),
        "county_code" varchar(6) CHECK ("county_code" ~ '^[0-9]{6}$'),
        "effective_from" date NOT NULL,
        "effective_to" date,
        "parameters" jsonb NOT NULL CHECK (jsonb_typeof("parameters") = 'object'),
        "created_by" varchar(100) NOT NULL,
        "created_at" timestamptz(3) NOT NULL DEFAULT now(),
        -- A county (or development zone, Art 22) version names its county; the city's names none.
        CONSTRAINT "policy_version_county_iff_county_kind" CHECK (("jurisdiction_kind" = 'COUNTY') = ("county_code" IS NOT NULL)),
        -- Both ends are inclusive days; a one-day version has from = to.
        CONSTRAINT "policy_version_period_ordered" CHECK ("effective_to" IS NULL OR "effective_to" >= "effective_from")
      )`);
    await queryRunner.query(`CREATE INDEX "policy_version_jurisdiction_idx" ON "applications"."policy_version" ("jurisdiction_kind", "county_code", "effective_from")`);
    await queryRunner.query(
      `INSERT INTO "applications"."policy_version" ("code", "title", "jurisdiction_kind", "county_code", "effective_from", "effective_to", "parameters", "created_by")
       VALUES ($1, $2, 'CITY', NULL, $3, $4, $5, $6)`,
      [CITY_MEASURES.code, CITY_MEASURES.title, CITY_MEASURES.effectiveFrom, CITY_MEASURES.effectiveTo, JSON.stringify(CITY_MEASURES.parameters), SEEDED_BY],
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "applications"."policy_version"`);
  }
}
