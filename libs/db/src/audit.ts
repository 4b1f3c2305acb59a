import type { Identity } from '@cz/auth';
import type { EntityManager, QueryRunner } from 'typeorm';

/**
 * Append-only audit log in the service's own schema. A trigger refuses UPDATE and DELETE, so not
 * even the service's own code can rewrite history.
 */
export async function createAuditTable(queryRunner: QueryRunner, schema: string): Promise<void> {
  await queryRunner.query(`
    CREATE TABLE "${schema}"."audit_log" (
      "id" bigserial PRIMARY KEY,
      "occurred_at" timestamptz NOT NULL DEFAULT now(),
      "actor" varchar(100) NOT NULL,
      "role" varchar(32) NOT NULL,
      "county_code" varchar(6),
      "park_id" uuid,
      "operation" varchar(100) NOT NULL,
      "target_type" varchar(50) NOT NULL,
      "target_id" varchar(64) NOT NULL,
      "changes" jsonb NOT NULL DEFAULT '{}'::jsonb,
      "request_id" varchar(64)
    )`);
  await queryRunner.query(`CREATE INDEX "audit_log_target_idx" ON "${schema}"."audit_log" ("target_type", "target_id", "occurred_at")`);
  await queryRunner.query(`
    CREATE FUNCTION "${schema}"."audit_log_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$`);
  await queryRunner.query(`
    CREATE TRIGGER "audit_log_append_only" BEFORE UPDATE OR DELETE OR TRUNCATE ON "${schema}"."audit_log"
    FOR EACH STATEMENT EXECUTE FUNCTION "${schema}"."audit_log_append_only"()`);
}

export async function dropAuditTable(queryRunner: QueryRunner, schema: string): Promise<void> {
  await queryRunner.query(`DROP TABLE "${schema}"."audit_log"`);
  await queryRunner.query(`DROP FUNCTION "${schema}"."audit_log_append_only"()`);
}

export interface AuditEntry {
  operation: string;
  targetType: string;
  targetId: string;
  /** Field → [before, after]; personal data is recorded as changed, never with its value. */
  changes: Record<string, unknown>;
  requestId?: string;
}

/** Writes an audit row through the caller's transaction: it commits with the change or not at all. */
export async function recordAudit(manager: EntityManager, schema: string, identity: Identity, entry: AuditEntry): Promise<void> {
  await manager.query(
    `INSERT INTO "${schema}"."audit_log" ("actor", "role", "county_code", "park_id", "operation", "target_type", "target_id", "changes", "request_id")
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [identity.subject, identity.role, identity.countyCode ?? null, identity.parkId ?? null, entry.operation, entry.targetType, entry.targetId, JSON.stringify(entry.changes), entry.requestId ?? null],
  );
}
