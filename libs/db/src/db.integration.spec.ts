import { randomBytes } from 'node:crypto';
import { LOCAL_DEFAULTS } from '@cz/config';
import { DataSource } from 'typeorm';
import { addAuditOutcomeColumns, createAppendOnlyTrigger, createAuditTable, recordAudit, recordDeniedAttempts, withAccessLog } from './audit';
import { dropDatabase, ensureDatabase } from './database-admin';
import { guardedUpdate } from './guarded-update';
import { seedWhenEmpty } from './seed-once';
import { type RequestStats, withRequestStats, WriteCountingSubscriber } from './statement-stats';

const SCHEMA = 'db_test';

describe('db helpers (real PostgreSQL)', () => {
  // This library creates test databases for everyone else, so it makes its own directly.
  const target = new URL(process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? LOCAL_DEFAULTS.databaseUrl);
  target.pathname = `/czhr_test_db_${randomBytes(4).toString('hex')}`;
  const url = target.toString();
  let dataSource: DataSource;

  beforeAll(async () => {
    await ensureDatabase(url);
    dataSource = new DataSource({ type: 'postgres', url, subscribers: [WriteCountingSubscriber] });
    await dataSource.initialize();
    const runner = dataSource.createQueryRunner();
    await runner.query(`CREATE SCHEMA ${SCHEMA}`);
    await createAuditTable(runner, SCHEMA);
    await addAuditOutcomeColumns(runner, SCHEMA);
    await runner.query(`CREATE TABLE ${SCHEMA}.item (id int PRIMARY KEY, status text NOT NULL, version int NOT NULL DEFAULT 1)`);
    await runner.release();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await dropDatabase(url);
  });

  it('keeps the audit log append-only, even for the service itself', async () => {
    await dataSource.transaction((manager) => recordAudit(manager, SCHEMA, { subject: 'u1', role: 'CITY_BUREAU' }, { operation: 'item.create', targetType: 'Item', targetId: '1', changes: { status: [null, 'NEW'] } }));
    await expect(dataSource.query(`UPDATE ${SCHEMA}.audit_log SET actor = 'someone else'`)).rejects.toThrow(/append-only/);
    await expect(dataSource.query(`DELETE FROM ${SCHEMA}.audit_log`)).rejects.toThrow(/append-only/);
    await expect(dataSource.query(`TRUNCATE ${SCHEMA}.audit_log`)).rejects.toThrow(/append-only/);
    const rows = await dataSource.query(`SELECT actor, operation, changes, outcome FROM ${SCHEMA}.audit_log`);
    expect(rows).toEqual([{ actor: 'u1', operation: 'item.create', changes: { status: [null, 'NEW'] }, outcome: 'SUCCEEDED' }]);
  });

  it('records who, from where, with which request and outcome; denied attempts commit on their own', async () => {
    const officer = { subject: 'u2', role: 'COUNTY_BUREAU' as const, countyCode: '140403', sourceAddress: '203.0.113.7' };
    await dataSource.transaction((manager) => recordAudit(manager, SCHEMA, officer, { operation: 'item.update', targetType: 'Item', targetId: '2', changes: {}, requestId: 'req-1' }));
    await recordDeniedAttempts(dataSource, SCHEMA, officer, [
      { operation: 'item.delete', targetType: 'Item', targetId: '2', changes: {}, requestId: 'req-2' },
      { operation: 'item.read', targetType: 'Item', targetId: '3', changes: {}, requestId: 'req-2' },
    ]);
    const rows = await dataSource.query(`SELECT operation, county_code, source_address, request_id, outcome FROM ${SCHEMA}.audit_log WHERE actor = 'u2' ORDER BY id`);
    expect(rows).toEqual([
      { operation: 'item.update', county_code: '140403', source_address: '203.0.113.7', request_id: 'req-1', outcome: 'SUCCEEDED' },
      { operation: 'item.delete', county_code: '140403', source_address: '203.0.113.7', request_id: 'req-2', outcome: 'DENIED' },
      { operation: 'item.read', county_code: '140403', source_address: '203.0.113.7', request_id: 'req-2', outcome: 'DENIED' },
    ]);
    await expect(dataSource.query(`INSERT INTO ${SCHEMA}.audit_log (actor, role, operation, target_type, target_id, outcome) VALUES ('x', 'PUBLIC', 'o', 't', '1', 'MAYBE')`)).rejects.toThrow(/audit_log_outcome_check/);
  });

  it('answers an access to personal data only together with its access-log row', async () => {
    const city = { subject: 'u3', role: 'CITY_BUREAU' as const };
    const entry = { operation: 'item.contact.reveal', targetType: 'Item', targetId: '4', changes: { reason: '核实联系方式' } };
    await expect(withAccessLog(dataSource, SCHEMA, city, entry, async () => 'shown')).resolves.toBe('shown');
    await expect(withAccessLog(dataSource, SCHEMA, city, { ...entry, operation: 'x'.repeat(200), targetType: 'y'.repeat(80) }, async () => 'cut to size')).resolves.toBe('cut to size');
    await expect(withAccessLog(dataSource, SCHEMA, { ...city, role: 'NOT_A_ROLE_AND_FAR_TOO_LONG_FOR_ITS_COLUMN' as never }, entry, async () => 'never shown')).rejects.toThrow();
    const rows = await dataSource.query(`SELECT changes FROM ${SCHEMA}.audit_log WHERE actor = 'u3'`);
    expect(rows).toHaveLength(2);
    expect(rows[0].changes).toEqual({ reason: '核实联系方式' });
  });

  it('makes any table append-only with one helper', async () => {
    const runner = dataSource.createQueryRunner();
    await runner.query(`CREATE TABLE ${SCHEMA}.history (id int PRIMARY KEY)`);
    await createAppendOnlyTrigger(runner, SCHEMA, 'history');
    await runner.release();
    await dataSource.query(`INSERT INTO ${SCHEMA}.history VALUES (1)`);
    await expect(dataSource.query(`UPDATE ${SCHEMA}.history SET id = 2`)).rejects.toThrow(/history is append-only/);
    await expect(dataSource.query(`DELETE FROM ${SCHEMA}.history`)).rejects.toThrow(/history is append-only/);
  });

  it('counts, per request, the statements that changed rows and the audit rows written (the audit check of mutations)', async () => {
    await dataSource.query(`INSERT INTO ${SCHEMA}.item (id, status) VALUES (50, 'NEW')`);
    const statsOf = async (work: () => Promise<unknown>) => {
      const stats: RequestStats = { sqlStatements: 0 };
      await withRequestStats(stats, work);
      return { writes: stats.writeStatements ?? 0, audits: stats.auditInserts ?? 0 };
    };
    // Matching nothing is no write: a guarded update that lost, a replayed insert.
    expect(await statsOf(() => dataSource.query(`UPDATE ${SCHEMA}.item SET status = 'X' WHERE id = -1`))).toEqual({ writes: 0, audits: 0 });
    expect(await statsOf(() => dataSource.query(`INSERT INTO ${SCHEMA}.item (id, status) VALUES (50, 'NEW') ON CONFLICT DO NOTHING`))).toEqual({ writes: 0, audits: 0 });
    expect(await statsOf(() => dataSource.query(`SELECT * FROM ${SCHEMA}.item WHERE id = 50 FOR UPDATE`))).toEqual({ writes: 0, audits: 0 });
    expect(await statsOf(() => dataSource.query(`UPDATE ${SCHEMA}.item SET status = 'DONE' WHERE id = 50`))).toEqual({ writes: 1, audits: 0 });
    const audited = () =>
      dataSource.transaction(async (manager) => {
        await manager.query(`UPDATE ${SCHEMA}.item SET status = 'AUDITED' WHERE id = 50`);
        await recordAudit(manager, SCHEMA, { subject: 'u5', role: 'CITY_BUREAU' }, { operation: 'item.update', targetType: 'Item', targetId: '50', changes: {} });
      });
    expect(await statsOf(audited)).toEqual({ writes: 1, audits: 1 });
  });

  it('reports how many rows a guarded update changed, so a lost race is visible', async () => {
    await dataSource.query(`INSERT INTO ${SCHEMA}.item (id, status) VALUES (1, 'DRAFT')`);
    const advance = () => dataSource.transaction((manager) => guardedUpdate(manager, `UPDATE ${SCHEMA}.item SET status = 'SUBMITTED', version = version + 1 WHERE id = $1 AND version = $2`, [1, 1]));
    const results = await Promise.all([advance(), advance()]);
    expect(results.sort()).toEqual([0, 1]);
    await expect(dataSource.transaction((manager) => guardedUpdate(manager, `DELETE FROM ${SCHEMA}.item`, []))).rejects.toThrow(/UPDATE statements only/);
  });

  it('seeds an empty table once, however many seeders race', async () => {
    const seed = () => seedWhenEmpty(dataSource, SCHEMA, 'item', async (manager) => (await manager.query(`INSERT INTO ${SCHEMA}.item (id, status) SELECT n, 'DEMO' FROM generate_series(10, 12) n`), 3));
    await dataSource.query(`DELETE FROM ${SCHEMA}.item`);
    const written = await Promise.all([seed(), seed(), seed()]);
    expect(written.sort()).toEqual([0, 0, 3]);
    expect(Number((await dataSource.query(`SELECT count(*) AS n FROM ${SCHEMA}.item`))[0].n)).toBe(3);
  });
});
