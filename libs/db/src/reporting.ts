import { loadConfig } from '@cz/config';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { z } from 'zod';
import { checkReportingView, REPORTING_ROLE, REPORTING_SCHEMA, type ReportingView, sqlLiteral } from './reporting-view';

export * from './reporting-view';

/**
 * Creates a service's reporting views, documents each view and column (COMMENT ON, shown by
 * Metabase, Superset and psql's \d+), and lets the reporting role select from them — that grant is
 * all it gets: views run with their owner's rights, so the role needs nothing on the tables below.
 * Call it from the service's own migration, over the service's own tables.
 */
export async function createReportingViews(queryRunner: QueryRunner, views: readonly ReportingView[], role: string = REPORTING_ROLE): Promise<void> {
  views.forEach(checkReportingView);
  await ensureReportingAccess(queryRunner, role);
  for (const view of views) {
    const qualified = `"${REPORTING_SCHEMA}"."${view.name}"`;
    const columns = Object.keys(view.columns);
    await queryRunner.query(`CREATE VIEW ${qualified} (${columns.map((column) => `"${column}"`).join(', ')}) AS ${view.select}`);
    // The column list renames the SELECT's outputs but tolerates extra ones; an undocumented column is refused.
    const [{ count }] = await queryRunner.query(`SELECT count(*)::int AS "count" FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped`, [qualified]);
    if (count !== columns.length) throw new Error(`reporting view ${view.name} yields ${count} columns but documents ${columns.length}`);
    await queryRunner.query(`COMMENT ON VIEW ${qualified} IS ${sqlLiteral(view.comment)}`);
    for (const [column, comment] of Object.entries(view.columns)) {
      await queryRunner.query(`COMMENT ON COLUMN ${qualified}."${column}" IS ${sqlLiteral(comment)}`);
    }
    // Per view: ALTER DEFAULT PRIVILEGES would only cover views later created by the same owner.
    await queryRunner.query(`GRANT SELECT ON ${qualified} TO "${role}"`);
  }
}

/**
 * The migration by which a service creates its reporting views (`up`) and drops them (`down`).
 * `name` ends in the migration's timestamp, as TypeORM orders and records migrations by it.
 */
export function reportingViewsMigration(name: string, views: readonly ReportingView[]): new () => MigrationInterface {
  return class ReportingViewsMigration implements MigrationInterface {
    name = name;

    async up(queryRunner: QueryRunner): Promise<void> {
      await createReportingViews(queryRunner, views);
    }

    async down(queryRunner: QueryRunner): Promise<void> {
      await dropReportingViews(queryRunner, views);
    }
  };
}

/** The `down` of createReportingViews. The schema and the role stay: other services' views and other databases use them. */
export async function dropReportingViews(queryRunner: QueryRunner, views: readonly ReportingView[]): Promise<void> {
  for (const view of [...views].reverse()) {
    await queryRunner.query(`DROP VIEW "${REPORTING_SCHEMA}"."${view.name}"`);
  }
}

/**
 * The schema, the role, and the role's way in: CONNECT on this database and USAGE on the schema —
 * no privilege on any other schema, so it reads no table, sequence or function of a service.
 * - The services migrate at the same time on `npm start`: a transaction-scoped advisory lock
 *   (advisory locks are per database) makes them take turns, so CREATE SCHEMA IF NOT EXISTS and
 *   the GRANT on the database never race each other.
 * - Roles are cluster-wide and tests migrate many databases at once: a concurrent CREATE ROLE
 *   fails with duplicate_object or unique_violation, which means "someone else made it" and is
 *   caught inside the DO block (its own subtransaction) so the migration carries on.
 * - A DBA may create the role beforehand, and the migrating user then needs no CREATEROLE.
 */
export async function ensureReportingAccess(queryRunner: QueryRunner, role: string = REPORTING_ROLE): Promise<void> {
  const { REPORTING_DB_PASSWORD: password } = readReportingConfig();
  await queryRunner.query(`SELECT pg_advisory_xact_lock(hashtext('czhr.reporting-access'))`);
  await queryRunner.query(`CREATE SCHEMA IF NOT EXISTS "${REPORTING_SCHEMA}"`);
  await queryRunner.query(
    `COMMENT ON SCHEMA "${REPORTING_SCHEMA}" IS ${sqlLiteral(`报表视图：供数据团队的 BI 工具只读使用，不含个人信息 — Reporting views for BI tools, read-only through the ${role} role; no personal data. Each service creates the views over its own tables by migration.`)}`,
  );
  await queryRunner.query(`
    DO $$
    BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = ${sqlLiteral(role)}) THEN
        BEGIN
          CREATE ROLE "${role}" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT NOREPLICATION NOBYPASSRLS;
          -- A second guard behind the grants: a BI tool's session starts read-only. It is not the
          -- boundary (a session may switch it off); the grants are.
          ALTER ROLE "${role}" SET default_transaction_read_only = on;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN
          NULL; -- created meanwhile by a migration of another database
        END;
      END IF;
      EXECUTE format('GRANT CONNECT ON DATABASE %I TO %I', current_database(), ${sqlLiteral(role)});
    END $$`);
  await queryRunner.query(`GRANT USAGE ON SCHEMA "${REPORTING_SCHEMA}" TO "${role}"`);
  if (password) await queryRunner.query(`ALTER ROLE "${role}" PASSWORD ${sqlLiteral(password)}`);
}

/** Read when a reporting migration runs; unset locally, where the server trusts local connections. */
function readReportingConfig() {
  return loadConfig({ REPORTING_DB_PASSWORD: z.string().min(16, 'must be at least 16 characters').optional() });
}
