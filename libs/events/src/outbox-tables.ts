import type { QueryRunner } from 'typeorm';

/**
 * The outbox and inbox tables every service keeps in its own schema. Services call this from
 * their first migration, so the shape is the same everywhere and the relay and consumer can rely on it.
 */
export async function createEventTables(queryRunner: QueryRunner, schema: string): Promise<void> {
  await queryRunner.query(`
    CREATE TABLE "${schema}"."outbox_event" (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "type" varchar(100) NOT NULL,
      "aggregate_id" varchar(64) NOT NULL,
      "payload" jsonb NOT NULL,
      "occurred_at" timestamptz NOT NULL DEFAULT now(),
      "published_at" timestamptz
    )`);
  // The relay reads only unpublished rows, oldest first; a partial index keeps that cheap forever.
  await queryRunner.query(`CREATE INDEX "outbox_event_unpublished_idx" ON "${schema}"."outbox_event" ("occurred_at") WHERE "published_at" IS NULL`);
  await queryRunner.query(`
    CREATE TABLE "${schema}"."inbox_event" (
      "event_id" uuid PRIMARY KEY,
      "type" varchar(100) NOT NULL,
      "source" varchar(32) NOT NULL,
      "processed_at" timestamptz NOT NULL DEFAULT now()
    )`);
  await queryRunner.query(`COMMENT ON TABLE "${schema}"."inbox_event" IS 'Events already applied by this service: the primary key makes every event apply once, however often it is delivered.'`);
}

export async function dropEventTables(queryRunner: QueryRunner, schema: string): Promise<void> {
  await queryRunner.query(`DROP TABLE "${schema}"."inbox_event"`);
  await queryRunner.query(`DROP TABLE "${schema}"."outbox_event"`);
}
