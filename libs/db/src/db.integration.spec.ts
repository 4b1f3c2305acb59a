import { randomBytes } from 'node:crypto';
import { LOCAL_DEFAULTS } from '@cz/config';
import { DataSource } from 'typeorm';
import { createAuditTable, recordAudit } from './audit';
import { dropDatabase, ensureDatabase } from './database-admin';
import { guardedUpdate } from './guarded-update';
import { seedWhenEmpty } from './seed-once';

const SCHEMA = 'db_test';

describe('db helpers (real PostgreSQL)', () => {
  // This library creates test databases for everyone else, so it makes its own directly.
  const target = new URL(process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? LOCAL_DEFAULTS.databaseUrl);
  target.pathname = `/czhr_test_db_${randomBytes(4).toString('hex')}`;
  const url = target.toString();
  let dataSource: DataSource;

  beforeAll(async () => {
    await ensureDatabase(url);
    dataSource = new DataSource({ type: 'postgres', url });
    await dataSource.initialize();
    const runner = dataSource.createQueryRunner();
    await runner.query(`CREATE SCHEMA ${SCHEMA}`);
    await createAuditTable(runner, SCHEMA);
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
    const rows = await dataSource.query(`SELECT actor, operation, changes FROM ${SCHEMA}.audit_log`);
    expect(rows).toEqual([{ actor: 'u1', operation: 'item.create', changes: { status: [null, 'NEW'] } }]);
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
