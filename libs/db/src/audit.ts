import type { Identity } from '@cz/auth';
import type { DataSource, EntityManager, MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A trigger that refuses UPDATE, DELETE and TRUNCATE on a table, for every database role the
 * services use (the table's owner included): history tables are only ever appended to. The
 * function and trigger are both named `<table>_append_only`; the error says which table refused.
 */
export async function createAppendOnlyTrigger(queryRunner: QueryRunner, schema: string, table: string): Promise<void> {
  await queryRunner.query(`
    CREATE FUNCTION "${schema}"."${table}_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION '${table} is append-only'; END $$`);
  await queryRunner.query(`
    CREATE TRIGGER "${table}_append_only" BEFORE UPDATE OR DELETE OR TRUNCATE ON "${schema}"."${table}"
    FOR EACH STATEMENT EXECUTE FUNCTION "${schema}"."${table}_append_only"()`);
}

/** Undoes createAppendOnlyTrigger (before or after the table itself is dropped). */
export async function dropAppendOnlyTrigger(queryRunner: QueryRunner, schema: string, table: string): Promise<void> {
  await queryRunner.query(`DROP FUNCTION "${schema}"."${table}_append_only"() CASCADE`);
}

/**
 * Append-only audit log in the service's own schema. A trigger refuses UPDATE and DELETE, so not
 * even the service's own code can rewrite history. (Its first version: `addAuditOutcomeColumns`
 * completes it; this function stays as it was because deployed migrations call it.)
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
  await createAppendOnlyTrigger(queryRunner, schema, 'audit_log');
}

export async function dropAuditTable(queryRunner: QueryRunner, schema: string): Promise<void> {
  await queryRunner.query(`DROP TABLE "${schema}"."audit_log"`);
  await dropAppendOnlyTrigger(queryRunner, schema, 'audit_log');
}

export const AUDIT_OUTCOMES = ['SUCCEEDED', 'DENIED'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/**
 * The audit log's second version, for every service: whether the attempt succeeded or was denied,
 * and the client address the gateway saw. Existing rows were all committed changes (SUCCEEDED).
 * Adding columns with a constant default rewrites no row, so the append-only trigger is not
 * involved. Retention: no role can delete a row (trigger), so rows are kept indefinitely, beyond
 * the Cybersecurity Law's 185 days (art. 21).
 */
export async function addAuditOutcomeColumns(queryRunner: QueryRunner, schema: string): Promise<void> {
  await queryRunner.query(`
    ALTER TABLE "${schema}"."audit_log"
      ADD COLUMN "outcome" varchar(10) NOT NULL DEFAULT 'SUCCEEDED' CONSTRAINT "audit_log_outcome_check" CHECK ("outcome" IN (${AUDIT_OUTCOMES.map((outcome) => `'${outcome}'`).join(', ')})),
      ADD COLUMN "source_address" varchar(64)`);
  // The city bureau reads the log newest first, page by page (keyset on occurred_at, id).
  await queryRunner.query(`CREATE INDEX "audit_log_occurred_idx" ON "${schema}"."audit_log" ("occurred_at" DESC, "id" DESC)`);
}

export async function dropAuditOutcomeColumns(queryRunner: QueryRunner, schema: string): Promise<void> {
  await queryRunner.query(`DROP INDEX "${schema}"."audit_log_occurred_idx"`);
  await queryRunner.query(`ALTER TABLE "${schema}"."audit_log" DROP COLUMN "source_address", DROP COLUMN "outcome"`);
}

/** The migration every service applies to add the columns above: one definition, five schemas. */
export function auditOutcomeMigration(schema: string): new () => MigrationInterface {
  return class AuditOutcome1766500000000 implements MigrationInterface {
    name = 'AuditOutcome1766500000000';

    async up(queryRunner: QueryRunner): Promise<void> {
      await addAuditOutcomeColumns(queryRunner, schema);
    }

    async down(queryRunner: QueryRunner): Promise<void> {
      await dropAuditOutcomeColumns(queryRunner, schema);
    }
  };
}

export interface AuditEntry {
  operation: string;
  targetType: string;
  targetId: string;
  /** Field → [before, after]; personal data is recorded as changed, never with its value. */
  changes: Record<string, unknown>;
  requestId?: string;
  /** SUCCEEDED unless said otherwise: a committed change, or an access that was granted. */
  outcome?: AuditOutcome;
}

const AUDIT_COLUMNS = ['actor', 'role', 'county_code', 'park_id', 'operation', 'target_type', 'target_id', 'changes', 'request_id', 'outcome', 'source_address'];

/** Column values in AUDIT_COLUMNS order; over-long free values are cut to their column, never refused. */
function auditValues(identity: Identity, entry: AuditEntry): unknown[] {
  return [
    identity.subject.slice(0, 100),
    identity.role,
    identity.countyCode ?? null,
    identity.parkId ?? null,
    entry.operation.slice(0, 100),
    entry.targetType.slice(0, 50),
    entry.targetId.slice(0, 64),
    JSON.stringify(entry.changes),
    entry.requestId?.slice(0, 64) ?? null,
    entry.outcome ?? 'SUCCEEDED',
    identity.sourceAddress?.slice(0, 64) ?? null,
  ];
}

function insertAudit(schema: string, rows: number): string {
  const width = AUDIT_COLUMNS.length;
  const tuples = Array.from({ length: rows }, (_, row) => `(${AUDIT_COLUMNS.map((_, column) => `$${row * width + column + 1}`).join(', ')})`);
  return `INSERT INTO "${schema}"."audit_log" (${AUDIT_COLUMNS.map((column) => `"${column}"`).join(', ')}) VALUES ${tuples.join(', ')}`;
}

/**
 * Writes an audit row through the caller's transaction: it commits with the change or not at all.
 * Who (subject, role, jurisdiction, source address) comes from the identity the gateway signed.
 */
export async function recordAudit(manager: EntityManager, schema: string, identity: Identity, entry: AuditEntry): Promise<void> {
  await manager.query(insertAudit(schema, 1), auditValues(identity, entry));
}

/**
 * Denied attempts: the denied operation wrote nothing, so their rows are committed on their own
 * (one statement), whatever became of the request.
 */
export async function recordDeniedAttempts(dataSource: DataSource, schema: string, identity: Identity, entries: readonly AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await dataSource.query(
    insertAudit(schema, entries.length),
    entries.flatMap((entry) => auditValues(identity, { ...entry, outcome: 'DENIED' })),
  );
}

/**
 * An access to personal data, logged in the same transaction as the read that answers it: the
 * caller gets the data only if the access-log row commits. The row records why (`reason`) and which
 * fields were shown, never their values.
 */
export async function withAccessLog<T>(dataSource: DataSource, schema: string, identity: Identity, entry: AuditEntry, read: (manager: EntityManager) => Promise<T>): Promise<T> {
  return dataSource.transaction(async (manager) => {
    const result = await read(manager);
    await recordAudit(manager, schema, identity, entry);
    return result;
  });
}
